using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace My8x8.SalesBot.Load;

/// <summary>The run's table, ratios, correctness and targets, as Markdown.</summary>
internal sealed class Report(
    LoadOptions options,
    IReadOnlyList<PhaseResult> phases,
    IReadOnlyList<PhaseResult> warmUps,
    TimeSpan coldStart,
    StateSize state,
    LoadRun run,
    int ordersPlaced,
    int unconfirmedOrders,
    int hostErrorLines,
    long unexpectedReplies,
    long peakWorkingSet,
    string store = "SQLite",
    double p99TargetMs = 50)
{
    private const long StateTargetBytes = 16 * 1024;

    public string Store => store;

    public PhaseResult Sales => phases.Single(p => p.Name == "sales");

    public PhaseResult? QuietFloor => Phase("quiet floor");

    public int OrdersPlaced => ordersPlaced;

    public int OrdersConfirmed => run.OrderNumbers.Count;

    public int UnconfirmedOrders => unconfirmedOrders;

    public double P99TargetMs => p99TargetMs;

    private PhaseResult? Phase(string name) => phases.FirstOrDefault(p => p.Name == name);

    public int OrdersCompleted => run.Completed(ConversationKind.Order);

    private int TurnErrors => phases.Concat(warmUps).Sum(p => p.Errors);

    public int Errors => TurnErrors + hostErrorLines;

    public bool Correct => Errors == 0 && ordersPlaced == OrdersCompleted && unconfirmedOrders == 0 && OrdersCompleted > 0;

    public bool TargetsMet => Correct
        && (Phase("quiet floor") is not { } quiet || Sales.TurnsPerSecond >= 0.5 * quiet.TurnsPerSecond)
        && Sales.LatencyP99 < p99TargetMs && coldStart < TimeSpan.FromSeconds(2) && state.PerConversationBytes <= StateTargetBytes;

    public static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"Machine: {Environment.ProcessorCount} cores{(cpu is null ? "" : $" ({cpu})")}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; load average {LoadAverage()}";
    }

    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    public string Render()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Load run {DateTimeOffset.Now:yyyy-MM-dd HH:mm zzz} — {store}");
        text.AppendLine();
        text.AppendLine(Machine());
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Concurrency {options.Concurrency}; measured {options.BaselineSeconds:0.#} s per baseline, {options.SalesSeconds:0.#} s of sales after {options.WarmupSeconds:0.#} s warm-up each{SettleNote()}; mix order/browse/agent/words = {options.OrderWeight}/{options.BrowseWeight}/{options.AgentWeight}/{options.WordsWeight}; think time {options.ThinkMilliseconds} ms; channel {options.ChannelId}.");
        text.AppendLine();
        text.AppendLine("| phase | turns | turns/s | p50 ms | p95 ms | p99 ms | max ms | POST p50/p99 ms | errors | host CPU s | CPU ms/turn | host cores busy | alloc KB/turn | GC pause | JIT methods / ms | peak WS MB |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in phases)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {p.Name} | {p.Turns} | {p.TurnsPerSecond:F0} | {p.LatencyP50:F1} | {p.LatencyP95:F1} | {p.LatencyP99:F1} | {p.LatencyMax:F1} | {p.PostP50:F1} / {p.PostP99:F1} | {p.Errors} | {p.HostCpuSeconds:F1} | {p.CpuMsPerTurn:F2} | {p.HostCores:F2} | {p.AllocatedKbPerTurn:F0} | {p.GcPausePercent:F1}% | {(p.Runtime.Available ? string.Create(CultureInfo.InvariantCulture, $"{p.Runtime.JitCompiledMethods} / {p.Runtime.JitMilliseconds:F0}") : "n/a")} | {p.PeakWorkingSetBytes / 1048576.0:F0} |");
        }

        text.AppendLine();
        text.AppendLine("Sales turns by what the customer typed, slowest p99 first:");
        text.AppendLine();
        text.AppendLine("| typed | turns | p50 ms | p99 ms | max ms |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        // The scripted steps are a dozen; the customers' own words (the words mix) are many more, so the slowest only.
        foreach (var step in Sales.Steps.Take(StepRows))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {step.Sent} | {step.Turns} | {step.P50:F1} | {step.P99:F1} | {step.Max:F1} |");
        }

        if (Sales.Steps.Count > StepRows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| … {Sales.Steps.Count - StepRows} more | {Sales.Steps.Skip(StepRows).Sum(s => s.Turns)} | | | |");
        }

        text.AppendLine();
        if (Phase("quiet floor") is { } quiet && Phase("stock echo") is { } stock && Phase("fast echo") is { } fast)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- Sales turn ÷ quiet floor: **{Ratio(Sales, quiet)}** (target ≥ 50%)");
            text.AppendLine(CultureInfo.InvariantCulture, $"- Sales turn ÷ stock echo: **{Ratio(Sales, stock)}**");
            text.AppendLine(CultureInfo.InvariantCulture, $"- Fast echo ÷ stock echo: **{fast.TurnsPerSecond / Math.Max(stock.TurnsPerSecond, 1e-9):F1}×** (CPU per echo turn {stock.CpuMsPerTurn:F2} → {fast.CpuMsPerTurn:F2} ms)");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- Sales p99 turn latency: **{Sales.LatencyP99:F1} ms** at {options.Concurrency} concurrent conversations (target < {p99TargetMs:0} ms)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Cold start, process start → first reply: **{coldStart.TotalMilliseconds:F0} ms** (target < 2000 ms)");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- State per conversation: **{state.PerConversationBytes / 1024.0:F1} KB** peak (conversation {state.ConversationPeakBytes} B at its largest + user {state.UserBytes} B; {state.ConversationAtRestBytes:F0} B at rest after an order) (target ≤ 16 KB)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Host peak working set over the run: {peakWorkingSet / 1048576.0:F0} MB");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- Conversations completed/started: order {run.Completed(ConversationKind.Order)}/{run.Started(ConversationKind.Order)}, browse {run.Completed(ConversationKind.Browse)}/{run.Started(ConversationKind.Browse)}, agent {run.Completed(ConversationKind.Agent)}/{run.Started(ConversationKind.Agent)}, words {run.Completed(ConversationKind.Words)}/{run.Started(ConversationKind.Words)}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"- **Orders placed (ordering API) {ordersPlaced} = order conversations completed {OrdersCompleted}: {(ordersPlaced == OrdersCompleted && unconfirmedOrders == 0 ? "yes" : $"NO ({unconfirmedOrders} placed without a confirmation)")}**");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Errors: **{Errors}** (turn errors {TurnErrors}, host error log entries {hostErrorLines}); replies to unknown conversations: {unexpectedReplies}");
        foreach (var sample in warmUps.Concat(phases).SelectMany(p => p.ErrorSamples).Take(10))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {sample}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average at the end: {LoadAverage()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Correct: {(Correct ? "yes" : "NO")}; all targets met: {(TargetsMet ? "yes" : "no")}");
        return text.ToString();
    }

    private const int StepRows = 15;

    private string SettleNote() => run.JitSettledAfter is { } after
        ? string.Create(CultureInfo.InvariantCulture, $" (the first warm-up ran the sales mix {(run.JitSettled ? "until JIT tiering settled" : "for a fixed time (JIT not confirmed settled)")}: {after.TotalSeconds:F0} s)")
        : "";

    private static string Ratio(PhaseResult a, PhaseResult b) =>
        string.Create(CultureInfo.InvariantCulture, $"{100 * a.TurnsPerSecond / Math.Max(b.TurnsPerSecond, 1e-9):F0}% ({a.TurnsPerSecond:F0} vs {b.TurnsPerSecond:F0} turns/s)");
}
