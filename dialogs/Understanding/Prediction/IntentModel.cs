using Microsoft.Extensions.ObjectPool;
using Microsoft.ML;
using Microsoft.ML.Data;
using My8x8.SalesBot.Dialogs.Understanding.Training;

namespace My8x8.SalesBot.Dialogs.Understanding.Prediction;

/// <summary>
/// A loaded intent model for one language. ML.NET's <see cref="PredictionEngine{TSrc,TDst}"/> is not thread-safe and
/// costs far more to build than to use, so predictors (engine plus its reused input and output) are pooled: a turn
/// rents one, predicts in microseconds and returns it.
/// </summary>
internal sealed class IntentModel
{
    private readonly ObjectPool<Predictor> _predictors;

    private IntentModel(ITransformer transformer, MLContext ml, string language, IntentModelManifest? manifest)
    {
        Language = language;
        Manifest = manifest;
        var policy = new PredictorPolicy(ml, transformer);
        var first = policy.Create();
        Slots = ReadSlots(first.Engine);
        _predictors = new DefaultObjectPool<Predictor>(policy, Math.Max(4, Environment.ProcessorCount * 2));
        _predictors.Return(first);
    }

    public string Language { get; }

    /// <summary>What the model was built from (null for a model trained in memory).</summary>
    public IntentModelManifest? Manifest { get; }

    /// <summary>The intent of each score, in the model's order.</summary>
    public IReadOnlyList<Intent> Slots { get; }

    /// <summary>Loads a model file written by <see cref="IntentModelFile"/>.</summary>
    public static IntentModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        var manifest = IntentModelFile.ReadManifest(buffer);
        buffer.Position = 0;
        var ml = new MLContext(IntentModelBuilder.Seed);
        var transformer = ml.Model.Load(buffer, out _);
        return new IntentModel(transformer, ml, manifest.Language, manifest);
    }

    /// <summary>Wraps a model trained in memory (the evaluation and the trainer's comparisons).</summary>
    public static IntentModel FromTransformer(ITransformer transformer, string language) =>
        new(transformer, new MLContext(IntentModelBuilder.Seed), language, manifest: null);

    /// <summary>Classifies raw text: normalizes it, scores it, and puts the best intent's confidence in a band.</summary>
    public IntentResult Classify(string? text, IntentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var normalized = TextNormalizer.Normalize(Truncate(text, options.MaxTextLength));
        if (!TextNormalizer.HasWords(normalized))
        {
            return IntentResult.Unrecognized(Language);
        }

        Span<float> scores = stackalloc float[Slots.Count];
        Score(normalized, scores);
        var best = 0;
        for (var i = 1; i < scores.Length; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        var intent = Slots[best];
        double confidence = scores[best];
        var band = intent == Intent.None ? IntentBand.Fallback
            : confidence >= options.ActAbove ? IntentBand.Act
            : confidence >= options.AskAbove ? IntentBand.Ask
            : IntentBand.Fallback;
        return new IntentResult(intent, confidence, band, Alternatives(scores, best, options.MaxAlternatives), Language);
    }

    /// <summary>Scores normalized text; <paramref name="scores"/> receives one probability per slot.</summary>
    public void Score(string normalizedText, Span<float> scores)
    {
        var predictor = _predictors.Get();
        try
        {
            predictor.Input.Text = normalizedText;
            predictor.Engine.Predict(predictor.Input, ref predictor.Output);
            predictor.Output.Score.AsSpan(0, scores.Length).CopyTo(scores);
        }
        finally
        {
            _predictors.Return(predictor);
        }
    }

    private IntentScore[] Alternatives(ReadOnlySpan<float> scores, int best, int count)
    {
        count = Math.Min(count, scores.Length - 1);
        var alternatives = new IntentScore[count];
        Span<bool> taken = stackalloc bool[scores.Length];
        taken[best] = true;
        for (var n = 0; n < count; n++)
        {
            var next = -1;
            for (var i = 0; i < scores.Length; i++)
            {
                if (!taken[i] && (next < 0 || scores[i] > scores[next]))
                {
                    next = i;
                }
            }

            taken[next] = true;
            alternatives[n] = new IntentScore(Slots[next], scores[next]);
        }

        return alternatives;
    }

    private static string? Truncate(string? text, int maxLength)
    {
        if (text is null || text.Length <= maxLength)
        {
            return text;
        }

        // Cut at a word boundary so the last word is not a fragment that looks like another word.
        var cut = text.LastIndexOf(' ', maxLength);
        return text[..(cut > maxLength / 2 ? cut : maxLength)];
    }

    private static Intent[] ReadSlots(PredictionEngine<IntentInput, IntentScores> engine)
    {
        var names = default(VBuffer<ReadOnlyMemory<char>>);
        engine.OutputSchema["Score"].GetSlotNames(ref names);
        return names.DenseValues().Select(name => IntentLabels.TryParse(name.ToString(), out var intent)
            ? intent
            : throw new InvalidDataException($"The intent model has a label '{name}' that is not an intent; rebuild it from the examples.")).ToArray();
    }

    private sealed class Predictor(PredictionEngine<IntentInput, IntentScores> engine)
    {
        public PredictionEngine<IntentInput, IntentScores> Engine { get; } = engine;

        public IntentInput Input { get; } = new();

#pragma warning disable CA1051 // A field, so Predict can fill it by reference without allocating a new output.
        public IntentScores Output = new();
#pragma warning restore CA1051
    }

    private sealed class PredictorPolicy(MLContext ml, ITransformer transformer) : PooledObjectPolicy<Predictor>
    {
        public override Predictor Create() => new(ml.Model.CreatePredictionEngine<IntentInput, IntentScores>(transformer));

        public override bool Return(Predictor obj) => true;
    }
}
