using My8x8.SalesBot.Dialogs.Understanding;
using My8x8.SalesBot.Dialogs.Understanding.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Understanding.Tests;

/// <summary>The examples and held-out sets as copied beside the tests, and the shipped recognizer.</summary>
internal static class IntentData
{
    private static readonly Lazy<IntentRecognizer> ShippedRecognizer = new(() =>
        new IntentRecognizer(Options.Create(new IntentOptions()), NullLogger<IntentRecognizer>.Instance));

    /// <summary>The recognizer over the embedded models, as the host gets it (default options).</summary>
    public static IntentRecognizer Shipped => ShippedRecognizer.Value;

    /// <summary>Every language that has an examples file.</summary>
    public static IReadOnlyList<string> Languages { get; } =
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Examples"), "intents.*.md")
            .Select(path => Path.GetFileName(path).Split('.')[1]).Order(StringComparer.Ordinal)];

    public static TheoryData<string> LanguageData => new(Languages);

    public static string ExamplesPath(string language) => Path.Combine(AppContext.BaseDirectory, "Examples", $"intents.{language}.md");

    public static string EvaluationPath(string language) => Path.Combine(AppContext.BaseDirectory, "Data", $"intents.{language}.eval.md");

    public static IReadOnlyList<IntentExample> Examples(string language) => IntentExampleFile.Read(ExamplesPath(language));

    public static IReadOnlyList<IntentExample> Evaluation(string language) => IntentExampleFile.Read(EvaluationPath(language));
}
