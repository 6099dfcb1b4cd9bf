using Microsoft.ML.Data;

namespace My8x8.SalesBot.Dialogs.Understanding.Prediction;

// The columns the model reads and writes. ML.NET binds them by reflection, hence public mutable properties.

/// <summary>A training row: normalized text and its intent's label.</summary>
internal sealed class IntentTrainingRow
{
    public string Text { get; set; } = "";

    public string Label { get; set; } = "";
}

/// <summary>What a prediction reads: the normalized text.</summary>
internal sealed class IntentInput
{
    public string Text { get; set; } = "";
}

/// <summary>What a prediction writes: one score per intent, in the order of the model's label slots.</summary>
internal sealed class IntentScores
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
