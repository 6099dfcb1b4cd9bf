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
    public double SettleSeconds { get; init; } = 60;

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

    public static LoadOptions Parse(string[] args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            double Seconds() => double.Parse(Value(), CultureInfo.InvariantCulture);
            int Number() => int.Parse(Value(), CultureInfo.InvariantCulture);
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
                _ => throw new ArgumentException($"Unknown option {name}. See docs/performance.md."),
            };
        }

        return options.Concurrency < 1 || options.SalesSeconds <= 0 || options.OrderWeight + options.BrowseWeight + options.AgentWeight + options.WordsWeight <= 0
            ? throw new ArgumentException("Concurrency, duration and the mix must be positive.")
            : options;
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
