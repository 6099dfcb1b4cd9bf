using System.Globalization;
using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Understanding;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>
/// What a customer's free text means, for the conversation: the intent model's answer for this turn's text
/// (computed once per turn, whoever asks first), and the one yes/no recognizer every yes-or-no step uses — the confirm
/// rules first, the model where the rules find no answer at all. Typed shortcuts and card submits never get here
/// first: the rules that read them run before, and win.
/// </summary>
public sealed class SalesUnderstanding(IIntentRecognizer model)
{
    private const string TurnKey = "salesbot.intent";

    /// <summary>The model's reading of this turn's text, in the turn's language (cached for the turn).</summary>
    public IntentResult Classify(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text;
        if (turnContext.TurnState.Get<CachedIntent>(TurnKey) is { } cached && cached.Text == text)
        {
            return cached.Result;
        }

        // The turn's language (the customer's choice or the channel's locale, set for the turn), not the raw locale.
        var result = model.Recognize(text, CultureInfo.CurrentUICulture.Name);
        turnContext.TurnState[TurnKey] = new CachedIntent(text, result);
        return result;
    }

    /// <summary>
    /// The answer to a yes-or-no question in this turn's text: true for yes ("sure", "I agree, no changes"), false
    /// for no, null when it is neither or unclear ("yes but remove a phone", "not sure") — then the step asks again.
    /// </summary>
    public bool? Confirm(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        switch (ConfirmRecognizer.Read(turnContext.Activity.Text))
        {
            case ConfirmAnswer.Yes:
                return true;
            case ConfirmAnswer.No:
                return false;
            case ConfirmAnswer.Unclear:
                // Mixed or unsure: the rules saw both or a "but"; a model guess would be a coin toss on a purchase.
                return null;
        }

        var result = Classify(turnContext);
        return result is { Band: IntentBand.Act, Intent: Intent.Yes } ? true
            : result is { Band: IntentBand.Act, Intent: Intent.No } ? false
            : null;
    }

    /// <summary>
    /// An explicit agreement (the terms before Agree &amp; Buy): a yes of <see cref="Confirm"/> that names the agreement
    /// ("I agree, no changes", "yes, I accept", "I have read the terms and accept them"); a bare "ok" or "yes" is not
    /// one (null), a no is false ("I have read them and do not agree").
    /// </summary>
    public bool? Agree(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text;
        var answer = Confirm(turnContext);
        if (answer is null && ConfirmRecognizer.NamesAgreement(text))
        {
            // "agree", "accept" and their negations are specific enough to count among other words.
            answer = ConfirmRecognizer.Read(text, inPassing: true) switch
            {
                ConfirmAnswer.Yes => true,
                ConfirmAnswer.No => false,
                _ => null,
            };
        }

        return answer == true && !ConfirmRecognizer.NamesAgreement(text) ? null : answer;
    }

    private sealed record CachedIntent(string? Text, IntentResult Result);
}
