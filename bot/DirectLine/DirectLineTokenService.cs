using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.DirectLine;

/// <summary>An embedded Direct Line token: who may use it, for which conversation, until when.</summary>
public sealed record DirectLineToken(string Value, string ConversationId, string UserId, DateTimeOffset ExpiresAt)
{
    public int ExpiresInSeconds(DateTimeOffset now) => (int)Math.Max(0, Math.Ceiling((ExpiresAt - now).TotalSeconds));
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
/// Issues and checks the embedded Direct Line's tokens: <c>v1.{payload}.{HMAC-SHA256}</c>, bound to one conversation and
/// one user, expiring after <see cref="DirectLineOptions.TokenLifetime"/>.
/// </summary>
internal sealed class DirectLineTokenService(DirectLineKeys keys, TimeProvider time, IOptions<DirectLineOptions> options)
{
    private const string Version = "v1";

    public DirectLineToken Issue(string conversationId, string userId)
    {
        var expiresAt = time.GetUtcNow() + options.Value.TokenLifetime;
        var payload = new TokenPayload(conversationId, userId, expiresAt.ToUnixTimeSeconds());
        var body = $"{Version}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload))}";
        var value = $"{body}.{Base64Url.EncodeToString(Sign(body))}";
        return new DirectLineToken(value, conversationId, userId, DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresAt));
    }

    public DirectLineTokenValidation Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new(DirectLineTokenStatus.Missing, null);
        }

        var parts = value.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            return new(DirectLineTokenStatus.Invalid, null);
        }

        TokenPayload? payload;
        try
        {
            var signature = Base64Url.DecodeFromChars(parts[2]);
            if (!CryptographicOperations.FixedTimeEquals(signature, Sign($"{parts[0]}.{parts[1]}")))
            {
                return new(DirectLineTokenStatus.Invalid, null);
            }

            payload = JsonSerializer.Deserialize<TokenPayload>(Base64Url.DecodeFromChars(parts[1]));
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
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

    private byte[] Sign(string body) => HMACSHA256.HashData(keys.SigningKey, Encoding.UTF8.GetBytes(body));

    private sealed record TokenPayload(
        [property: JsonPropertyName("c")] string ConversationId,
        [property: JsonPropertyName("u")] string UserId,
        [property: JsonPropertyName("e")] long ExpiresAt);
}
