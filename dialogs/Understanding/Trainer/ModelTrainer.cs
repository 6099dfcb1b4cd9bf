using System.Diagnostics;
using System.Globalization;
using My8x8.SalesBot.Dialogs.Understanding.Prediction;
using My8x8.SalesBot.Dialogs.Understanding.Training;

namespace My8x8.SalesBot.Dialogs.Understanding.Trainer;

/// <summary>Trains each language's model from its examples file and writes it where the library embeds it.</summary>
internal static class ModelTrainer
{
    public static int Run(string[] args, TextWriter output)
    {
        var root = RepositoryRoot();
        var data = Path.Combine(root, "dialogs", "Understanding", "Data");
        var models = Path.Combine(root, "dialogs", "Understanding", "Models");
        var evaluation = Path.Combine(root, "tests", "Understanding.Tests", "Data");
        Directory.CreateDirectory(models);

        var files = Directory.GetFiles(data, "intents.*.md").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            output.WriteLine($"No examples files (intents.*.md) in {data}.");
            return 1;
        }

        foreach (var file in files)
        {
            var language = Path.GetFileName(file).Split('.')[1];
            var examples = IntentExampleFile.Read(file);
            var settings = IntentModelSettings.Default;
            var watch = Stopwatch.StartNew();
            var model = IntentModelBuilder.Train(examples, settings);
            var trained = watch.ElapsedMilliseconds;
            var manifest = IntentModelManifest.For(language, examples, settings);
            var target = Path.Combine(models, $"intents.{language}.zip");
            using (var stream = File.Create(target))
            {
                IntentModelFile.Write(model, manifest, stream);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{language}: {examples.Count} examples, {examples.Select(e => e.Intent).Distinct().Count()} intents, trained in {trained} ms -> {Path.GetRelativePath(root, target)} ({new FileInfo(target).Length / 1024} KB), fingerprint {manifest.Fingerprint[..12]}"));

            if (args.Contains("--compare"))
            {
                var held = Path.Combine(evaluation, $"intents.{language}.eval.md");
                Compare(examples, File.Exists(held) ? IntentExampleFile.Read(held) : [], output);
            }
        }

        return 0;
    }

    /// <summary>Learners and featurizations side by side: 5-fold cross-validation on the examples, then held-out accuracy and speed.</summary>
    private static void Compare(IReadOnlyList<IntentExample> examples, IReadOnlyList<IntentExample> heldOut, TextWriter output)
    {
        IntentModelSettings[] candidates =
        [
            IntentModelSettings.Default,
            IntentModelSettings.Default with { L2Regularization = 0.001f },
            IntentModelSettings.Default with { L2Regularization = 0.1f },
            IntentModelSettings.Default with { WordNgrams = 1 },
            IntentModelSettings.Default with { CharNgrams = 3 },
            IntentModelSettings.Default with { Trainer = IntentTrainer.SdcaMaximumEntropy },
            IntentModelSettings.Default with { Trainer = IntentTrainer.OneVersusAllLogistic },
            IntentModelSettings.Default with { Trainer = IntentTrainer.OneVersusAllLinearSvm },
        ];

        output.WriteLine("| learner | words | chars | L2 | 5-fold CV | held-out | train ms | µs/prediction |");
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var settings in candidates)
        {
            var folds = CrossValidate(examples, settings);
            var watch = Stopwatch.StartNew();
            var model = IntentModel.FromTransformer(IntentModelBuilder.Train(examples, settings), "eval");
            var trainMs = watch.ElapsedMilliseconds;
            var options = new IntentOptions();
            var right = heldOut.Count(e => model.Classify(e.Text, options).Intent == e.Intent);
            var micros = MicrosPerPrediction(model, heldOut.Count > 0 ? heldOut : examples);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {settings.Trainer} | 1–{settings.WordNgrams} | 1–{settings.CharNgrams} | {settings.L2Regularization} | {Percent(folds.Count(f => f.Truth == f.Predicted), folds.Count)} | {Percent(right, heldOut.Count)} | {trainMs} | {micros:F1} |"));
        }

        output.WriteLine();
        output.WriteLine("Out-of-fold predictions of the default settings by confidence (how the bands were chosen):");
        output.WriteLine();
        output.WriteLine("| act at or above | acted on | wrong among them | right but below |");
        output.WriteLine("|---|---|---|---|");
        var defaults = CrossValidate(examples, IntentModelSettings.Default);
        for (var threshold = 0.2; threshold < 0.96; threshold += 0.1)
        {
            var acted = defaults.Where(f => f.Predicted != Intent.None && f.Confidence >= threshold).ToList();
            var wrong = acted.Count(f => f.Predicted != f.Truth);
            var below = defaults.Count(f => f.Predicted == f.Truth && f.Predicted != Intent.None && f.Confidence < threshold);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {threshold:F1} | {acted.Count} | {wrong} ({Percent(wrong, acted.Count)}) | {below} |"));
        }
    }

    private static List<(Intent Truth, Intent Predicted, double Confidence)> CrossValidate(IReadOnlyList<IntentExample> examples, IntentModelSettings settings)
    {
        const int Folds = 5;
        var predictions = new List<(Intent, Intent, double)>();
        var options = new IntentOptions();
        for (var fold = 0; fold < Folds; fold++)
        {
            var training = examples.Where((_, i) => i % Folds != fold).ToList();
            var model = IntentModel.FromTransformer(IntentModelBuilder.Train(training, settings), "cv");
            foreach (var example in examples.Where((_, i) => i % Folds == fold))
            {
                var result = model.Classify(example.Text, options);
                predictions.Add((example.Intent, result.Intent, result.Confidence));
            }
        }

        return predictions;
    }

    private static double MicrosPerPrediction(IntentModel model, IReadOnlyList<IntentExample> texts)
    {
        var options = new IntentOptions();
        const int Count = 20_000;
        for (var i = 0; i < Count; i++)
        {
            model.Classify(texts[i % texts.Count].Text, options);
        }

        var best = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < Count; i++)
            {
                model.Classify(texts[i % texts.Count].Text, options);
            }

            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / Count);
        }

        return best;
    }

    private static string Percent(int part, int whole) =>
        whole == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F1}%");

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "My8x8.SalesBot.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the trainer from inside the repository (dotnet run --project dialogs/Understanding/Trainer).");
    }
}
