using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace My8x8.SalesBot.Load;

/// <summary>
/// The bot host as a child process (<c>dotnet My8x8.SalesBot.Bot.dll</c>) on a free loopback port, Development
/// environment, all data in a temporary folder, load-test users seeded and the baseline turns on.
/// Its CPU time and memory come from <see cref="Process"/>. With a PostgreSQL connection string, state, turn locks,
/// ordering and handoff live there instead (ConnectionStrings:SalesBot), as in a deployment.
/// </summary>
internal sealed class BotHost : IDisposable
{
    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly Queue<string> _tail = new();
    private int _errorLines;
    private long _peakWorkingSet;

    private BotHost(Process process, string baseUrl, string dataPath, long startedAt)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataPath = dataPath;
        StartedAt = startedAt;
    }

    public string BaseUrl { get; }

    public string DataPath { get; }

    public string StateDatabase => Path.Combine(DataPath, "state.db");

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartedAt { get; }

    public int ErrorLines => Volatile.Read(ref _errorLines);

    public bool HasExited => _process.HasExited;

    public static BotHost Start(string botPath, string dataPath, int loadTestUsers, string? postgresConnectionString = null)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(botPath);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["urls"] = baseUrl,
            ["environment"] = "Development",
            ["contentRoot"] = dataPath,
            ["SalesBot:PublicBaseUrl"] = baseUrl,
            ["SalesBot:Storage:ConnectionString"] = $"Data Source={Path.Combine(dataPath, "state.db")}",
            ["SalesBot:Ordering:DatabasePath"] = Path.Combine(dataPath, "ordering.db"),
            ["SalesBot:Ordering:LoadTestUsers"] = loadTestUsers.ToString(CultureInfo.InvariantCulture),
            ["SalesBot:Performance:Baselines"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        })
        {
            info.ArgumentList.Add($"--{key}={value}");
        }

        if (postgresConnectionString is not null)
        {
            // The one setting that puts state, turn locks, ordering and handoff on PostgreSQL, as deployed.
            info.ArgumentList.Add($"--ConnectionStrings:SalesBot={postgresConnectionString}");
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the bot host.");
        var host = new BotHost(process, baseUrl, dataPath, startedAt);
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Samples the working set; returns the current value and keeps the peak.</summary>
    public long SampleWorkingSet()
    {
        _process.Refresh();
        var current = _process.WorkingSet64;
        InterlockedMax(ref _peakWorkingSet, Math.Max(current, _process.PeakWorkingSet64));
        return current;
    }

    public long PeakWorkingSet => Interlocked.Read(ref _peakWorkingSet);

    public string Tail()
    {
        lock (_lock)
        {
            return string.Join(Environment.NewLine, _tail);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        // Console logger: "fail: Category[id]" / "crit: …" start an error entry.
        if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _errorLines);
        }

        lock (_lock)
        {
            _tail.Enqueue(line);
            if (_tail.Count > 60)
            {
                _tail.Dequeue();
            }
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host built next to this tool: bot/bin/&lt;configuration&gt;/net10.0/My8x8.SalesBot.Bot.dll.</summary>
    public static string FindBot(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new FileNotFoundException("No bot host at --bot.", explicitPath);
        }

        var toolDirectory = AppContext.BaseDirectory;
        var configuration = toolDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        for (var directory = new DirectoryInfo(toolDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "My8x8.SalesBot.sln")))
            {
                var path = Path.Combine(directory.FullName, "bot", "bin", configuration, "net10.0", "My8x8.SalesBot.Bot.dll");
                return File.Exists(path) ? path : throw new FileNotFoundException($"Build the host first ({configuration}).", path);
            }
        }

        throw new FileNotFoundException("Could not find the repository root (My8x8.SalesBot.sln) above this tool; pass --bot.");
    }
}
