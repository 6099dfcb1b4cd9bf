namespace My8x8.SalesBot.Dialogs.Understanding;

/// <summary>What to do with a recognized intent, from its confidence and <see cref="IntentOptions"/>.</summary>
public enum IntentBand
{
    /// <summary>Not sure, or nothing to act on (<see cref="Intent.None"/>): the step's own handling and re-prompt apply.</summary>
    Fallback,

    /// <summary>Probably this intent: ask the customer before acting.</summary>
    Ask,

    /// <summary>Confident: act on it.</summary>
    Act,
}

/// <summary>One intent and the model's probability for it (0–1).</summary>
public sealed record IntentScore(Intent Intent, double Confidence);

/// <summary>
/// The best intent for a text, the model's probability for it, the band that probability falls in, and the next
/// most likely intents (highest first) — what an "ask" question or a log line can use.
/// </summary>
/// <param name="Intent">The most likely intent.</param>
/// <param name="Confidence">The model's probability for <paramref name="Intent"/> (0–1).</param>
/// <param name="Band">Act, ask or fall back, from <paramref name="Confidence"/> and <see cref="IntentOptions"/>; always fall back for <see cref="Intent.None"/>.</param>
/// <param name="Alternatives">The runner-up intents, most likely first.</param>
/// <param name="Language">The language of the model that answered; null when no model covers the culture.</param>
public sealed record IntentResult(Intent Intent, double Confidence, IntentBand Band, IReadOnlyList<IntentScore> Alternatives, string? Language)
{
    /// <summary>Nothing recognized: empty text, or no model for the language.</summary>
    public static IntentResult Unrecognized(string? language) => new(Intent.None, 0, IntentBand.Fallback, [], language);
}
