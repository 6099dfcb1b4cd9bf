using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace My8x8.SalesBot.Load;

/// <summary>
/// Human scale (<c>--soak</c>): many customers at once, each pausing between messages as a person does (seeded, so a
/// run can be repeated), each conversation a whole order or a browse, for a set time, on one host or on several hosts
/// sharing PostgreSQL with every customer's turns spread over them in turn (as a load balancer without affinity
/// would). Customers arrive over the first pause; when the time is up each finishes the conversation it is in, at its
/// own pace, and starts no other. Reports errors, latency, the hosts' memory sampled over time and its growth over the
/// second half.
/// </summary>
internal sealed class SoakRun(LoadOptions options, IReadOnlyList<(BotHost Host, ChannelClient Channel, HttpClient Http)> hosts)
{
    public const double P99TargetMs = 250;

    /// <summary>Each host's working set may grow at most this share over the second half of the run.</summary>
    public const double MemoryGrowthTarget = 0.10;

    /// <summary>Warm-up conversations at a time, back to back, per host (before the customers arrive).</summary>
    public const int WarmUpConcurrency = 16;

    private readonly ConcurrentBag<string> _orderNumbers = [];
    private readonly ConcurrentDictionary<string, byte> _orderUsers = new(StringComparer.Ordinal);
    private readonly int[] _completed = new int[4];
    private readonly int[] _started = new int[4];
    private readonly PhaseMetrics _metrics = new();
    private readonly List<(double Seconds, long[] WorkingSets)> _memory = [];

    /// <summary>The customers' users come after the warm-ups' (<see cref="WarmUpOptions"/>).</summary>
    public static int FirstUser(LoadOptions options) => (options.Hosts * WarmUpUsers) + 1;

    public static int UsersNeeded(LoadOptions options) => FirstUser(options) + options.Concurrency;

    private const int WarmUpUsers = (WarmUpConcurrency * 2) + 1;

    /// <summary>Host <paramref name="index"/>'s warm-up: the closed loop with users of its own.</summary>
    public static LoadOptions WarmUpOptions(LoadOptions options, int index) =>
        options with { Concurrency = WarmUpConcurrency, UserOffset = index * WarmUpUsers, Baselines = false, MaxConversations = 0 };

    public async Task<SoakResult> RunAsync(CancellationToken cancellationToken)
    {
        var duration = TimeSpan.FromSeconds(options.SalesSeconds);
        var clock = Stopwatch.StartNew();
        var ramp = TimeSpan.FromSeconds(Math.Min(options.ThinkMaxSeconds, options.SalesSeconds / 4));
        var loadAtStart = Report.LoadAverage();
        using var sampling = new CancellationTokenSource();
        var interval = TimeSpan.FromSeconds(Math.Clamp(options.SalesSeconds / 120, 1, 5));
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var sample = (clock.Elapsed.TotalSeconds, hosts.Select(h => h.Host.SampleWorkingSet()).ToArray());
                lock (_memory)
                {
                    _memory.Add(sample);
                }

                try
                {
                    await Task.Delay(interval, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }, CancellationToken.None);

        var cpuAtWindow = TimeSpan.Zero;
        var window = Task.Run(async () =>
        {
            await Task.Delay(ramp, cancellationToken);
            _metrics.OpenWindow();
            cpuAtWindow = Cpu();
            await Task.Delay(duration - ramp, cancellationToken);
            _metrics.CloseWindow();
        }, cancellationToken);

        var customers = Enumerable.Range(0, options.Concurrency).Select(i => Task.Run(() => CustomerAsync(i, clock, duration, cancellationToken), cancellationToken)).ToArray();
        await window;
        var cpu = Cpu() - cpuAtWindow;
        var endedAt = clock.Elapsed;

        // Everyone finishes the conversation they are in (at most one script of pauses), so every order is counted.
        var bound = TimeSpan.FromSeconds((8 * options.ThinkMaxSeconds) + 60);
        var all = Task.WhenAll(customers);
        if (await Task.WhenAny(all, Task.Delay(bound, cancellationToken)) != all)
        {
            _metrics.Error($"soak: customers still in a conversation {bound.TotalSeconds:F0} s after the time was up");
        }

        var drained = clock.Elapsed - endedAt;
        await sampling.CancelAsync();
        await sampler;
        var (placed, unconfirmed) = await LoadRun.CountOrdersAsync(hosts[0].Http, _orderUsers.Keys, _orderNumbers, cancellationToken);
        List<(double Seconds, long[] WorkingSets)> memory;
        lock (_memory)
        {
            memory = [.. _memory];
        }

        return new SoakResult(options, PhaseResult.From("soak", options.Concurrency, _metrics, cpu.TotalSeconds, hosts.Max(h => h.Host.PeakWorkingSet), RuntimeCounters.Unavailable),
            [.. Enumerable.Range(0, hosts.Count).Select(h => MemoryTrend.Of(memory.Select(m => (m.Seconds, m.WorkingSets[h])).ToList(), duration.TotalSeconds))],
            placed, unconfirmed, _orderNumbers.Count, Completed(ConversationKind.Order), Completed(ConversationKind.Browse),
            Started(ConversationKind.Order) + Started(ConversationKind.Browse), hosts.Sum(h => h.Host.ErrorLines), hosts[0].Channel.Sink.Unexpected, hosts[0].Channel.Sink.UnexpectedSummary(),
            hosts[0].Channel.Sink.AfterFinish, hosts[0].Channel.Sink.AfterFinishSummary(),
            drained, loadAtStart, Report.LoadAverage());
    }

