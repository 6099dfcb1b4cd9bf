using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Extensions;

namespace My8x8.SalesBot.Handoff;

/// <summary>Whether a sign-in for an agent id may be checked now, and if not, for how long it must wait.</summary>
internal readonly record struct SignInAllowance(bool Allowed, TimeSpan RetryAfter);

/// <summary>
/// Per-account brakes on the console's password sign-in: ASP.NET Core's rate limiter caps attempts per agent id from
/// any address, and after <see cref="HandoffOptions.SignInLockoutFailures"/> failures in a row the agent id is locked
/// for <see cref="HandoffOptions.SignInLockoutDuration"/> — even the right password is refused then, so a guesser
/// learns nothing. Unknown ids are counted and locked alike, so the answers do not tell which ids exist. A success
/// clears the failures. Counted per instance.
/// </summary>
internal sealed class AgentSignInThrottle : IDisposable
{
    private readonly TimeProvider _clock;
    private readonly HandoffOptions _options;
    private readonly PartitionedRateLimiter<string> _perAccount;
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);

    public AgentSignInThrottle(TimeProvider clock, IOptions<HandoffOptions> handoff, IOptions<RateLimitOptions> limits)
    {
        _clock = clock;
        _options = handoff.Value;
        var perAccount = limits.Value.SignInPerAccount;
        _perAccount = PartitionedRateLimiter.Create<string, string>(account => RateLimitPartition.GetFixedWindowLimiter(
            account,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perAccount.PermitLimit, Window = perAccount.Window, QueueLimit = 0 }));
    }

    /// <summary>Takes one attempt for the agent id: refused while it is locked or over its rate.</summary>
    public SignInAllowance TryBegin(string agentId)
    {
        var key = Key(agentId);
        if (_failures.TryGetValue(key, out var failures) && failures.LockedUntil is { } until && until > _clock.GetUtcNow())
        {
            return new(false, until - _clock.GetUtcNow());
        }

        using var lease = _perAccount.AttemptAcquire(key);
        return lease.IsAcquired
            ? new(true, TimeSpan.Zero)
            : new(false, lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1));
    }

    /// <summary>A wrong password (or unknown id): one more failure in a row; at the threshold the id is locked.</summary>
    public void Failed(string agentId)
    {
        var now = _clock.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            // A flood of made-up ids from many addresses: forget the ones not locked rather than grow without bound.
            foreach (var (key, entry) in _failures)
            {
                if (entry.LockedUntil is not { } until || until <= now)
                {
                    _failures.TryRemove(key, out _);
                }
            }
        }

        _failures.AddOrUpdate(
            Key(agentId),
            _ => Next(new Failures(0, null), now),
            (_, current) => Next(current, now));
    }

    public void Succeeded(string agentId) => _failures.TryRemove(Key(agentId), out _);

    public void Dispose() => _perAccount.Dispose();

    private Failures Next(Failures current, DateTimeOffset now)
    {
        // A lock that ran out starts a fresh count: the agent gets the full number of tries again.
        var count = current.LockedUntil is { } until && until <= now ? 1 : current.Count + 1;
        return count >= _options.SignInLockoutFailures
            ? new Failures(0, now + _options.SignInLockoutDuration)
            : new Failures(count, null);
    }

    private const int MaxTracked = 10_000;

    // Ids longer than any real agent id are cut, so a flood of huge ids stays small.
    private static string Key(string agentId) => agentId.Length <= 128 ? agentId : agentId[..128];

    private sealed record Failures(int Count, DateTimeOffset? LockedUntil);
}
