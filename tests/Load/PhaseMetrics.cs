using System.Diagnostics;

namespace My8x8.SalesBot.Load;

/// <summary>Turns of one phase; only those completed inside the measurement window count for speed.</summary>
internal sealed class PhaseMetrics
{
    private readonly Lock _lock = new();
    private readonly List<TurnOutcome> _turns = new(capacity: 1 << 16);
    private readonly List<string> _errorSamples = [];
    private int _errors;

    public long WindowStart { get; private set; }

    public long WindowEnd { get; private set; }

    public int Errors => Volatile.Read(ref _errors);

    public IReadOnlyList<string> ErrorSamples
    {
        get
        {
            lock (_lock)
            {
                return [.. _errorSamples];
            }
        }
    }

    public void OpenWindow() => WindowStart = Stopwatch.GetTimestamp();

    public void CloseWindow() => WindowEnd = Stopwatch.GetTimestamp();

    public void Record(TurnOutcome outcome)
    {
        lock (_lock)
        {
            _turns.Add(outcome);
        }
    }

    public void Error(string message)
    {
        Interlocked.Increment(ref _errors);
        lock (_lock)
        {
            if (_errorSamples.Count < 10)
            {
                _errorSamples.Add(message);
            }
        }
    }

    public double WindowSeconds => WindowEnd > WindowStart ? Stopwatch.GetElapsedTime(WindowStart, WindowEnd).TotalSeconds : 0;

    /// <summary>The turns that completed inside the window.</summary>
    public List<TurnOutcome> Measured()
    {
        lock (_lock)
        {
            return [.. _turns.Where(t => WindowStart > 0 && t.SentAt >= WindowStart && t.PostDoneAt <= WindowEnd)];
        }
    }

    public int AllTurns
    {
        get
        {
            lock (_lock)
            {
                return _turns.Count;
            }
        }
    }
}

/// <summary>Percentiles by nearest rank.</summary>
internal static class Percentiles
{
    public static double Of(List<double> sorted, double percentile) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
