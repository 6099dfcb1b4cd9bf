using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace My8x8.SalesBot.Load;

/// <summary>
/// One load run against one host process: cold start, the baselines (quiet floor, stock echo, fast echo) and the
/// sales mix, each phase closed-loop with the same number of concurrent conversations.
/// </summary>
internal sealed class LoadRun(LoadOptions options, BotHost host, ChannelClient channel, HttpClient http, StateDatabase state)
{
    private readonly ConcurrentBag<string> _orderNumbers = [];
    private readonly ConcurrentDictionary<string, byte> _orderUsers = new(StringComparer.Ordinal);
    private readonly int[] _completed = new int[4];
    private readonly int[] _started = new int[4];

    /// <summary>Users for orders and browsing are 1..C, for agent conversations C+1..2C, the state probe 2C+1 (after the offset).</summary>
    public static int UsersNeeded(LoadOptions options) => options.UserOffset + options.Concurrency * 2 + 1;

    public int Completed(ConversationKind kind) => Volatile.Read(ref _completed[(int)kind]);

    public int Started(ConversationKind kind) => Volatile.Read(ref _started[(int)kind]);

    public IReadOnlyCollection<string> OrderNumbers => _orderNumbers;

    /// <summary>Process start → the first reply to the first message ("hi" from a demo user).</summary>
    public async Task<TimeSpan> ColdStartAsync(CancellationToken cancellationToken)
    {
        var conversation = channel.Sink.Track($"cold-start{HostTag}");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                var outcome = await channel.SendAsync(conversation, "ava.ordering", "hi", null, cancellationToken);
                if (outcome.Replies == 0 || outcome.Status is < 200 or > 299)
                {
                    throw new InvalidOperationException($"The first message got HTTP {outcome.Status} and {outcome.Replies} replies.");
                }

                return Stopwatch.GetElapsedTime(host.StartedAt, outcome.FirstReplyAt);
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60) && !host.HasExited)
            {
                // Not listening yet.
                await Task.Delay(5, cancellationToken);
            }
        }
    }

    public Task<PhaseResult> BaselineAsync(string name, string kind, int replies, CancellationToken cancellationToken, bool warmUp = false) =>
        RunPhaseAsync(name, warmUp ? options.WarmupSeconds : options.BaselineSeconds, null, async (worker, phase, stop) =>
        {
            var conversation = channel.Sink.Track($"baseline-{kind}-{worker}");
            var user = $"baseline-{worker}";
            while (!stop.IsCancellationRequested)
            {
                var outcome = await channel.SendAsync(conversation, user, "ping", kind, cancellationToken);
                phase.Record(outcome);
                if (Scenarios.Baseline(outcome, replies) is { } problem)
                {
                    phase.Error($"{name}: {problem}");
                }
            }
        }, cancellationToken);

    public Task<PhaseResult> SalesAsync(CancellationToken cancellationToken, bool warmUp = false)
    {
        var weights = new[] { options.OrderWeight, options.BrowseWeight, options.AgentWeight, options.WordsWeight };
        var started = 0;
        var settle = warmUp && options.SettleSeconds > 0;
        var maxConversations = warmUp && !settle ? Math.Min(options.Concurrency * 2, Math.Max(options.MaxConversations, options.Concurrency)) : options.MaxConversations;
        var name = warmUp ? "warm-up" : "sales";
        return RunPhaseAsync(name, warmUp ? options.WarmupSeconds : options.SalesSeconds, settle ? UntilJitSettledAsync : null, async (worker, phase, stop) =>
        {
            var random = new Random((options.Seed * 1000) + worker + (warmUp ? 500 : 0));
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                if (maxConversations > 0 && Interlocked.Increment(ref started) > maxConversations)
                {
                    return;
                }

                var kind = Pick(random, weights);
                var user = LoadUser(kind == ConversationKind.Agent ? options.Concurrency + worker + 1 : worker + 1);
                await ConverseAsync(phase, kind, user, $"{name}{HostTag}-{kind.ToString().ToLowerInvariant()}-{worker}-{n}", cancellationToken);
            }
        }, cancellationToken);
    }

    /// <summary>One order typed turn by turn, measuring the conversation's state after every turn.</summary>
    public async Task<StateSize> ProbeStateAsync(CancellationToken cancellationToken)
    {
        var user = LoadUser((options.Concurrency * 2) + 1);
        var conversationId = "state-probe";
        var conversation = channel.Sink.Track(conversationId);
        var largest = 0L;
        foreach (var step in Scenarios.For(ConversationKind.Order))
        {
            var outcome = await channel.SendAsync(conversation, user, step.Text, null, cancellationToken);
            if (step.Check(outcome) is { } problem)
            {
                throw new InvalidOperationException($"State probe: {problem}");
            }

            var bytes = await state.BytesAsync($"{options.ChannelId}/conversations/{conversationId}", cancellationToken);
            if (bytes > largest && options.DumpState)
            {
                Console.WriteLine($"State after \"{step.Text}\" ({bytes} B): {await state.JsonAsync($"{options.ChannelId}/conversations/{conversationId}", cancellationToken)}");
            }

            largest = Math.Max(largest, bytes);
        }

        var userState = await state.BytesAsync($"{options.ChannelId}/users/{user}", cancellationToken);
        var atRest = await state.AverageBytesAsync($"{options.ChannelId}/conversations/sales-order-%", cancellationToken);
        return new StateSize(largest, userState, atRest);
    }

    /// <summary>Orders the ordering API has for the users that ordered, and whether they are exactly the confirmed ones.</summary>
    public Task<(int Placed, int Unconfirmed)> CountOrdersAsync(CancellationToken cancellationToken) =>
        CountOrdersAsync(http, _orderUsers.Keys, _orderNumbers, cancellationToken);

    /// <summary>The orders the ordering API lists for <paramref name="users"/>, and how many of them no customer was told of.</summary>
    public static async Task<(int Placed, int Unconfirmed)> CountOrdersAsync(
        HttpClient http, IEnumerable<string> users, IEnumerable<string> confirmed, CancellationToken cancellationToken)
    {
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var user in users)
        {
            var orders = await http.GetFromJsonAsync<JsonArray>($"ordering/v1/orders?userId={Uri.EscapeDataString(user)}", cancellationToken) ?? [];
            foreach (var order in orders)
            {
                placed.Add((string)order!["number"]!);
            }
        }

        return (placed.Count, placed.Except(confirmed).Count());
    }

    private async Task ConverseAsync(PhaseMetrics phase, ConversationKind kind, string user, string conversationId, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _started[(int)kind]);
        if (kind == ConversationKind.Order)
        {
            _orderUsers.TryAdd(user, 0);
        }

        var conversation = channel.Sink.Track(conversationId);
        try
        {
            foreach (var step in Scenarios.For(kind))
            {
                var outcome = await channel.SendAsync(conversation, user, step.Text, null, cancellationToken);
                phase.Record(outcome);
                if (step.Check(outcome) is { } problem)
                {
                    phase.Error($"{conversationId} ({user}): {problem}");
                    return;
                }

                if (kind == ConversationKind.Order && Scenarios.OrderNumber(outcome.Text) is { } number)
                {
                    _orderNumbers.Add(number);
                }

                if (options.ThinkMilliseconds > 0)
                {
                    await Task.Delay(options.ThinkMilliseconds, cancellationToken);
                }
            }

            Interlocked.Increment(ref _completed[(int)kind]);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            phase.Error($"{conversationId} ({user}): {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            channel.Sink.Forget(conversationId);
        }
    }

    /// <summary>
    /// The host's JIT, allocation and GC counters (served only to load tests, see bot/Diagnostics); zeros from a host
    /// build without them, so older builds can still be measured (<c>--bot</c>) for before/after comparisons.
    /// </summary>
    public async Task<RuntimeCounters> RuntimeCountersAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("diagnostics/runtime", cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return RuntimeCounters.Unavailable;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<RuntimeCounters>(cancellationToken)
            ?? throw new InvalidOperationException("The host returned no runtime counters.");
    }

    /// <summary>
    /// Ends the warm-up once JIT tiering has settled: less than <see cref="SettledJitMillisecondsPerSecond"/> ms of
    /// compiling per second for <see cref="SettledSeconds"/> seconds running, after at least the warm-up seconds and at
    /// most the settle bound. Under full load tiering takes 35–65 s on two cores for the SQLite host and 70–175 s for
    /// the PostgreSQL host, and until it ends part of every turn runs in instrumented code. A count of methods was the
    /// signal before: below 50 a second the PostgreSQL host still spent 5% of its CPU in the JIT and 13% in
    /// instrumented code, and measured 3.7–4.7 ms of CPU per turn instead of 2.1–2.9.
    /// </summary>
    private async Task UntilJitSettledAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var first = await RuntimeCountersAsync(cancellationToken);
        if (!first.Available)
        {
            // A host without the counters: a fixed warm-up as long as settling takes on this machine.
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(options.SettleSeconds, 25)), cancellationToken);
            JitSettledAfter = started.Elapsed;
            return;
        }

        var last = first.JitMilliseconds;
        var quietSeconds = 0;
        while (started.Elapsed.TotalSeconds < options.SettleSeconds)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var now = (await RuntimeCountersAsync(cancellationToken)).JitMilliseconds;
            quietSeconds = now - last < SettledJitMillisecondsPerSecond ? quietSeconds + 1 : 0;
            last = now;
            if (quietSeconds >= SettledSeconds && started.Elapsed.TotalSeconds >= options.WarmupSeconds)
            {
                break;
            }
        }

        JitSettledAfter = started.Elapsed;
        JitSettled = quietSeconds >= SettledSeconds;
    }

    /// <summary>2% of one core: a few methods a second, none of them the turn's hot paths.</summary>
    private const double SettledJitMillisecondsPerSecond = 20;

    private const int SettledSeconds = 3;

    /// <summary>How long the warm-up ran until the JIT settled (or gave up), when it waited for that.</summary>
    public TimeSpan? JitSettledAfter { get; private set; }

    public bool JitSettled { get; private set; }

    private async Task<PhaseResult> RunPhaseAsync(
        string name, double seconds, Func<CancellationToken, Task>? until, Func<int, PhaseMetrics, CancellationToken, Task> worker, CancellationToken cancellationToken)
    {
        var phase = new PhaseMetrics();
        using var stop = new CancellationTokenSource();
        var peak = 0L;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, host.SampleWorkingSet());
                await Task.Delay(100, CancellationToken.None);
            }
        }, CancellationToken.None);

        var workers = Enumerable.Range(0, options.Concurrency).Select(i => Task.Run(async () =>
        {
            try
            {
                await worker(i, phase, stop.Token);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                phase.Error($"{name} worker {i}: {ex.GetType().Name}: {ex.Message}");
            }
        }, cancellationToken)).ToArray();
        var all = Task.WhenAll(workers);

        await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), cancellationToken), all);
        var countersStart = await RuntimeCountersAsync(cancellationToken);
        phase.OpenWindow();
        var cpuStart = host.CpuTime;
        await Task.WhenAny(until?.Invoke(cancellationToken) ?? Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken), all);
        phase.CloseWindow();
        var cpu = (host.CpuTime - cpuStart).TotalSeconds;
        var counters = (await RuntimeCountersAsync(cancellationToken)) - countersStart;
        await stop.CancelAsync();

        // Conversations in flight finish (so every started order is placed and counted), within a bound.
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken)) != all)
        {
            phase.Error($"{name}: conversations still running 60 s after the phase ended");
        }

        await sampling.CancelAsync();
        await sampler;
        return PhaseResult.From(name, options.Concurrency, phase, cpu, peak, counters);
    }

    public static ConversationKind Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            if (roll < weights[i])
            {
                return (ConversationKind)i;
            }

            roll -= weights[i];
        }

        return ConversationKind.Order;
    }

    private string LoadUser(int number) => LoadUserName(options.UserOffset + number);

    /// <summary>
    /// Part of this run's conversation ids when it has a block of users of its own (a soak host's warm-up): hosts on one
    /// PostgreSQL schema share conversation state, so the same id on two hosts would be one conversation.
    /// </summary>
    private string HostTag => options.UserOffset == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $"-u{options.UserOffset}");

    public static string LoadUserName(int number) => $"load-{number.ToString("000", CultureInfo.InvariantCulture)}";
}

