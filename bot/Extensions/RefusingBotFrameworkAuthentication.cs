using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.IdentityModel.Tokens;

namespace My8x8.SalesBot.Extensions;

/// <summary>
/// The SDK's channel authentication with its refusals made uniform. The SDK answers 401 only for the
/// <see cref="UnauthorizedAccessException"/>s it throws itself (and logs each as an error with its stack); the token
/// library's exceptions (a malformed token, an unsigned one, an unknown key, a token not yet valid) escape the adapter as
/// 500s. So <c>/api/messages</c> authenticates first, through <see cref="PreauthenticateAsync"/>: a refusal is answered
/// there with 401 and a reason, counted and logged by <see cref="ChannelRefusalLog"/> without a stack, and the adapter
/// never runs; an accepted request's result is handed to the adapter's own call, so the token is validated once.
/// When the channel's OpenID metadata or signing keys cannot be fetched, no token can be checked: that is answered
/// with 503 (the channel retries it) and reported as an outage, not as the caller's fault.
/// </summary>
internal sealed class RefusingBotFrameworkAuthentication(BotFrameworkAuthentication inner, ChannelRefusalLog refusals) : BotFrameworkAuthentication
{
    private static readonly AsyncLocal<Preauthenticated?> Current = new();

    /// <summary>
    /// Authenticates a request before the adapter reads it; <paramref name="probe"/> carries the fields the SDK checks
    /// (channel, serviceUrl, recipient). Accepted — and then the adapter's call in the same flow gets this result
    /// instead of validating again — refused (the caller's token), or unavailable (the metadata, not the caller).
    /// </summary>
    public async Task<ChannelAuthentication> PreauthenticateAsync(Activity probe, string? authHeader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        try
        {
            var result = await inner.AuthenticateRequestAsync(probe, authHeader ?? "", cancellationToken);
            Current.Value = new Preauthenticated(authHeader ?? "", probe.ChannelId, probe.ServiceUrl, result);
            return ChannelAuthentication.Accepted;
        }
        catch (Exception exception) when (IsRefusal(exception))
        {
            var reason = Reason(exception);
            refusals.Record(reason);
            return ChannelAuthentication.Refused(reason);
        }
        catch (Exception exception) when (IsMetadataUnavailable(exception))
        {
            var reason = OutageReason(exception);
            refusals.RecordMetadataUnavailable(reason);
            return ChannelAuthentication.Unavailable(reason);
        }
    }

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (Current.Value is { } pre && pre.AuthHeader == (authHeader ?? "") && pre.ChannelId == activity.ChannelId && pre.ServiceUrl == activity.ServiceUrl)
        {
            Current.Value = null;
            return pre.Result;
        }

