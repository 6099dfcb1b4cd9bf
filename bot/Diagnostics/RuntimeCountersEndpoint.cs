using System.Runtime;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Diagnostics;

/// <summary>
/// Load testing only (with <see cref="PerformanceOptions.Baselines"/>): <c>GET /diagnostics/runtime</c> returns the
/// host's JIT, allocation and GC counters, so the load generator can warm up until JIT tiering has settled and
/// report the bytes each turn allocates.
/// </summary>
internal static class RuntimeCountersEndpoint
{
    public const string Path = "/diagnostics/runtime";

    public static void MapRuntimeCountersForLoadTests(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<PerformanceOptions>>().Value.Baselines)
        {
            return;
        }

        app.MapGet(Path, () => new RuntimeCounters(
            System.Runtime.JitInfo.GetCompiledMethodCount(),
            System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,
            GC.GetTotalAllocatedBytes(),
            GC.CollectionCount(0),
            GC.CollectionCount(1),
            GC.CollectionCount(2),
            GC.GetTotalPauseDuration().TotalMilliseconds,
            GCSettings.IsServerGC));
    }

    internal sealed record RuntimeCounters(
        long JitCompiledMethods,
        double JitMilliseconds,
        long AllocatedBytes,
        int Gen0Collections,
        int Gen1Collections,
        int Gen2Collections,
        double GcPauseMilliseconds,
        bool ServerGc);
}
