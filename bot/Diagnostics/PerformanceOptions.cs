namespace My8x8.SalesBot.Diagnostics;

/// <summary>Settings under <c>SalesBot:Performance</c>.</summary>
public sealed class PerformanceOptions
{
    public const string Section = "SalesBot:Performance";

    /// <summary>Reuse connector clients per bot identity, service URL and audience (the fast reply path). On by default.</summary>
    public bool ReuseConnectorClients { get; set; } = true;

    /// <summary>Warm up the language recognizers and the catalog in the background at start-up. On by default.</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>
    /// Load testing only: activities whose channelData carries <c>"salesbot.baseline"</c> run a baseline turn
    /// instead of the bot (see <see cref="BaselineBot"/>), and <c>GET /diagnostics/runtime</c> serves the host's JIT,
    /// allocation and GC counters (see <see cref="RuntimeCountersEndpoint"/>). Off by default; never turn it on in production.
    /// </summary>
    public bool Baselines { get; set; }
}