/// <summary>The host's runtime counters (<c>GET /diagnostics/runtime</c>); subtracting two gives what happened between them.</summary>
internal sealed record RuntimeCounters(
    long JitCompiledMethods,
    double JitMilliseconds,
    long AllocatedBytes,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections,
    double GcPauseMilliseconds,
    bool ServerGc,
    bool Available = true)
{
    public static RuntimeCounters Unavailable { get; } = new(0, 0, 0, 0, 0, 0, 0, false, Available: false);

    public static RuntimeCounters operator -(RuntimeCounters end, RuntimeCounters start) => new(
        end.JitCompiledMethods - start.JitCompiledMethods,
        end.JitMilliseconds - start.JitMilliseconds,
        end.AllocatedBytes - start.AllocatedBytes,
        end.Gen0Collections - start.Gen0Collections,
        end.Gen1Collections - start.Gen1Collections,
        end.Gen2Collections - start.Gen2Collections,
        end.GcPauseMilliseconds - start.GcPauseMilliseconds,
        end.ServerGc,
        end.Available && start.Available);
}

/// <summary>State bytes: the conversation's largest after any turn, the user's, and conversations' average at rest.</summary>
internal sealed record StateSize(long ConversationPeakBytes, long UserBytes, double ConversationAtRestBytes)
{
    public long PerConversationBytes => ConversationPeakBytes + UserBytes;
}
