using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace My8x8.SalesBot.Extensions;

/// <summary>One fixed-window limit: at most <see cref="PermitLimit"/> requests per <see cref="Window"/>.</summary>
public sealed class RateLimitWindow
{
    [Range(1, 100_000)]
    public int PermitLimit { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; }
}

/// <summary>
/// Settings under <c>SalesBot:RateLimits</c>: how often one client address (as the known proxy reports it) may try the
/// doors a guesser would hammer — the agent sign-in, the hosted card page, and the website chat's token endpoints —
/// and how often one agent account may be tried from anywhere. Counted per instance. They live with the agent console,
/// whose sign-in throttle counts the per-account window itself; the host, which references the console, applies the rest.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "SalesBot:RateLimits";

    /// <summary>Agent console sign-in attempts per client address.</summary>
    [Required]
    public RateLimitWindow SignInPerAddress { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Agent console sign-in attempts per agent id, from any address (successful ones count too).</summary>
    [Required]
    public RateLimitWindow SignInPerAccount { get; set; } = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    /// <summary>Hosted card page requests (opening it and submitting it) per client address.</summary>
    [Required]
    public RateLimitWindow CardPagePerAddress { get; set; } = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(10) };

    /// <summary>Website chat and Direct Line token requests (new, refreshed, new conversations) per client address.</summary>
    [Required]
    public RateLimitWindow DirectLineTokensPerAddress { get; set; } = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) };

    /// <summary>A "try again in" the person can act on: whole minutes, at least one.</summary>
    public static string RetryIn(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return minutes == 1 ? "a minute" : string.Create(CultureInfo.InvariantCulture, $"{minutes} minutes");
    }
}
