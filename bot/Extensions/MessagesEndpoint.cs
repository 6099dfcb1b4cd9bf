using System.Buffers;
using System.ComponentModel.DataAnnotations;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Extensions;

/// <summary>Settings under <c>SalesBot:Messages</c>: what <c>/api/messages</c> accepts.</summary>
public sealed class MessagesOptions
{
    public const string Section = "SalesBot:Messages";

    /// <summary>
    /// The largest activity accepted, in bytes. Bot Framework activities are small (Teams caps a message at about
    /// 100 KB); 256 KB leaves room for card submits and channel data without letting a caller make the host buffer megabytes.
    /// </summary>
    [Range(16 * 1024, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>The longest message text accepted, in characters; longer is refused with 400 before any turn runs.</summary>
    [Range(100, 100_000)]
    public int MaxTextLength { get; set; } = 10_000;

    /// <summary>
    /// How long fetching the channel's OpenID metadata or signing keys may take before the request is answered 503:
    /// short enough that a hanging endpoint is answered while the channel (which retries after 15 s) still waits.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan MetadataTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// <c>/api/messages</c>: reads the body up to <see cref="MessagesOptions.MaxBodyBytes"/>, refuses with 400 (and a reason)
/// an activity the bot could not answer — not JSON, nested too deep, no type, conversation, channel, sender or
/// serviceUrl, text over the limit — authenticates it (401 with a reason; 503 when the channel's metadata cannot be fetched), and then passes the same bytes to the adapter, which runs the turn.
/// </summary>
internal static class MessagesEndpoint
{
    // Newtonsoft (the SDK's reader) would follow any depth; no activity the bot answers is nested this deep.
    private const int MaxDepth = 64;
    private const int MaxIdLength = 1024;
    private const int MetadataRetryAfterSeconds = 5;

    public static async Task HandleAsync(
        HttpContext http, IBotFrameworkHttpAdapter adapter, IBot bot, RefusingBotFrameworkAuthentication authentication, IOptions<MessagesOptions> options, ILoggerFactory loggers)
    {
        var request = http.Request;
        var limits = options.Value;
        if (!HttpMethods.IsPost(request.Method))
        {
            await adapter.ProcessAsync(request, http.Response, bot, http.RequestAborted);
            return;
        }

        if (request.ContentLength > limits.MaxBodyBytes)
        {
            await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, $"An activity can be at most {limits.MaxBodyBytes} bytes.");
            return;
        }

        var body = await ReadBodyAsync(request, limits.MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            await RefuseAsync(http, StatusCodes.Status413PayloadTooLarge, $"An activity can be at most {limits.MaxBodyBytes} bytes.");
            return;
        }

        var (problem, probe) = Check(body.Value, limits);
        if (problem is not null)
        {
            await RefuseAsync(http, StatusCodes.Status400BadRequest, problem);
            return;
        }

        var authenticated = await authentication.PreauthenticateAsync(probe!, request.Headers.Authorization.ToString(), http.RequestAborted);
        switch (authenticated.Outcome)
        {
            case ChannelAuthenticationOutcome.Refused:
                await RefuseAsync(http, StatusCodes.Status401Unauthorized, $"Channel authentication refused: {authenticated.Reason}.");
                return;
            case ChannelAuthenticationOutcome.Unavailable:
                // Not the caller's fault and not final: the channel retries a 503, and the metadata may be back by then.
                // The cause stays in the operator's log; the caller learns only what it needs to retry.
                http.Response.Headers.RetryAfter = MetadataRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await RefuseAsync(http, StatusCodes.Status503ServiceUnavailable,
                    "The bot cannot check channel tokens right now: the channel's OpenID metadata could not be fetched. Retry later.");
                return;
            case ChannelAuthenticationOutcome.Accepted:
                break;
        }

        request.Body = new MemoryStream(body.Value.Array!, body.Value.Offset, body.Value.Count, writable: false);
        try
        {
            await adapter.ProcessAsync(request, http.Response, bot, http.RequestAborted);
        }
        catch (HttpRequestException exception) when (IsUnreachable(exception) && !http.Response.HasStarted)
        {
            // The serviceUrl the activity named does not answer at all (nothing listens there, or the name does not
            // resolve): the caller's address is wrong, which is a client error, not this host's.
            loggers.CreateLogger(typeof(MessagesEndpoint)).LogInformation("Could not reach the serviceUrl of an activity: {Reason}", exception.HttpRequestError);
            http.Response.Clear();
            await RefuseAsync(http, StatusCodes.Status400BadRequest, "The activity's serviceUrl could not be reached, so the bot cannot reply.");
        }
    }

    /// <summary>
    /// Why the activity cannot be answered, in words for the caller; or no problem and the fields authentication checks
    /// (channel, serviceUrl, recipient role).
    /// </summary>
    internal static (string? Problem, Activity? Probe) Check(ReadOnlyMemory<byte> body, MessagesOptions limits)
    {
        var problem = Inspect(body, limits, out var probe);
        return (problem, problem is null ? probe : null);
    }

    private static string? Inspect(ReadOnlyMemory<byte> body, MessagesOptions limits, out Activity probe)
    {
        probe = new Activity();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException)
        {
            return $"The body must be a Bot Framework activity in JSON (nested at most {MaxDepth} levels).";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "The body must be a Bot Framework activity (a JSON object).";
            }

            var type = Text(root, "type");
            if (type is not { Length: > 0 })
            {
                return "The activity has no type.";
            }

            if (Text(root, "channelId") is not { Length: > 0 and <= MaxIdLength })
            {
                return "The activity has no channelId.";
            }

            if (!root.TryGetProperty("conversation", out var conversation) || conversation.ValueKind != JsonValueKind.Object
                || Text(conversation, "id") is not { Length: > 0 and <= MaxIdLength })
            {
                return "The activity has no conversation id.";
            }

            // A message or invoke is answered to its sender; other activities (a conversation update) may come from no one.
            var fromId = root.TryGetProperty("from", out var from) && from.ValueKind == JsonValueKind.Object ? Text(from, "id") : null;
            if ((type is "message" or "invoke" && string.IsNullOrEmpty(fromId)) || fromId?.Length > MaxIdLength)
            {
                return "The activity has no sender (from.id).";
            }

            // Replies go to the serviceUrl, unless the caller asked for them in the HTTP answer.
            if (!string.Equals(Text(root, "deliveryMode"), "expectReplies", StringComparison.OrdinalIgnoreCase)
                && !(Uri.TryCreate(Text(root, "serviceUrl"), UriKind.Absolute, out var serviceUrl) && serviceUrl.Scheme is "https" or "http"))
            {
                return "The activity has no serviceUrl (an absolute http or https address) to reply to.";
            }

            if (root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String && text.GetString()!.Length > limits.MaxTextLength)
            {
                return $"The message text can be at most {limits.MaxTextLength} characters.";
            }

            probe.Type = type;
            probe.ChannelId = Text(root, "channelId");
            probe.ServiceUrl = Text(root, "serviceUrl");
            if (root.TryGetProperty("recipient", out var recipient) && recipient.ValueKind == JsonValueKind.Object)
            {
                probe.Recipient = new ChannelAccount(Text(recipient, "id"), role: Text(recipient, "role"));
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool IsUnreachable(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        || exception.InnerException is SocketException;

    /// <summary>The body, or null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<ArraySegment<byte>?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(request.ContentLength is > 0 and var length ? (int)length : 4096);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return null;
            }
        }

        return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(buffer.WrittenMemory, out var segment) ? segment : new ArraySegment<byte>(buffer.WrittenMemory.ToArray());
    }

    private static Task RefuseAsync(HttpContext http, int status, string reason) =>
        Results.Problem(statusCode: status, title: status switch
        {
            StatusCodes.Status413PayloadTooLarge => "Activity too large",
            StatusCodes.Status401Unauthorized => "Not authenticated",
            StatusCodes.Status503ServiceUnavailable => "Channel authentication unavailable",
            _ => "Activity refused",
        }, detail: reason).ExecuteAsync(http);
}
