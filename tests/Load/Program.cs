using System.Diagnostics;
using My8x8.SalesBot.Load;

// The load generator: see docs/performance.md. Exit codes: 0 ok, 1 errors or orders ≠ completed conversations,
// 2 a performance target missed (only with --assert-targets), 64 bad arguments.
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

var botPath = BotHost.FindBot(options.BotPath);
var dataPath = Directory.CreateTempSubdirectory("salesbot-load-").FullName;
using var cancellation = new CancellationTokenSource(TimeSpan.FromMinutes(15));
Console.WriteLine($"Host: {botPath}");
Console.WriteLine($"Data: {dataPath}");
Console.WriteLine(Report.Machine());

await using var sink = await ChannelSink.StartAsync();
var host = BotHost.Start(botPath, dataPath, LoadRun.UsersNeeded(options));
try
{
    using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false })
    {
        BaseAddress = new Uri(host.BaseUrl + "/"),
        Timeout = TimeSpan.FromSeconds(30),
    };
    var channel = new ChannelClient(http, sink, options.ChannelId);
    var run = new LoadRun(options, host, channel, http);

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
    var report = new Report(options, phases, warmUps, coldStart, state, run, placed, unconfirmed, host.ErrorLines, sink.Unexpected, host.PeakWorkingSet);
    var text = report.Render();
    Console.WriteLine(text);
    if (options.ReportPath is not null)
    {
        await File.WriteAllTextAsync(options.ReportPath, text, cancellation.Token);
    }

    if (!report.Correct)
    {
        Console.Error.WriteLine("FAILED: errors, or orders placed ≠ order conversations completed. Last host output:");
        Console.Error.WriteLine(host.Tail());
        return 1;
    }

    return options.AssertTargets && !report.TargetsMet ? 2 : 0;
}
catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or OperationCanceledException)
{
    Console.Error.WriteLine($"FAILED: {ex.Message}");
    Console.Error.WriteLine(host.Tail());
    return 1;
}
finally
{
    host.Dispose();
    if (!options.KeepData)
    {
        TryDelete(dataPath);
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
