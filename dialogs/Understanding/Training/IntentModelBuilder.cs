using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Transforms.Text;
using My8x8.SalesBot.Dialogs.Understanding.Prediction;

namespace My8x8.SalesBot.Dialogs.Understanding.Training;

/// <summary>How the model is built: the featurization and the learner.</summary>
/// <param name="Trainer">The multiclass learner.</param>
/// <param name="WordNgrams">Word n-grams up to this length (1 = single words, 2 = also pairs).</param>
/// <param name="CharNgrams">Character n-grams up to this length (all lengths from 1), which carry typos and word parts.</param>
/// <param name="L2Regularization">L2 weight penalty of the L-BFGS learners: lower fits the examples more closely.</param>
internal sealed record IntentModelSettings(IntentTrainer Trainer, int WordNgrams, int CharNgrams, float L2Regularization = 0.01f)
{
    /// <summary>The settings of the shipped model, chosen by cross-validation on the examples (docs/understanding.md).</summary>
    public static IntentModelSettings Default { get; } = new(IntentTrainer.LbfgsMaximumEntropy, 2, 4);
}

/// <summary>Trains the intent model from examples. Single-threaded with a fixed seed, so the same examples give the same model.</summary>
internal static class IntentModelBuilder
{
    public const int Seed = 20261201;

    public static ITransformer Train(IReadOnlyList<IntentExample> examples, IntentModelSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        settings ??= IntentModelSettings.Default;
        var ml = new MLContext(Seed);
        var rows = examples.Select(e => new IntentTrainingRow { Text = e.Normalized, Label = e.Intent.Label() }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);

        // The label becomes a key outside the saved model, so predicting needs only the text column.
        var keyed = ml.Transforms.Conversion.MapValueToKey("Label").Fit(data).Transform(data);
        var featurizer = ml.Transforms.Text.FeaturizeText("Features", new TextFeaturizingEstimator.Options
        {
            // Stop words are kept: "no", "not", "all" and "that" decide intents here.
            WordFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.WordNgrams, UseAllLengths = true },
            CharFeatureExtractor = new WordBagEstimator.Options { NgramLength = settings.CharNgrams, UseAllLengths = true },
            Norm = TextFeaturizingEstimator.NormFunction.L2,
        }, "Text");

        var model = featurizer.AppendCacheCheckpoint(ml).Append(Trainer(ml, settings)).Fit(keyed);
        return model;
    }

    /// <summary>Saves a trained model with the prediction input schema (text only).</summary>
    public static void Save(ITransformer model, Stream stream)
    {
        var ml = new MLContext(Seed);
        var inputSchema = ml.Data.LoadFromEnumerable(Array.Empty<IntentInput>()).Schema;
        ml.Model.Save(model, inputSchema, stream);
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, IntentModelSettings settings) => settings.Trainer switch
    {
        IntentTrainer.LbfgsMaximumEntropy => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
            new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1, L2Regularization = settings.L2Regularization, L1Regularization = 0f }),
        IntentTrainer.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
            new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1 }),
        IntentTrainer.OneVersusAllLogistic => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.LbfgsLogisticRegression(
                new LbfgsLogisticRegressionBinaryTrainer.Options { NumberOfThreads = 1, L2Regularization = settings.L2Regularization, L1Regularization = 0f })),
        IntentTrainer.OneVersusAllLinearSvm => ml.MulticlassClassification.Trainers.OneVersusAll(
            ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options { NumberOfIterations = 20 })),
        _ => throw new ArgumentOutOfRangeException(nameof(settings), settings.Trainer, null),
    };
}