    private TimeSpan Cpu() => hosts.Aggregate(TimeSpan.Zero, (sum, h) => sum + h.Host.CpuTime);

    private int Completed(ConversationKind kind) => Volatile.Read(ref _completed[(int)kind]);

    private int Started(ConversationKind kind) => Volatile.Read(ref _started[(int)kind]);

    private async Task CustomerAsync(int index, Stopwatch clock, TimeSpan duration, CancellationToken cancellationToken)
    {
        var random = new Random((options.Seed * 7919) + index);
        var user = LoadRun.LoadUserName(FirstUser(options) + index);
        var weights = new[] { options.OrderWeight, options.BrowseWeight, options.AgentWeight, options.WordsWeight };
        // Customers arrive over the first pause, not all in the same second.
        await Task.Delay(TimeSpan.FromSeconds(random.NextDouble() * options.ThinkMaxSeconds), cancellationToken);
        for (var n = 0; clock.Elapsed < duration; n++)
        {
            var kind = LoadRun.Pick(random, weights);
            await ConverseAsync(random, index, kind, user, $"soak-{kind.ToString().ToLowerInvariant()}-{index}-{n}", () => clock.Elapsed >= duration, cancellationToken);
        }
    }

    private async Task ConverseAsync(Random random, int index, ConversationKind kind, string user, string conversationId, Func<bool> timeIsUp, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started[(int)kind]);
        if (kind == ConversationKind.Order)
        {
            _orderUsers.TryAdd(user, 0);
        }

        var tracker = hosts[0].Channel.Sink.Track(conversationId);
        var turn = 0;
        try
        {
            var steps = Scenarios.For(kind);
            foreach (var step in steps)
            {
                var (_, channel, _) = hosts[(index + turn++) % hosts.Count];
                var outcome = await channel.SendAsync(tracker, user, step.Text, null, cancellationToken);
                // Only the timings are kept: a long run has hundreds of thousands of turns.
                _metrics.Record(outcome with { Text = string.Empty });
                if (step.Check(outcome) is { } problem)
                {
                    _metrics.Error($"{conversationId} ({user}): {problem}");
                    return;
                }

                if (kind == ConversationKind.Order && Scenarios.OrderNumber(outcome.Text) is { } number)
                {
                    _orderNumbers.Add(number);
                }

                // A pause after every message, also before the next conversation; none after the last one when the time is up.
                var think = options.ThinkMinSeconds + (random.NextDouble() * (options.ThinkMaxSeconds - options.ThinkMinSeconds));
                if (turn < steps.Count || !timeIsUp())
                {
                    await Task.Delay(TimeSpan.FromSeconds(think), cancellationToken);
                }
            }

            Interlocked.Increment(ref _completed[(int)kind]);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            _metrics.Error($"{conversationId} ({user}): {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            hosts[0].Channel.Sink.Forget(conversationId);
        }
    }
}

/// <summary>
/// One host's working set over the run: where it was halfway and at the end, its peak, and its growth over the second
/// half as a least-squares line through those samples (the GC's saw-tooth averages out), relative to the line's start.
/// </summary>
internal sealed record MemoryTrend(long AtHalf, long AtEnd, long Peak, double SecondHalfGrowth, int Samples)
{
    public static MemoryTrend Of(List<(double Seconds, long Bytes)> samples, double duration)
    {
        var second = samples.Where(s => s.Seconds >= duration / 2 && s.Seconds <= duration).ToList();
        if (second.Count < 2)
        {
            return new MemoryTrend(0, 0, samples.Count == 0 ? 0 : samples.Max(s => s.Bytes), double.NaN, samples.Count);
        }

        var meanX = second.Average(s => s.Seconds);
        var meanY = second.Average(s => (double)s.Bytes);
        var slope = second.Sum(s => (s.Seconds - meanX) * (s.Bytes - meanY)) / Math.Max(second.Sum(s => Math.Pow(s.Seconds - meanX, 2)), 1e-9);
        var start = meanY + (slope * ((duration / 2) - meanX));
        return new MemoryTrend(second[0].Bytes, second[^1].Bytes, samples.Max(s => s.Bytes), slope * (duration / 2) / Math.Max(start, 1), samples.Count);
    }
}

