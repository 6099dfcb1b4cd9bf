namespace My8x8.SalesBot.Storage;

/// <summary>
/// The host's one sweep loop: wakes at the shortest <see cref="ISweepJob.Interval"/> (on the injected clock) and runs
/// each job that is due, one after the other. A job that fails is logged and tried again when next due; the others
/// still run.
/// </summary>
internal sealed class SweepLoop(IEnumerable<ISweepJob> jobs, TimeProvider clock, ILogger<SweepLoop> logger) : BackgroundService
{
    private readonly IReadOnlyList<ISweepJob> _jobs = [.. jobs];

    private PeriodicTimer? _timer;
    private Dictionary<ISweepJob, DateTimeOffset> _due = [];

    /// <summary>The schedule starts here, on the caller's clock reading, not whenever the loop's task first runs.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_jobs.Count > 0)
        {
            var start = clock.GetUtcNow();
            _due = _jobs.ToDictionary(job => job, job => start + job.Interval);
            _timer = new PeriodicTimer(_jobs.Min(job => job.Interval), clock);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_timer is null)
        {
            return;
        }

        while (await _timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = clock.GetUtcNow();
            foreach (var job in _jobs.Where(job => _due[job] <= now))
            {
                _due[job] = now + job.Interval;
                await RunAsync(job, stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    /// <summary>Every job once, now, whether due or not; returns how many items they removed or acted on.</summary>
    public async Task<int> SweepAllAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var job in _jobs)
        {
            total += await RunAsync(job, cancellationToken);
        }

        return total;
    }

    private async Task<int> RunAsync(ISweepJob job, CancellationToken cancellationToken)
    {
        try
        {
            var swept = await job.SweepAsync(cancellationToken);
            if (swept > 0)
            {
                logger.LogInformation("Sweep of {Job}: {Count} removed or acted on", job.Name, swept);
            }

            return swept;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "Sweep of {Job} failed; trying again in {Interval}", job.Name, job.Interval);
            return 0;
        }
    }
}
