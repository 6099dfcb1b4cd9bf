using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Handoff;

namespace My8x8.SalesBot.Extensions;

/// <summary>
/// ASP.NET Core's rate limiter on the doors a guesser would hammer, partitioned by client address. Behind the known
/// proxy the address is the customer's (forwarded headers run first), so one visitor cannot use up everyone's share.
/// </summary>
internal static class RateLimitExtensions
{
    public const string SignInPolicy = AgentConsoleEndpoints.SignInRateLimitPolicy;
    public const string CardPagePolicy = "card-page";
    public const string DirectLineTokensPolicy = DirectLineEndpoints.TokensRateLimitPolicy;

    public static IServiceCollection AddSalesBotRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(
                options => new[] { options.SignInPerAddress, options.SignInPerAccount, options.CardPagePerAddress, options.DirectLineTokensPerAddress }
                    .All(limit => limit.PermitLimit >= 1 && limit.Window >= TimeSpan.FromSeconds(1)),
                "Every SalesBot:RateLimits entry needs a PermitLimit of at least 1 and a Window of at least 1 second.")
            .ValidateOnStart();

        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInPolicy, context => PerAddress(context, options => options.SignInPerAddress));
            limiter.AddPolicy(CardPagePolicy, context => PerAddress(context, options => options.CardPagePerAddress));
            limiter.AddPolicy(DirectLineTokensPolicy, context =>
                // Starting a conversation with a token already issued mints nothing new (a forged one is refused with 401).
                context.Request.Path.Value?.EndsWith("/conversations", StringComparison.Ordinal) == true && context.Request.Headers.Authorization.Count > 0
                    ? RateLimitPartition.GetNoLimiter("token-holder")
                    : PerAddress(context, options => options.DirectLineTokensPerAddress));
            limiter.OnRejected = (rejected, cancellationToken) => new ValueTask(RejectAsync(rejected, cancellationToken));
        });
        return services;
    }

    /// <summary>The client address the limits are counted by (the proxy's X-Forwarded-For when the proxy is known).</summary>
    public static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";

    private static RateLimitPartition<string> PerAddress(HttpContext context, Func<RateLimitOptions, RateLimitWindow> pick)
    {
        var limit = pick(context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value);
        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
        });
    }

    /// <summary>429 with Retry-After, in the form the caller reads: the sign-in page, a short page, or Direct Line's JSON error.</summary>
    private static async Task RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimitExtensions))
            .LogInformation("Too many requests to {Path} from {ClientAddress}", http.Request.Path.Value, ClientAddress(http));

        var path = http.Request.Path;
        if (path.StartsWithSegments(AgentAuthentication.SignInPath))
        {
            await AgentConsoleEndpoints.SignInForm(
                    http, http.RequestServices.GetRequiredService<IAntiforgery>(), "/agent", accountsConfigured: true, StatusCodes.Status429TooManyRequests,
                    $"Too many sign-in attempts from your network. Try again in {RateLimitOptions.RetryIn(wait)}.")
                .ExecuteAsync(http);
            return;
        }

        if (path.StartsWithSegments("/webchat") || path.StartsWithSegments("/v3/directline"))
        {
            await DirectLineEndpoints.Error(StatusCodes.Status429TooManyRequests, "TooManyRequests", $"Too many requests from this address. Try again in {RateLimitOptions.RetryIn(wait)}.")
                .ExecuteAsync(http);
            return;
        }

        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync($"Too many requests from your network. Please wait {RateLimitOptions.RetryIn(wait)} and open the link again.", cancellationToken);
    }
}
