using System.Diagnostics.Metrics;
using My8x8.SalesBot.Observability;

namespace My8x8.SalesBot.Bot.Tests;

/// <summary>Counts one instrument of one host's meters, and signals when the count reaches a number.</summary>
internal sealed class Counted : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly CountSignal _count = new(TimeSpan.FromSeconds(30));

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
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => _count.Add(value));
        _listener.Start();
    }

    public Task ReachedAsync(long count) => _count.ReachedAsync(count);

    /// <summary>The count so far.</summary>
    public long Count => _count.Count;

    public void Dispose() => _listener.Dispose();
}
