namespace My8x8.SalesBot.Load;

/// <summary>The numbers of one phase, as reported.</summary>
internal sealed record PhaseResult(
    string Name,
    int Concurrency,
    int Turns,
    double Seconds,
    double LatencyP50,
    double LatencyP95,
    double LatencyP99,
    double LatencyMax,
    double PostP50,
    double PostP99,
    int Errors,
    double HostCpuSeconds,
    long PeakWorkingSetBytes,
    RuntimeCounters Runtime,
    IReadOnlyList<string> ErrorSamples,
    IReadOnlyList<StepLatency> Steps)
{
    /// <summary>Bytes the host allocated per turn, in KB.</summary>
    public double AllocatedKbPerTurn => Turns > 0 && Runtime.Available ? Runtime.AllocatedBytes / 1024.0 / Turns : double.NaN;

    /// <summary>Share of the phase the host spent paused for GC.</summary>
    public double GcPausePercent => Seconds > 0 && Runtime.Available ? Runtime.GcPauseMilliseconds / 10 / Seconds : double.NaN;

    public double TurnsPerSecond => Seconds > 0 ? Turns / Seconds : 0;

    /// <summary>Host CPU per turn, in milliseconds.</summary>
    public double CpuMsPerTurn => Turns > 0 ? HostCpuSeconds * 1000 / Turns : double.NaN;

    /// <summary>Cores the host kept busy.</summary>
    public double HostCores => Seconds > 0 ? HostCpuSeconds / Seconds : 0;

    public static PhaseResult From(string name, int concurrency, PhaseMetrics metrics, double cpuSeconds, long peakWorkingSet, RuntimeCounters runtime)
    {
        var turns = metrics.Measured();
        var latency = turns.Select(t => t.LatencyMs).Order().ToList();
        var post = turns.Select(t => t.PostMs).Order().ToList();
        return new PhaseResult(name, concurrency, turns.Count, metrics.WindowSeconds,
            Percentiles.Of(latency, 50), Percentiles.Of(latency, 95), Percentiles.Of(latency, 99), latency.Count > 0 ? latency[^1] : double.NaN,
            Percentiles.Of(post, 50), Percentiles.Of(post, 99), metrics.Errors, cpuSeconds, peakWorkingSet, runtime, metrics.ErrorSamples,
            StepLatency.Of(turns));
    }
}

/// <summary>The latency of one kind of turn (what the customer typed), so a tail can be traced to the step that makes it.</summary>
internal sealed record StepLatency(string Sent, int Turns, double P50, double P99, double Max)
{
    public static IReadOnlyList<StepLatency> Of(IEnumerable<TurnOutcome> turns) =>
        [.. turns.GroupBy(t => t.Sent, StringComparer.Ordinal)
            .Select(g =>
            {
                var latency = g.Select(t => t.LatencyMs).Order().ToList();
                return new StepLatency(g.Key, latency.Count, Percentiles.Of(latency, 50), Percentiles.Of(latency, 99), latency[^1]);
            })
            .OrderByDescending(s => s.P99)];
}
