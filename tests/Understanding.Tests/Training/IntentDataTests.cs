using My8x8.SalesBot.Dialogs.Understanding;
using My8x8.SalesBot.Dialogs.Understanding.Training;

namespace My8x8.SalesBot.Understanding.Tests.Training;

/// <summary>The examples and the held-out sets are fit to train and to measure on.</summary>
public sealed class IntentDataTests
{
    private const int MinimumExamples = 30;
    private const int MinimumHeldOut = 15;

    [Fact]
    public void English_examples_are_there_and_Spanish_can_be_added_beside_them()
    {
        Assert.Contains("en", IntentData.Languages);
        Assert.All(IntentData.Languages, language => Assert.True(File.Exists(IntentData.EvaluationPath(language)),
            $"intents.{language}.md has no held-out set: add tests/Understanding.Tests/Data/intents.{language}.eval.md."));
    }

    [Theory]
    [MemberData(nameof(IntentData.LanguageData), MemberType = typeof(IntentData))]
    public void Every_intent_has_enough_examples_and_held_out_utterances(string language)
    {
        var examples = IntentData.Examples(language);
        var heldOut = IntentData.Evaluation(language);
        Assert.All(IntentLabels.All, intent =>
        {
            var trained = examples.Count(e => e.Intent == intent);
            var measured = heldOut.Count(e => e.Intent == intent);
            Assert.True(trained >= MinimumExamples, $"{intent.Label()} has {trained} examples; at least {MinimumExamples}.");
            Assert.True(measured >= MinimumHeldOut, $"{intent.Label()} has {measured} held-out utterances; at least {MinimumHeldOut}.");
        });
    }

    [Theory]
    [MemberData(nameof(IntentData.LanguageData), MemberType = typeof(IntentData))]
    public void No_held_out_utterance_is_also_an_example_after_normalization(string language)
    {
        var examples = IntentData.Examples(language).ToLookup(e => e.Normalized, StringComparer.Ordinal);
        var overlaps = IntentData.Evaluation(language).Where(e => examples.Contains(e.Normalized))
            .Select(e => $"\"{e.Text}\" (held-out line {e.Line}) = \"{examples[e.Normalized].First().Text}\" (examples line {examples[e.Normalized].First().Line})")
            .ToList();
        Assert.True(overlaps.Count == 0, "Held-out utterances must never be trained on: " + string.Join("; ", overlaps));
    }

    [Theory]
    [MemberData(nameof(IntentData.LanguageData), MemberType = typeof(IntentData))]
    public void No_utterance_is_written_twice_in_the_examples_or_the_held_out_set(string language)
    {
        foreach (var set in new[] { IntentData.Examples(language), IntentData.Evaluation(language) })
        {
            var repeated = set.GroupBy(e => e.Normalized, StringComparer.Ordinal).Where(g => g.Count() > 1)
                .Select(g => string.Join(" = ", g.Select(e => $"{e.Intent.Label()} \"{e.Text}\" ({e.Source}:{e.Line})")))
                .ToList();
            Assert.True(repeated.Count == 0, "Written twice (the same after normalization): " + string.Join("; ", repeated));
        }
    }

    [Theory]
    [MemberData(nameof(IntentData.LanguageData), MemberType = typeof(IntentData))]
    public void The_shipped_model_was_built_from_the_current_examples(string language)
    {
        Assert.Contains(language, IntentData.Shipped.Languages);
        var manifest = LoadManifest(language);
        var expected = IntentModelManifest.FingerprintOf(IntentData.Examples(language), IntentModelSettings.Default);
        Assert.True(expected == manifest.Fingerprint,
            $"The {language} model was built from other examples or settings than the current ones. Rebuild it: "
            + "dotnet run -c Release --project dialogs/Understanding/Trainer (then commit dialogs/Understanding/Models).");
        Assert.Equal(IntentData.Examples(language).Count, manifest.Examples);
    }

    private static IntentModelManifest LoadManifest(string language)
    {
        using var stream = typeof(IntentRecognizer).Assembly.GetManifestResourceStream(
            $"My8x8.SalesBot.Dialogs.Understanding.Models.intents.{language}.zip");
        Assert.NotNull(stream);
        return IntentModelFile.ReadManifest(stream);
    }
}
