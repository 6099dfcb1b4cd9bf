using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.DirectLine;

/// <summary>
/// The embedded Direct Line's own secrets: the path key that authenticates the bot's replies and the proof of a delivered
/// activity's sender. (Visitors' tokens are Data Protection payloads; see <see cref="DirectLineTokenService"/>.)
/// </summary>
internal sealed class DirectLineKeys
{
    public DirectLineKeys(IOptions<DirectLineOptions> options)
    {
        SigningKey = TryDecodeKey(options.Value.SigningKey, out var configured) ? configured : RandomNumberGenerator.GetBytes(32);

        // With channel auth off the SDK's connector client sends no token, so the reply address itself carries a
        // secret: only the bot (which learns it from the serviceUrl of the activities we deliver) can post replies.
        ConnectorPathKey = Base64Url.EncodeToString(HMACSHA256.HashData(SigningKey, Encoding.UTF8.GetBytes("directline-connector-v1")).AsSpan(0, 18));
        _senderKey = HMACSHA256.HashData(SigningKey, Encoding.UTF8.GetBytes("directline-sender-v1"));
    }

    private readonly byte[] _senderKey;

    public byte[] SigningKey { get; }

    /// <summary>
    /// The property of an activity the embedded Direct Line hands to the bot that vouches for its sender: an HMAC of the
    /// conversation and user ids the visitor's token carries. Added to the delivered copy only (never stored or served),
    /// so only this host can produce it; a client posting to /api/messages itself cannot.
    /// </summary>
    public const string SenderProofProperty = "salesbotDirectLineSender";

    public string ProveSender(string conversationId, string userId) =>
        Base64Url.EncodeToString(HMACSHA256.HashData(_senderKey, Encoding.UTF8.GetBytes($"{conversationId}\n{userId}")));

    public bool IsSenderProof(string? proof, string? conversationId, string? userId) =>
        proof is { Length: > 0 } && conversationId is { Length: > 0 } && userId is { Length: > 0 }
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(proof), Encoding.UTF8.GetBytes(ProveSender(conversationId, userId)));

    public string ConnectorPathKey { get; }

    public bool IsConnectorPathKey(string candidate) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(ConnectorPathKey));

    public static bool TryDecodeKey(string? base64, out byte[] key)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(base64))
        {
            return false;
        }

        var buffer = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64.Trim(), buffer, out var written) || written < 32)
        {
            return false;
        }

        key = buffer[..written];
        return true;
    }
}
