using System.Diagnostics;
using My8x8.SalesBot.Load;

// The load generator: see docs/performance.md. Exit codes: 0 ok, 1 errors or orders ≠ completed conversations,
// 2 a performance target missed (only with --assert-targets), 64 bad arguments or --postgres without a server.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException)
{
    Console.Error.WriteLine(ex.Message);
    return 64;
}

if (options.Postgres && PostgresSchema.Server is null)
{
    Console.Error.WriteLine($"--postgres needs a server where the run may create a schema: set {PostgresSchema.Variable} to its connection string "
        + "(source .ci/postgres.sh starts a throwaway one and sets it).");
    return 64;
}

var botPath = BotHost.FindBot(options.BotPath);
using var cancellation = new CancellationTokenSource(options.Soak
    ? TimeSpan.FromSeconds(options.SalesSeconds) + TimeSpan.FromMinutes(20)
    : TimeSpan.FromMinutes(options.Postgres ? 30 : 15));
Console.WriteLine($"Host: {botPath}");
Console.WriteLine(Report.Machine());

if (options.ReportPath is not null)
{
    // Each store's report is appended as it finishes; a report file holds one run.
    File.Delete(options.ReportPath);
}

await using var sink = await ChannelSink.StartAsync();
if (options.Soak)
{
    return await SoakAsync();
}

var reports = new List<Report>();
var failed = false;

// SQLite first, then (with --postgres) the same phases on a fresh host on PostgreSQL: one run, one machine state.
var sqlite = await RunStoreAsync("SQLite", null);
failed |= sqlite is null;
if (options.Postgres && sqlite is not null)
{
    await using var schema = await PostgresSchema.CreateAsync(PostgresSchema.Server!, cancellation.Token);
    Console.WriteLine($"PostgreSQL schema: {schema.Name} (dropped at the end)");
    var postgres = await RunStoreAsync("PostgreSQL", schema.ConnectionString);
    failed |= postgres is null;
    if (postgres is not null)
    {
        var comparison = new StoreComparison(sqlite, postgres);
        var text = comparison.Render();
        Console.WriteLine(text);
        await AppendReportAsync(text);
        if (!failed && options.AssertTargets && !comparison.TargetsMet)
        {
            return 2;
        }
    }
}

if (failed)
{
    return 1;
}

return options.AssertTargets && !reports.TrueForAll(r => r.TargetsMet) ? 2 : 0;

// One host on one store, every phase; null when the run was not correct (the reason and the host's last output printed).
async Task<Report?> RunStoreAsync(string store, string? postgresConnectionString)
{
    var dataPath = Directory.CreateTempSubdirectory("salesbot-load-").FullName;
    Console.WriteLine($"{store} — data: {dataPath}");
    var host = BotHost.Start(botPath, dataPath, LoadRun.UsersNeeded(options), postgresConnectionString);
    try
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
        {
            BaseAddress = new Uri(host.BaseUrl + "/"),
            Timeout = TimeSpan.FromSeconds(30),
        };
        var channel = new ChannelClient(http, sink, options.ChannelId);
        StateDatabase stateDatabase = postgresConnectionString is null ? new SqliteStateDatabase(host.StateDatabase) : new PostgresStateDatabase(postgresConnectionString);
        var run = new LoadRun(options, host, channel, http, stateDatabase);

        var coldStart = await run.ColdStartAsync(cancellation.Token);
        Console.WriteLine($"Cold start (process start → first reply): {coldStart.TotalMilliseconds:F0} ms");

        // Unreported: JIT tiering, pools and caches settle before anything is measured (the orders still count).
        var warmUps = new List<PhaseResult> { await run.SalesAsync(cancellation.Token, warmUp: true) };
        if (options.Baselines)
        {
            warmUps.Add(await run.BaselineAsync("warm-up", "quiet", 0, cancellation.Token, warmUp: true));
            warmUps.Add(await run.BaselineAsync("warm-up", "echo", 2, cancellation.Token, warmUp: true));
        }

        var phases = new List<PhaseResult>();
        if (options.Baselines)
        {
            phases.Add(await run.BaselineAsync("quiet floor", "quiet", 0, cancellation.Token));
            phases.Add(await run.BaselineAsync("stock echo", "stock-echo", 2, cancellation.Token));
            phases.Add(await run.BaselineAsync("fast echo", "echo", 2, cancellation.Token));
        }

        phases.Add(await run.SalesAsync(cancellation.Token));
        var (placed, unconfirmed) = await run.CountOrdersAsync(cancellation.Token);
        var state = await run.ProbeStateAsync(cancellation.Token);
        var report = new Report(options, phases, warmUps, coldStart, state, run, placed, unconfirmed, host.ErrorLines, sink.Unexpected, host.PeakWorkingSet,
            store, postgresConnectionString is null ? 50 : StoreComparison.PostgresP99TargetMs);
        var text = report.Render();
        Console.WriteLine(text);
        await AppendReportAsync(text);
        reports.Add(report);
        if (!report.Correct)
        {
            Console.Error.WriteLine($"FAILED ({store}): errors, or orders placed ≠ order conversations completed. Last host output:");
            Console.Error.WriteLine(host.Tail());
            return null;
        }

        return report;
    }
    catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or OperationCanceledException)
    {
        Console.Error.WriteLine($"FAILED ({store}): {ex.Message}");
        Console.Error.WriteLine(host.Tail());
        return null;
    }
    finally
    {
        host.Dispose();
        if (!options.KeepData)
        {
            TryDelete(dataPath);
        }
    }
}

