using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Agent passwords hashed by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (its current format, which
/// it upgrades when the framework raises its defaults), so settings never hold a password. Hashes made by the
/// console's first releases (<c>PBKDF2-SHA512$iterations$salt$hash</c>) still verify, as
/// <see cref="PasswordVerificationResult.SuccessRehashNeeded"/>: accounts live in settings, which the host cannot
/// rewrite, so the operator replaces them (see docs/handoff.md).
/// </summary>
public static class AgentPasswordHasher
{
    private const string LegacyScheme = "PBKDF2-SHA512";

    private static readonly PasswordHasher<AgentAccountOptions> Hasher = new();

    // The hasher takes a user for subclasses that salt per user; the framework's own ignores it.
    private static readonly AgentAccountOptions AnyAccount = new();

    // Verified against when the agent id is unknown, so a wrong id costs the same time as a wrong password.
    private static readonly string Decoy = Hash("decoy password, never valid");

    public static string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        return Hasher.HashPassword(AnyAccount, password);
    }

    public static PasswordVerificationResult Verify(string password, string? storedHash)
    {
        ArgumentNullException.ThrowIfNull(password);
        var result = storedHash is not null && storedHash.StartsWith(LegacyScheme + "$", StringComparison.Ordinal)
            ? VerifyLegacy(password, storedHash)
            : VerifyCurrent(password, storedHash ?? Decoy);
        return storedHash is null ? PasswordVerificationResult.Failed : result;
    }

    private static PasswordVerificationResult VerifyCurrent(string password, string storedHash)
    {
        try
        {
            return Hasher.VerifyHashedPassword(AnyAccount, storedHash, password);
        }
        catch (FormatException)
        {
            return PasswordVerificationResult.Failed;
        }
    }

    private static PasswordVerificationResult VerifyLegacy(string password, string storedHash)
    {
        var parts = storedHash.Split('$');
        if (parts.Length != 4 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 10_000)
        {
            return PasswordVerificationResult.Failed;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected)
                ? PasswordVerificationResult.SuccessRehashNeeded
                : PasswordVerificationResult.Failed;
        }
        catch (FormatException)
        {
            return PasswordVerificationResult.Failed;
        }
    }
}