/// <summary>The soak's numbers and targets, as Markdown.</summary>
internal sealed record SoakResult(
    LoadOptions Options,
    PhaseResult Turns,
    IReadOnlyList<MemoryTrend> Memory,
    int OrdersPlaced,
    int UnconfirmedOrders,
    int OrdersConfirmed,
    int OrdersCompleted,
    int BrowsesCompleted,
    int ConversationsStarted,
    int HostErrorLines,
    long UnexpectedReplies,
    string UnexpectedKinds,
    long NoticesAfterFinish,
    string NoticeKinds,
    TimeSpan Drained,
    string LoadAtStart,
    string LoadAtEnd)
{
    public int Errors => Turns.Errors + HostErrorLines;

    public bool Correct => Errors == 0 && UnexpectedReplies == 0 && OrdersPlaced == OrdersCompleted && OrdersPlaced == OrdersConfirmed && UnconfirmedOrders == 0 && OrdersCompleted > 0;

    public bool MemoryFlat => Memory.All(m => m.SecondHalfGrowth < SoakRun.MemoryGrowthTarget);

    public bool TargetsMet => Correct && Turns.LatencyP99 < SoakRun.P99TargetMs && MemoryFlat;

    public string Render(string store)
    {
        static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("F0", CultureInfo.InvariantCulture);
        var o = Options;
        var t = Turns;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Soak {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm zzz} — {store}, {o.Hosts} host{(o.Hosts == 1 ? "" : "s")}");
        text.AppendLine();
        text.AppendLine(Report.Machine());
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{o.Concurrency:N0} customers, each pausing {o.ThinkMinSeconds:0.#}–{o.ThinkMaxSeconds:0.#} s between messages (seed {o.Seed}), mix order/browse = {o.OrderWeight}/{o.BrowseWeight}, for {o.SalesSeconds:N0} s; turns measured after the first {Math.Min(o.ThinkMaxSeconds, o.SalesSeconds / 4):0.#} s of arrivals; then {Drained.TotalSeconds:F0} s for the customers to finish the conversation they were in.");
        text.AppendLine();
        text.AppendLine("| turns | turns/s | p50 ms | p95 ms | p99 ms | max ms | errors | CPU ms/turn | conversations started | orders completed | browses completed | orders placed / confirmed |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {t.Turns:N0} | {t.TurnsPerSecond:F1} | {t.LatencyP50:F1} | {t.LatencyP95:F1} | {t.LatencyP99:F1} | {t.LatencyMax:F1} | {Errors} | {t.CpuMsPerTurn:F2} | {ConversationsStarted:N0} | {OrdersCompleted:N0} | {BrowsesCompleted:N0} | {OrdersPlaced:N0} / {OrdersConfirmed:N0} |");
        text.AppendLine();
        text.AppendLine("| host | working set at half time MB | at the end MB | peak MB | growth over the second half | samples |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|");
        for (var h = 0; h < Memory.Count; h++)
        {
            var m = Memory[h];
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {h + 1} | {Mb(m.AtHalf)} | {Mb(m.AtEnd)} | {Mb(m.Peak)} | {100 * m.SecondHalfGrowth:+0.0;-0.0}% | {m.Samples} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Errors: **{Errors}** (turn errors {t.Errors}, host error log entries {HostErrorLines}); replies to conversations this run never started: {UnexpectedReplies} (target 0){(UnexpectedKinds.Length > 0 ? $": {UnexpectedKinds}" : "")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Messages to conversations whose customer had finished (order-status notices, the product working): {NoticesAfterFinish:N0}{(NoticeKinds.Length > 0 ? $": {NoticeKinds}" : "")}");
        foreach (var sample in t.ErrorSamples)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {sample}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- **Orders placed (ordering API) {OrdersPlaced:N0} = order conversations completed {OrdersCompleted:N0} = order numbers confirmed {OrdersConfirmed:N0}: {(OrdersPlaced == OrdersCompleted && OrdersPlaced == OrdersConfirmed && UnconfirmedOrders == 0 ? "yes" : "NO")}**");
        text.AppendLine(CultureInfo.InvariantCulture, $"- p99 turn latency: **{t.LatencyP99:F1} ms** (target < {SoakRun.P99TargetMs:F0} ms)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Memory growth over the second half: **{string.Join(", ", Memory.Select(m => (100 * m.SecondHalfGrowth).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + "%"))}** (target < {100 * SoakRun.MemoryGrowthTarget:F0}% on each host)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average at the start: {LoadAtStart}; at the end: {LoadAtEnd}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Correct: {(Correct ? "yes" : "no")}; all targets met: {(TargetsMet ? "yes" : "no")}");
        return text.ToString();
    }
}
