namespace My8x8.SalesBot.Time;

/// <summary>
/// A clock that starts at a configured instant and then runs at the real pace, so a demo pinned to
/// "Saturday 10:00 Pacific" still has carts and quotes that age and timestamps that move forward.
/// </summary>
public sealed class PinnedTimeProvider(DateTimeOffset start, TimeProvider real) : TimeProvider
{
    private readonly long _startTimestamp = real.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + real.GetElapsedTime(_startTimestamp);

    public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

    public override long GetTimestamp() => real.GetTimestamp();

    public override long TimestampFrequency => real.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        real.CreateTimer(callback, state, dueTime, period);
}