        try
        {
            return await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        }
        catch (Exception exception) when (IsRefusal(exception))
        {
            throw Refuse(exception);
        }
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);
        }
        catch (Exception exception) when (IsRefusal(exception))
        {
            throw Refuse(exception);
        }
    }

    public override async Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken)
    {
        try
        {
            return await inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);
        }
        catch (Exception exception) when (IsRefusal(exception))
        {
            throw Refuse(exception);
        }
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) => inner.CreateConnectorFactory(claimsIdentity);

    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        inner.CreateUserTokenClientAsync(claimsIdentity, cancellationToken);

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    /// <summary>
    /// What the caller sent is at fault. Not a refusal: the metadata or key endpoint being unreachable, which is this
    /// host's problem and not something a caller can cause (see <see cref="IsMetadataUnavailable"/>).
    /// </summary>
    internal static bool IsRefusal(Exception exception) => exception is
        UnauthorizedAccessException
        or SecurityTokenException
        or ArgumentException
        or FormatException
        or Newtonsoft.Json.JsonException
        or System.Text.Json.JsonException;

    /// <summary>
    /// The token library could not obtain the metadata or keys at all (IDX20803 wraps every such failure: refused
    /// connection, error status, timeout, unreadable document). Once it has them, a failed refresh keeps the old ones.
    /// </summary>
    internal static bool IsMetadataUnavailable(Exception exception) =>
        exception is InvalidOperationException { Message: var message } && message.StartsWith("IDX20803:", StringComparison.Ordinal);

    /// <summary>What went wrong fetching the metadata, for the operator: the first telling cause, without the token library's hidden-PII placeholders.</summary>
    internal static string OutageReason(Exception exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            switch (cause)
            {
                case HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException tls }:
                    return $"TLS failed: {tls.Message}";
                case HttpRequestException { StatusCode: { } status }:
                    return $"the endpoint answered {(int)status}";
                case HttpRequestException request:
                    return $"{request.HttpRequestError}: {request.Message}";
                case TaskCanceledException or TimeoutException:
                    return "no answer within SalesBot:Messages:MetadataTimeout";
                case IOException { Message: var message } when message.StartsWith("IDX20807:", StringComparison.Ordinal):
                    return "the endpoint answered an error status";
            }
        }

        return exception.GetBaseException().GetType().Name;
    }

    /// <summary>A short, fixed reason: never the token, and never text the caller chose.</summary>
    internal static string Reason(Exception exception) => exception switch
    {
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenSignatureKeyNotFoundException => "signed with an unknown key",
        SecurityTokenInvalidSignatureException => "bad or missing signature",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenInvalidAlgorithmException => "signing algorithm not allowed",
        SecurityTokenMalformedException or ArgumentException or FormatException or Newtonsoft.Json.JsonException or System.Text.Json.JsonException => "malformed token",
        SecurityTokenException => "token not valid",
        UnauthorizedAccessException refused => SdkReason(refused.Message),
        _ => "refused",
    };

    // The SDK's own refusals, mapped to the same vocabulary (its messages can carry caller-chosen text, such as an app id).
    private static string SdkReason(string message) => message switch
    {
        _ when message.StartsWith("No Authorization header", StringComparison.Ordinal) => "no Authorization header",
        _ when message.Contains("expired", StringComparison.OrdinalIgnoreCase) => "expired",
        _ when message.Contains("serviceurl", StringComparison.OrdinalIgnoreCase) => "serviceurl claim missing or not the activity's",
        _ when message.Contains("AppId", StringComparison.OrdinalIgnoreCase) || message.Contains("aud", StringComparison.Ordinal) => "wrong audience",
        _ when message.Contains("endorsement", StringComparison.OrdinalIgnoreCase) => "key not endorsed for the channel",
        _ when message.Contains("algorithm", StringComparison.OrdinalIgnoreCase) => "signing algorithm not allowed",
        _ when message.Contains("dentity", StringComparison.Ordinal) => "wrong issuer or no identity",
        _ => "refused",
    };

    private sealed record Preauthenticated(string AuthHeader, string? ChannelId, string? ServiceUrl, AuthenticateRequestResult Result);

    private UnauthorizedAccessException Refuse(Exception exception)
    {
        var reason = Reason(exception);
        refusals.Record(reason);
        return new UnauthorizedAccessException($"Channel authentication refused: {reason}.");
    }
}

/// <summary>What <c>/api/messages</c> answers for a request's token.</summary>
internal enum ChannelAuthenticationOutcome
{
    /// <summary>The token is valid for this bot: the turn runs.</summary>
    Accepted,

    /// <summary>The caller's token is at fault (forged, expired, misaddressed, missing): 401 with the reason.</summary>
    Refused,

    /// <summary>No token can be checked (the channel's metadata or keys cannot be fetched): 503, which channels retry.</summary>
    Unavailable,
}

/// <summary>The outcome of authenticating a request, and for a refusal or an outage a short reason that is never caller text.</summary>
internal sealed record ChannelAuthentication(ChannelAuthenticationOutcome Outcome, string? Reason)
{
    public static ChannelAuthentication Accepted { get; } = new(ChannelAuthenticationOutcome.Accepted, null);

    public static ChannelAuthentication Refused(string reason) => new(ChannelAuthenticationOutcome.Refused, reason);

    public static ChannelAuthentication Unavailable(string reason) => new(ChannelAuthenticationOutcome.Unavailable, reason);
}

/// <summary>
/// Logs channel-token refusals at Information, at most once a minute per reason, with how many were refused since the
/// last line — a forged-token flood costs a log line a minute, not a stack trace per request. A metadata outage is
/// logged the same way at Error: every channel request fails until it ends, so an operator has to see it, once.
/// </summary>
internal sealed class ChannelRefusalLog(TimeProvider clock, ILogger<ChannelRefusalLog> logger)
{
    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<(bool Outage, string Reason), (DateTimeOffset LoggedAt, int Suppressed)> _byReason = [];

    public void Record(string reason)
    {
        if (ShouldLog((false, reason), out var count))
        {
            logger.LogInformation("Refused {Count} channel request(s) with 401: {Reason}", count, reason);
        }
    }

    public void RecordMetadataUnavailable(string reason)
    {
        if (ShouldLog((true, reason), out var count))
        {
            logger.LogError(
                "Channel authentication is unavailable: the channel's OpenID metadata or signing keys could not be fetched ({Reason}); answered {Count} channel request(s) with 503",
                reason, count);
        }
    }

    private bool ShouldLog((bool Outage, string Reason) key, out int count)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_byReason.TryGetValue(key, out var entry) && now - entry.LoggedAt < Window)
            {
                _byReason[key] = entry with { Suppressed = entry.Suppressed + 1 };
                count = 0;
                return false;
            }

            count = 1 + (_byReason.TryGetValue(key, out var previous) ? previous.Suppressed : 0);
            _byReason[key] = (now, 0);
            return true;
        }
    }
}
