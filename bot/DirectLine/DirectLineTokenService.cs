using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.DirectLine;

/// <summary>An embedded Direct Line token: who may use it, for which conversation, until when.</summary>
public sealed record DirectLineToken(string Value, string ConversationId, string UserId, DateTimeOffset ExpiresAt)
{
    /// <summary>When this host minted it (a token just issued); null for a token read back from a request.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>
    /// The <c>expires_in</c> to answer with: a token just issued grants its whole lifetime (the time spent protecting it
    /// is not the caller's loss); one read from a request, what is left of it at <paramref name="now"/>.
    /// </summary>
    public int ExpiresInSeconds(DateTimeOffset now) => (int)Math.Max(0, Math.Ceiling((ExpiresAt - (IssuedAt ?? now)).TotalSeconds));
}

public enum DirectLineTokenStatus
{
    Valid,
    Missing,
    Invalid,
    Expired,
}

public sealed record DirectLineTokenValidation(DirectLineTokenStatus Status, DirectLineToken? Token);

/// <summary>
/// Issues and checks the embedded Direct Line's tokens: a Data Protection payload (encrypted and authenticated with the
/// host's key ring, so every instance sharing the keys accepts it) bound to one conversation and one user, expiring
/// after <see cref="DirectLineOptions.TokenLifetime"/>.
/// </summary>
/// <remarks>
/// The expiry travels inside the payload and is checked on the injected <see cref="TimeProvider"/>, not by
/// <c>ITimeLimitedDataProtector</c>: that one reads the wall clock, which a pinned <c>SalesBot:Clock:Now</c> (demos,
/// tests) does not move, and it refuses an expired token without saying whose conversation it was — which the page
/// needs to resume a chat with the token it held (<c>WebChatEndpoints.ResumableConversationId</c>).
/// </remarks>
internal sealed class DirectLineTokenService(IDataProtectionProvider dataProtection, TimeProvider time, IOptions<DirectLineOptions> options)
{
    /// <summary>The purpose isolates these payloads from every other use of the key ring (cookies, antiforgery).</summary>
    internal const string Purpose = "My8x8.SalesBot.DirectLine.Token.v2";

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public DirectLineToken Issue(string conversationId, string userId)
    {
        var now = time.GetUtcNow();
        var payload = new TokenPayload(conversationId, userId, (now + options.Value.TokenLifetime).ToUnixTimeSeconds());
        var value = Base64Url.EncodeToString(_protector.Protect(JsonSerializer.SerializeToUtf8Bytes(payload)));
        return new DirectLineToken(value, conversationId, userId, DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt)) { IssuedAt = now };
    }

    public DirectLineTokenValidation Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new(DirectLineTokenStatus.Missing, null);
        }

        TokenPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<TokenPayload>(_protector.Unprotect(Base64Url.DecodeFromChars(value)));
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or JsonException)
        {
            // Not base64url, tampered with, from a key ring this host does not share, or not one of ours.
            return new(DirectLineTokenStatus.Invalid, null);
        }

        if (payload is null || string.IsNullOrEmpty(payload.ConversationId) || string.IsNullOrEmpty(payload.UserId))
        {
            return new(DirectLineTokenStatus.Invalid, null);
        }

        var token = new DirectLineToken(value, payload.ConversationId, payload.UserId, DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt));
        return time.GetUtcNow() >= token.ExpiresAt
            ? new(DirectLineTokenStatus.Expired, token)
            : new(DirectLineTokenStatus.Valid, token);
    }

    private sealed record TokenPayload(
        [property: JsonPropertyName("c")] string ConversationId,
        [property: JsonPropertyName("u")] string UserId,
        [property: JsonPropertyName("e")] long ExpiresAt);
}
