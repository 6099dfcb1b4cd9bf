using System.ComponentModel.DataAnnotations;

namespace My8x8.SalesBot.Dialogs.Understanding;

/// <summary>
/// Confidence bands for acting on intents. The defaults come from the evaluation in docs/understanding.md: above
/// <see cref="ActAbove"/> the model was wrong on about 1 in 20 unseen phrasings; between <see cref="AskAbove"/> and
/// it, right about 7 times in 10 (worth a yes/no question); below, mostly wrong.
/// </summary>
public sealed class IntentOptions : IValidatableObject
{
    public const string Section = "SalesBot:Understanding";

    /// <summary>At or above this confidence the intent is acted on.</summary>
    [Range(0.0, 1.0)]
    public double ActAbove { get; set; } = 0.7;

    /// <summary>At or above this (and below <see cref="ActAbove"/>) the bot asks before acting; below, it falls back.</summary>
    [Range(0.0, 1.0)]
    public double AskAbove { get; set; } = 0.4;

    /// <summary>How many runner-up intents a result lists.</summary>
    [Range(0, 18)]
    public int MaxAlternatives { get; set; } = 3;

    /// <summary>Longer texts are classified on their first this-many characters, so a pasted essay costs no more than a sentence.</summary>
    [Range(16, 10_000)]
    public int MaxTextLength { get; set; } = 500;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AskAbove > ActAbove)
        {
            yield return new ValidationResult(
                $"{nameof(AskAbove)} ({AskAbove}) must not be above {nameof(ActAbove)} ({ActAbove}).", [nameof(AskAbove), nameof(ActAbove)]);
        }
    }
}
