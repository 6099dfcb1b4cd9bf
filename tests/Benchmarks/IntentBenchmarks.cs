using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Understanding;

namespace My8x8.SalesBot.Benchmarks;

/// <summary>One intent prediction, warm, as a turn makes it (the model is loaded in the global setup, as the host's warm-up would).</summary>
[MemoryDiagnoser]
public class IntentBenchmarks
{
    private IntentRecognizer _recognizer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _recognizer = new IntentRecognizer(Options.Create(new IntentOptions()), NullLogger<IntentRecognizer>.Instance);
        _recognizer.WarmUp();
    }

    [Benchmark]
    [Arguments("agent")]
    [Arguments("I want to talk to a sales person")]
    [Arguments("hi, we just hired three people and need lines and Yealink phones for them, can you add those to my cart please")]
    public Intent Recognize(string text) => _recognizer.Recognize(text, "en-US").Intent;
}

/// <summary>
/// Loading the model in a new process, as the host's first use or warm-up pays it: each launch is a fresh process,
/// so the one measured call includes the JIT of ML.NET's loading and prediction code.
/// </summary>
[SimpleJob(RunStrategy.ColdStart, launchCount: 5, warmupCount: 0, iterationCount: 1)]
public class IntentModelLoadBenchmarks
{
    [Benchmark]
    public Intent Load_and_first_prediction()
    {
        var recognizer = new IntentRecognizer(Options.Create(new IntentOptions()), NullLogger<IntentRecognizer>.Instance);
        return recognizer.Recognize("talk to sales").Intent;
    }
}
