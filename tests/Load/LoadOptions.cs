using System.Globalization;

namespace My8x8.SalesBot.Load;

/// <summary>Command-line settings of a load run (see docs/performance.md).</summary>
internal sealed record LoadOptions
{
    public int Concurrency { get; init; } = 32;

    /// <summary>Measured seconds of the sales phase.</summary>
    public double SalesSeconds { get; init; } = 20;

    /// <summary>Measured seconds of each baseline phase (quiet, stock echo, fast echo).</summary>
    public double BaselineSeconds { get; init; } = 6;

    /// <summary>Unmeasured seconds at the start of each phase, so JIT tiering and pools settle.</summary>
    public double WarmupSeconds { get; init; } = 2;

    /// <summary>
    /// At most this many seconds of sales-mix warm-up, ended as soon as the host's JIT tiering has settled
    /// (0: a fixed warm-up of <see cref="WarmupSeconds"/>).
    /// </summary>
    public double SettleSeconds { get; init; } = 180;

    /// <summary>Stop starting conversations after this many in the sales phase (0: only the time bounds).</summary>
    public int MaxConversations { get; init; }

    public int OrderWeight { get; init; } = 8;

    public int BrowseWeight { get; init; } = 1;

    public int AgentWeight { get; init; } = 1;

    /// <summary>Conversations in the customer's own words (the intent model's turns); none by default, so runs compare with earlier ones.</summary>
    public int WordsWeight { get; init; }

    public bool Baselines { get; init; } = true;

    public string? BotPath { get; init; }

    public string? ReportPath { get; init; }

    public bool KeepData { get; init; }

    /// <summary>Print the state probe's conversation state each time it grows.</summary>
    public bool DumpState { get; init; }

    /// <summary>Fail (exit code 2) when a performance target is missed, not only on errors.</summary>
    public bool AssertTargets { get; init; }

    public int Seed { get; init; } = 8;

    /// <summary>A customer's pause between turns in the sales phase (0: back to back, the harshest load).</summary>
    public int ThinkMilliseconds { get; init; }

    public string ChannelId { get; init; } = "webchat";

    /// <summary>Run the same phases a second time on PostgreSQL (SALESBOT_TEST_POSTGRES) after SQLite, and compare.</summary>
    public bool Postgres { get; init; }

    /// <summary>
    /// Human scale instead of the closed loop (<see cref="SoakRun"/>): <see cref="Concurrency"/> customers (2,000 unless
    /// given) pausing <see cref="ThinkMinSeconds"/>–<see cref="ThinkMaxSeconds"/> between messages for
    /// <see cref="SalesSeconds"/> (600 unless given), on one host, or with <see cref="Postgres"/> on PostgreSQL and
    /// <see cref="Hosts"/> hosts sharing it.
    /// </summary>
    public bool Soak { get; init; }

    public double ThinkMinSeconds { get; init; } = 3;

    public double ThinkMaxSeconds { get; init; } = 15;

    /// <summary>Soak only: hosts sharing one PostgreSQL schema, each customer's turns spread over them in turn.</summary>
    public int Hosts { get; init; } = 1;

    /// <summary>The load-test users a run's customers start after (two runs on one database must not share users).</summary>
    public int UserOffset { get; init; }

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        bool concurrencyGiven = false, durationGiven = false, mixGiven = false;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            double Seconds() => double.Parse(Value(), CultureInfo.InvariantCulture);
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
            concurrencyGiven |= name is "--concurrency" or "-c";
            durationGiven |= name is "--duration" or "-d";
            mixGiven |= name == "--mix";
            options = name switch
            {
                "--smoke" => options with { Concurrency = 4, SalesSeconds = 3, BaselineSeconds = 1, WarmupSeconds = 0.5, SettleSeconds = 0, MaxConversations = 160 },
                "--concurrency" or "-c" => options with { Concurrency = Number() },
                "--duration" or "-d" => options with { SalesSeconds = Seconds() },
                "--baseline-duration" => options with { BaselineSeconds = Seconds() },
                "--warmup" => options with { WarmupSeconds = Seconds() },
                "--settle" => options with { SettleSeconds = Seconds() },
                "--max-conversations" => options with { MaxConversations = Number() },
                "--mix" => ParseMix(options, Value()),
                "--no-baselines" => options with { Baselines = false },
                "--bot" => options with { BotPath = Value() },
                "--report" => options with { ReportPath = Value() },
                "--keep-data" => options with { KeepData = true },
                "--dump-state" => options with { DumpState = true },
                "--assert-targets" => options with { AssertTargets = true },
                "--seed" => options with { Seed = Number() },
                "--think-ms" => options with { ThinkMilliseconds = Number() },
                "--channel" => options with { ChannelId = Value() },
                "--postgres" => options with { Postgres = true },
                "--soak" => options with { Soak = true },
                "--think" => ParseThink(options, Value()),
                "--hosts" => options with { Hosts = Number() },
                _ => throw new ArgumentException($"Unknown option {name}. See docs/performance.md."),
            };
        }

        if (options.Soak)
        {
            // A customer is a whole order or a browse; 2,000 of them for 10 minutes unless told otherwise.
            options = options with
            {
                Concurrency = concurrencyGiven ? options.Concurrency : 2000,
                SalesSeconds = durationGiven ? options.SalesSeconds : 600,
                OrderWeight = mixGiven ? options.OrderWeight : 1,
                BrowseWeight = mixGiven ? options.BrowseWeight : 1,
                AgentWeight = mixGiven ? options.AgentWeight : 0,
                WordsWeight = mixGiven ? options.WordsWeight : 0,
            };
        }

        if (options.Hosts < 1 || (options.Hosts > 1 && !(options.Soak && options.Postgres)))
        {
            throw new ArgumentException("--hosts needs --soak and --postgres: hosts share state only on PostgreSQL.");
        }

        return options.Concurrency < 1 || options.SalesSeconds <= 0 || options.OrderWeight + options.BrowseWeight + options.AgentWeight + options.WordsWeight <= 0
            ? throw new ArgumentException("Concurrency, duration and the mix must be positive.")
            : options;
    }

    /// <summary>"3-15": seconds a customer pauses between messages, drawn uniformly.</summary>
    private static LoadOptions ParseThink(LoadOptions options, string range)
    {
        var parts = range.Split('-', 2);
        var min = double.Parse(parts[0], CultureInfo.InvariantCulture);
        var max = parts.Length > 1 ? double.Parse(parts[1], CultureInfo.InvariantCulture) : min;
        return min < 0 || max < min ? throw new ArgumentException("--think needs MIN-MAX seconds with 0 <= MIN <= MAX.") : options with { ThinkMinSeconds = min, ThinkMaxSeconds = max };
    }

    /// <summary>"order=8,browse=1,agent=1,words=2".</summary>
    private static LoadOptions ParseMix(LoadOptions options, string mix)
    {
        foreach (var part in mix.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (key, value) = (part.Split('=')[0], int.Parse(part.Split('=')[1], CultureInfo.InvariantCulture));
            options = key switch
            {
                "order" => options with { OrderWeight = value },
                "browse" => options with { BrowseWeight = value },
                "agent" => options with { AgentWeight = value },
                "words" => options with { WordsWeight = value },
                _ => throw new ArgumentException($"Unknown conversation kind '{key}' in --mix."),
            };
        }

        return options;
    }
}
