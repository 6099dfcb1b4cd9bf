namespace My8x8.SalesBot.Dialogs.Understanding;

/// <summary>
/// Classifies a customer's free text into an <see cref="Intent"/>. Meant to be called once per turn for typed text
/// (not card submits): act on <see cref="IntentBand.Act"/>, ask back on <see cref="IntentBand.Ask"/> ("Did you want
/// to talk to a sales agent?"), and let the step re-prompt on <see cref="IntentBand.Fallback"/>. Thread-safe; a call
/// costs microseconds once the model is loaded.
/// </summary>
public interface IIntentRecognizer
{
    /// <summary>The languages (two-letter ISO codes) that have a model.</summary>
    IReadOnlyCollection<string> Languages { get; }

    /// <summary>Classifies <paramref name="text"/> in the language of <paramref name="culture"/> (e.g. <c>en-US</c>; null means English).</summary>
    IntentResult Recognize(string? text, string? culture = null);

    /// <summary>Loads every model now instead of on first use (idempotent); for the host's background warm-up.</summary>
    void WarmUp();
}
