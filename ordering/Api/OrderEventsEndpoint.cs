using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Ordering.Api;

/// <summary>
/// <c>POST /ordering/v1/orders/{orderNumber}/events</c>: a fulfilment system's status changes. The body is read here
/// with a size limit (413 past <see cref="OrderLifecycleOptions.MaxEventBodyBytes"/>), its signature checked when it
/// comes signed instead of with a key, and every refusal answered as a problem with a reason — never a 500.
/// </summary>
internal static class OrderEventsEndpoint
{
    public const string SignatureHeader = "X-Fulfilment-Signature";

    /// <summary>Marks the endpoint a signed request may call without an API key (see <see cref="OrderingApiCallers"/>).</summary>
    internal sealed class SignedWebhook;

    public static async Task<Results<Ok<OrderEventResult>, ProblemHttpResult>> PostAsync(
        string orderNumber, HttpContext http, IOrderingService ordering, TimeProvider time, CancellationToken ct)
    {
        var lifecycle = http.RequestServices.GetRequiredService<IOptions<OrderingOptions>>().Value.Lifecycle;
        if (http.Request.ContentLength > lifecycle.MaxEventBodyBytes)
        {
            return TooLarge(lifecycle.MaxEventBodyBytes);
        }

        if (!http.Request.HasJsonContentType())
        {
            throw Invalid("the body must be JSON (Content-Type: application/json)");
        }

        var body = await ReadLimitedAsync(http.Request.Body, lifecycle.MaxEventBodyBytes, ct);
        if (body is null)
        {
            return TooLarge(lifecycle.MaxEventBodyBytes);
        }

        var caller = OrderingApiCaller.Of(http);
        if (caller is null)
        {
            // Admitted without a key: only a valid signature over this very body lets it through.
            if (!SignatureIsValid(http.Request.Headers[SignatureHeader].ToString(), body, lifecycle, time.GetUtcNow()))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The signature is not valid.",
                    detail: $"Sign the body with the webhook secret: {SignatureHeader}: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">, within {lifecycle.SignatureTolerance.TotalMinutes:0} minutes of now.",
                    type: OrderingApi.ProblemTypeBase + "InvalidSignature", extensions: new Dictionary<string, object?> { ["code"] = "InvalidSignature" });
            }
        }

        OrderEvent? orderEvent;
        try
        {
            orderEvent = body.Length == 0 ? null : JsonSerializer.Deserialize<OrderEvent>(body, OrderingJson.Options);
        }
        catch (JsonException ex)
        {
            throw new OrderingException(OrderingError.InvalidRequest, new Dictionary<string, string> { ["problem"] = $"the JSON body is not valid: {ex.Message}" }, ex);
        }

        if (orderEvent is null)
        {
            throw Invalid("a JSON body is required");
        }

        return TypedResults.Ok(await ordering.ApplyOrderEventAsync(orderNumber, orderEvent, caller?.Name ?? "fulfilment-webhook", ct));
    }

    /// <summary>Signs a body as the webhook expects (the fulfilment side; tests).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret, DateTimeOffset at)
    {
        var timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={timestamp},v1={Convert.ToHexStringLower(Mac(timestamp, body, secret))}";
    }

    internal static bool SignatureIsValid(string header, ReadOnlySpan<byte> body, OrderLifecycleOptions lifecycle, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(lifecycle.WebhookSecret) || header.Length is 0 or > 500)
        {
            return false;
        }

        string? timestamp = null, signature = null;
        foreach (var part in header.Split(','))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length == 2 && pair[0] == "t") { timestamp = pair[1]; }
            if (pair.Length == 2 && pair[0] == "v1") { signature = pair[1]; }
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || signature is null
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            || (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > lifecycle.SignatureTolerance)
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(timestamp!, body, lifecycle.WebhookSecret));
    }

    private static byte[] Mac(string timestamp, ReadOnlySpan<byte> body, string secret)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    /// <summary>The body, or null when it is longer than <paramref name="limit"/> (a chunked body has no Content-Length to check first).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, int limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The event is too large.",
            detail: string.Create(CultureInfo.InvariantCulture, $"An event body may have at most {limit} bytes."),
            type: OrderingApi.ProblemTypeBase + "PayloadTooLarge", extensions: new Dictionary<string, object?> { ["code"] = "PayloadTooLarge" });

    private static OrderingException Invalid(string problem) =>
        new(OrderingError.InvalidRequest, new Dictionary<string, string> { ["problem"] = problem });
}
