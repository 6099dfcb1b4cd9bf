using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.DirectLine;

/// <summary>The embedded Direct Line's secrets: the token signing key, and the path key that authenticates the bot's replies.</summary>
internal sealed class DirectLineKeys
{
    public DirectLineKeys(IOptions<DirectLineOptions> options)
    {
        SigningKey = TryDecodeKey(options.Value.SigningKey, out var configured) ? configured : RandomNumberGenerator.GetBytes(32);

        // With channel auth off the SDK's connector client sends no token, so the reply address itself carries a
        // secret: only the bot (which learns it from the serviceUrl of the activities we deliver) can post replies.
        ConnectorPathKey = WebEncoders.Base64UrlEncode(HMACSHA256.HashData(SigningKey, Encoding.UTF8.GetBytes("directline-connector-v1")).AsSpan(0, 18));
    }

    public byte[] SigningKey { get; }

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
