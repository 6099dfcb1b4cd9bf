using System.Diagnostics.Metrics;
using My8x8.SalesBot.Observability;

namespace My8x8.SalesBot.Bot.Tests;

/// <summary>Counts one instrument of one host's meters, and signals when the count reaches a number.</summary>
internal sealed class Counted : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly List<(long Count, TaskCompletionSource Reached)> _waiting = [];
    private long _count;

    public Counted(IMeterFactory hostMeters, string instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            // This host's meter only: other hosts may run in the same process.
            if (published.Meter.Scope == hostMeters && published.Meter.Name == SalesBotTelemetry.Name && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            lock (_lock)
            {
                _count += value;
                foreach (var (count, reached) in _waiting.Where(w => _count >= w.Count))
                {
                    reached.TrySetResult();
                }
            }
        });
        _listener.Start();
    }

    public Task ReachedAsync(long count)
    {
        lock (_lock)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((count, reached));
            return reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>The count so far.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
