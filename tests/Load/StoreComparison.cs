using System.Globalization;
using System.Text;

namespace My8x8.SalesBot.Load;

/// <summary>
/// SQLite beside PostgreSQL in one run (<c>--postgres</c>): each store's sales throughput, latency, errors and orders,
/// and PostgreSQL's throughput as a share of SQLite's, against the deployed shape's targets.
/// </summary>
internal sealed class StoreComparison(Report sqlite, Report postgres)
{
    /// <summary>PostgreSQL's sales throughput at least this share of SQLite's in the same run.</summary>
    public const double ThroughputShareTarget = 0.5;

    /// <summary>PostgreSQL's sales p99 turn latency below this, in milliseconds (a network round trip per read and write).</summary>
    public const double PostgresP99TargetMs = 100;

    public double ThroughputShare => postgres.Sales.TurnsPerSecond / Math.Max(sqlite.Sales.TurnsPerSecond, 1e-9);

    public bool TargetsMet => postgres.Correct && sqlite.Correct
        && ThroughputShare >= ThroughputShareTarget && postgres.Sales.LatencyP99 < PostgresP99TargetMs;

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine("## SQLite beside PostgreSQL");
        text.AppendLine();
        text.AppendLine("| store | quiet floor turns/s | sales turns/s | sales ÷ floor | p50 ms | p99 ms | CPU ms/turn | errors | orders placed / confirmed |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var report in new[] { sqlite, postgres })
        {
            var floor = report.QuietFloor;
            var s = report.Sales;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {report.Store} | {(floor is null ? "—" : floor.TurnsPerSecond.ToString("F0", CultureInfo.InvariantCulture))} | {s.TurnsPerSecond:F0} | {(floor is null ? "—" : (100 * s.TurnsPerSecond / Math.Max(floor.TurnsPerSecond, 1e-9)).ToString("F0", CultureInfo.InvariantCulture) + "%")} | {s.LatencyP50:F1} | {s.LatencyP99:F1} | {s.CpuMsPerTurn:F2} | {report.Errors} | {report.OrdersPlaced} / {report.OrdersConfirmed} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- PostgreSQL ÷ SQLite sales throughput: **{100 * ThroughputShare:F0}%** ({postgres.Sales.TurnsPerSecond:F0} vs {sqlite.Sales.TurnsPerSecond:F0} turns/s) (target ≥ {100 * ThroughputShareTarget:F0}%)");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- PostgreSQL sales p99: **{postgres.Sales.LatencyP99:F1} ms** at {postgres.Sales.Concurrency} concurrent conversations (target < {PostgresP99TargetMs:F0} ms)");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Errors: SQLite {sqlite.Errors}, PostgreSQL {postgres.Errors} (target 0); orders placed = confirmed: SQLite {(Placed(sqlite) ? "yes" : "NO")}, PostgreSQL {(Placed(postgres) ? "yes" : "NO")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average at the end: {Report.LoadAverage()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- PostgreSQL targets met: {(TargetsMet ? "yes" : "no")}");
        return text.ToString();
    }

    private static bool Placed(Report report) =>
        report.OrdersPlaced == report.OrdersConfirmed && report.OrdersPlaced == report.OrdersCompleted && report.UnconfirmedOrders == 0;
}
