using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Ordering.Api;

/// <summary>What a caller of the ordering REST API may do.</summary>
public enum OrderingApiScope
{
    /// <summary>Reads only: users, eligibility, cards (brand and last four), carts, orders, the catalog.</summary>
    ReadOnly,

    /// <summary>Reads, and changes carts, quotes, card links and orders.</summary>
    Ordering,

    /// <summary>A fulfilment system: reads, and posts order status events — nothing else.</summary>
    Fulfilment,

    /// <summary>
    /// Everything <see cref="Ordering"/> may, and prepares carts as a sales agent (held to the sales-assisted limits):
    /// for a sales desk that signs its agents in itself, such as the bot's agent console. Never a browser's.
    /// </summary>
    SalesAssisted,
}

/// <summary>Marks an endpoint only a <see cref="OrderingApiScope.SalesAssisted"/> caller may use.</summary>
internal sealed class RequiresSalesAssistedScope;

/// <summary>
/// Proves who the user behind a browser's bearer token is (for the host: the website chat's embedded Direct Line
/// token), or null. Such a caller reads only its own user.
/// </summary>
public interface IOrderingUserTokenValidator
{
    ValueTask<string?> ValidateAsync(string token, CancellationToken cancellationToken);
}

/// <summary>One caller of the API: a service (any user) with a scope, or one user (read-only, itself only).</summary>
public sealed record OrderingApiCaller(string Name, OrderingApiScope Scope, string? OwnUserId)
{
    /// <summary>The caller the API filter admitted for this request.</summary>
    public static OrderingApiCaller? Of(HttpContext context) =>
        context?.Items.TryGetValue(typeof(OrderingApiCaller), out var caller) == true ? caller as OrderingApiCaller : null;

    /// <summary>Whether this caller may see what belongs to <paramref name="userId"/>.</summary>
    public bool MaySee(string userId) => OwnUserId is null || string.Equals(OwnUserId, userId, StringComparison.Ordinal);
}

/// <summary>
/// Who may call the API. <c>X-Api-Key</c>: the service key (<see cref="OrderingOptions.ApiKey"/>, every scope) or one of
/// the scoped keys (<see cref="OrderingOptions.ApiKeys"/>). <c>Authorization: Bearer</c>: a browser's user token — its own
/// user only, read-only. With no key configured at all (Development only: the host does not serve the API otherwise)
/// the developer's own machine (loopback) may call without one; any other address is treated as a stranger.
/// </summary>
internal static class OrderingApiCallers
{
    public static async ValueTask<object?> AuthorizeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var signedWebhook = http.GetEndpoint()?.Metadata.GetMetadata<OrderEventsEndpoint.SignedWebhook>() is not null;
        if (signedWebhook && http.Request.Headers.ContainsKey(OrderEventsEndpoint.SignatureHeader)
            && !http.Request.Headers.ContainsKey(OrderingApi.ApiKeyHeader) && !http.Request.Headers.ContainsKey("Authorization"))
        {
            // A signed fulfilment webhook carries no key: the endpoint checks the signature over the body it reads.
            return await next(context);
        }

        var (caller, refusal) = await ResolveAsync(http);
        if (caller is null)
        {
            return refusal;
        }

        if (caller.Scope == OrderingApiScope.ReadOnly && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            return Refused(StatusCodes.Status403Forbidden, "InsufficientScope", "This credential may only read.", "Use a key with the Ordering scope to change carts or place orders.");
        }

        if (caller.Scope == OrderingApiScope.Fulfilment && !signedWebhook && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            return Refused(StatusCodes.Status403Forbidden, "InsufficientScope", "This credential may only read and post order events.", "Use a key with the Ordering scope to change carts or place orders.");
        }

        if (caller.Scope != OrderingApiScope.SalesAssisted && http.GetEndpoint()?.Metadata.GetMetadata<RequiresSalesAssistedScope>() is not null)
        {
            // A customer (their own token) or an ordinary integration cannot claim an agent prepared a cart.
            return Refused(StatusCodes.Status403Forbidden, "InsufficientScope", "Only a sales desk may prepare a sales-assisted cart.",
                "Preparing a cart as a sales agent needs a key with the SalesAssisted scope; customers build their carts through the ordinary cart endpoints.");
        }

        if (caller.OwnUserId is not null)
        {
            if (string.Equals(http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, "FindUserByAad", StringComparison.Ordinal))
            {
                return Refused(StatusCodes.Status403Forbidden, "ForbiddenUser", "Looking users up is for services.", "A user token reads its own user only.");
            }

            var userId = http.Request.RouteValues.TryGetValue("userId", out var route) ? route?.ToString() : http.Request.Query["userId"].ToString();
            if (!string.IsNullOrEmpty(userId) && !caller.MaySee(userId))
            {
                return Refused(StatusCodes.Status403Forbidden, "ForbiddenUser", "This token reads its own user only.", "A user token reads its own user only.");
            }
        }

        http.Items[typeof(OrderingApiCaller)] = caller;
        return await next(context);
    }

    private static async ValueTask<(OrderingApiCaller? Caller, IResult? Refusal)> ResolveAsync(HttpContext http)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<OrderingOptions>>().Value;
        var given = http.Request.Headers[OrderingApi.ApiKeyHeader].ToString();
        if (given.Length > 0)
        {
            if (Matches(given, options.ApiKey))
            {
                return (new OrderingApiCaller("service", OrderingApiScope.SalesAssisted, null), null);
            }

            var scoped = options.ApiKeys.FirstOrDefault(key => Matches(given, key.Key));
            return scoped is null
                ? (null, Refused(StatusCodes.Status401Unauthorized, "Unauthorized", "The API key is not valid.", $"Send a valid key in the {OrderingApi.ApiKeyHeader} header."))
                : (new OrderingApiCaller(scoped.Name, scoped.Scope, null), null);
        }

        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var validator = http.RequestServices.GetService<IOrderingUserTokenValidator>();
            var userId = validator is null ? null : await validator.ValidateAsync(authorization["Bearer ".Length..].Trim(), http.RequestAborted);
            return userId is null
                ? (null, Refused(StatusCodes.Status401Unauthorized, "Unauthorized", "The token is not valid.", "Send your own user's valid token (Authorization: Bearer …), or an API key."))
                : (new OrderingApiCaller("user", OrderingApiScope.ReadOnly, userId), null);
        }

        var noKeys = string.IsNullOrEmpty(options.ApiKey) && options.ApiKeys.Count == 0;
        if (noKeys && IsThisMachine(http))
        {
            return (new OrderingApiCaller("local", OrderingApiScope.SalesAssisted, null), null);
        }

        return (null, Refused(StatusCodes.Status401Unauthorized, "Unauthorized", "An API key is required.", $"Send the ordering API key in the {OrderingApi.ApiKeyHeader} header, or your own user's token (Authorization: Bearer …)."));
    }

    /// <summary>The in-process test server (no address) or a loopback connection that no proxy forwarded.</summary>
    private static bool IsThisMachine(HttpContext http) =>
        http.Connection.RemoteIpAddress is not { } address
        || (IPAddress.IsLoopback(address) && !http.Request.Headers.ContainsKey("X-Forwarded-For"));

    private static bool Matches(string given, string? expected) =>
        !string.IsNullOrEmpty(expected) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static ProblemHttpResult Refused(int status, string code, string title, string detail) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: detail,
            type: OrderingApi.ProblemTypeBase + code,
            extensions: new Dictionary<string, object?> { ["code"] = code });
}
