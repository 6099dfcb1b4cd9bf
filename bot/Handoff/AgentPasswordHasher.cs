using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Agent passwords as PBKDF2-HMAC-SHA512 hashes: <c>PBKDF2-SHA512$iterations$salt$hash</c> (base64), so settings
/// never hold a password. Verification reads the iteration count from the hash, so it can be raised later.
/// </summary>
public static class AgentPasswordHasher
{
    private const string Scheme = "PBKDF2-SHA512";
    private const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Verified against when the agent id is unknown, so a wrong id costs the same time as a wrong password.
    private static readonly string Decoy = Hash("decoy password, never valid");

    public static string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    public static bool Verify(string password, string? storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        var parts = (storedHash ?? Decoy).Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 10_000)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected) && storedHash is not null;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