// Human scale: the hosts (one, or several on one PostgreSQL schema), each warmed up, then the customers.
async Task<int> SoakAsync()
{
    var store = options.Postgres ? "PostgreSQL" : "SQLite";
    await using var schema = options.Postgres ? await PostgresSchema.CreateAsync(PostgresSchema.Server!, cancellation.Token) : null;
    var hosts = new List<(BotHost Host, ChannelClient Channel, HttpClient Http)>();
    var dataPaths = new List<string>();
    try
    {
        for (var h = 0; h < options.Hosts; h++)
        {
            var dataPath = Directory.CreateTempSubdirectory("salesbot-soak-").FullName;
            dataPaths.Add(dataPath);
            var host = BotHost.Start(botPath, dataPath, SoakRun.UsersNeeded(options), schema?.ConnectionString);
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
            {
                BaseAddress = new Uri(host.BaseUrl + "/"),
                Timeout = TimeSpan.FromSeconds(30),
            };
            hosts.Add((host, new ChannelClient(http, sink, options.ChannelId), http));
        }

        Console.WriteLine($"Soak on {store}, {options.Hosts} host(s){(schema is null ? "" : $", schema {schema.Name}")}: {options.Concurrency} customers for {options.SalesSeconds} s");
        // Every host's first reply before any warm-up: the hosts started together, as a deployment's instances do, and
        // a host whose first reply waited for another's warm-up would report that wait as its cold start.
        var warmUps = hosts.Select((host, h) => new LoadRun(SoakRun.WarmUpOptions(options, h), host.Host, host.Channel, host.Http, new SqliteStateDatabase(host.Host.StateDatabase))).ToList();
        var coldStarts = new List<TimeSpan>();
        foreach (var warmUp in warmUps)
        {
            coldStarts.Add(await warmUp.ColdStartAsync(cancellation.Token));
        }

        var warmUpErrors = 0;
        for (var h = 0; h < hosts.Count; h++)
        {
            // One after the other: each host's JIT settles under load before any customer arrives.
            var warmUp = warmUps[h];
            var coldStart = coldStarts[h];
            var result = await warmUp.SalesAsync(cancellation.Token, warmUp: true);
            var (placed, unconfirmed) = await warmUp.CountOrdersAsync(cancellation.Token);
            var wrongOrders = placed != warmUp.Completed(ConversationKind.Order) || unconfirmed != 0;
            warmUpErrors += result.Errors + (wrongOrders ? 1 : 0);
            Console.WriteLine($"Host {h + 1}: cold start {coldStart.TotalMilliseconds:F0} ms; warm-up {result.Turns} turns in {warmUp.JitSettledAfter?.TotalSeconds ?? options.WarmupSeconds:F0} s, {result.Errors} errors, orders {placed} placed / {warmUp.Completed(ConversationKind.Order)} completed");
            foreach (var sample in result.ErrorSamples)
            {
                Console.WriteLine($"  {sample}");
            }
        }

        var soak = await new SoakRun(options, hosts).RunAsync(cancellation.Token);
        var text = soak.Render(store);
        Console.WriteLine(text);
        await AppendReportAsync(text);
        if (!soak.Correct || warmUpErrors > 0)
        {
            Console.Error.WriteLine($"FAILED (soak): errors, or orders placed ≠ order conversations completed (warm-up errors: {warmUpErrors}). Last host output:");
            Console.Error.WriteLine(hosts[0].Host.Tail());
            return 1;
        }

        return options.AssertTargets && !soak.TargetsMet ? 2 : 0;
    }
    catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or OperationCanceledException)
    {
        Console.Error.WriteLine($"FAILED (soak): {ex.Message}");
        foreach (var (host, _, _) in hosts)
        {
            Console.Error.WriteLine(host.Tail());
        }

        return 1;
    }
    finally
    {
        foreach (var (host, _, http) in hosts)
        {
            host.Dispose();
            http.Dispose();
        }

        foreach (var dataPath in dataPaths.Where(_ => !options.KeepData))
        {
            TryDelete(dataPath);
        }
    }
}

async Task AppendReportAsync(string text)
{
    if (options.ReportPath is not null)
    {
        await File.AppendAllTextAsync(options.ReportPath, text + Environment.NewLine, cancellation.Token);
    }
}

static void TryDelete(string path)
{
    try
    {
        Directory.Delete(path, recursive: true);
    }
    catch (IOException)
    {
        Debug.WriteLine($"Left {path} behind.");
    }
}
