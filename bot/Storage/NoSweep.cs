namespace My8x8.SalesBot.Storage;

/// <summary>A sweep job with nothing to do, for a registration whose store sweeps itself (or keeps nothing).</summary>
internal sealed class NoSweep : ISweepJob
{
    public static NoSweep Instance { get; } = new();

    public string Name => "nothing";

    public TimeSpan Interval => TimeSpan.FromDays(1);

    public Task<int> SweepAsync(CancellationToken cancellationToken) => Task.FromResult(0);
}
