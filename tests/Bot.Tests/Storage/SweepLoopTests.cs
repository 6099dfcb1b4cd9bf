using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Bot.Tests.Storage;

public sealed class SweepLoopTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task One_loop_runs_each_job_on_its_own_interval_and_a_failing_job_does_not_stop_the_others()
    {
        var often = new Job("handoffs", TimeSpan.FromSeconds(15));
        var hourly = new Job("conversation state", TimeSpan.FromHours(1));
        var failing = new Job("broken", TimeSpan.FromSeconds(15)) { Fails = true };
        using var loop = new SweepLoop([often, hourly, failing], _clock, NullLogger<SweepLoop>.Instance);
        await loop.StartAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(15));
        await often.Ran(1);
        await failing.Ran(1);
        _clock.Advance(TimeSpan.FromSeconds(15));
        await often.Ran(2);
        await failing.Ran(2);
        Assert.Equal(0, hourly.Runs);

        for (var i = 2; i < 240; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(15));
            await often.Ran(i + 1);
        }

        await hourly.Ran(1);
        Assert.Equal(240, often.Runs);
        await loop.StopAsync(CancellationToken.None);
    }

    /// <summary>A job that counts its runs; <see cref="Ran"/> completes once it has run that many times.</summary>
    private sealed class Job(string name, TimeSpan interval) : ISweepJob
    {
        private readonly CountSignal _runs = new(TimeSpan.FromMinutes(1));

        public string Name => name;

        public TimeSpan Interval => interval;

        public bool Fails { get; init; }

        public int Runs => (int)_runs.Count;

        public Task<int> SweepAsync(CancellationToken cancellationToken)
        {
            _runs.Add(1);
            return Fails ? throw new InvalidOperationException("the store is gone") : Task.FromResult(1);
        }

        public Task Ran(int count) => _runs.ReachedAsync(count);
    }
}
