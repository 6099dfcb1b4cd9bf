using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Redaction;

/// <summary>
/// Runs first in every turn: card numbers in the customer's message are replaced before anything else (dialogs,
/// state, transcripts, logs, agents) sees the text. The turn records that it happened so the bot can warn the customer.
/// </summary>
public sealed class RedactionMiddleware : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>Turn-state key set to true when this turn's message contained a card number.</summary>
    public const string RedactedKey = "salesbot.cardNumberRedacted";

    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (activity.Type == ActivityTypes.Message && activity.Text is { Length: > 0 } text)
        {
            activity.Text = CardNumberRedactor.Redact(text, out var found);
            if (found)
            {
                turnContext.TurnState[RedactedKey] = true;
            }
        }

        return next(cancellationToken);
    }
}
