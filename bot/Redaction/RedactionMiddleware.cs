using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Redaction;

/// <summary>
/// Runs first in every turn: card numbers anywhere the customer can put text — the message, its spoken form, the
/// sender's display name, card submit values and attachments — are replaced before anything else
/// (dialogs, state, transcripts, logs, agents) sees the activity. The turn records that it happened so the bot can warn
/// the customer, also when a channel in front (the embedded Direct Line) already removed the number.
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
        if (Redact(activity) || (activity.Type == ActivityTypes.Message && activity.Text?.Contains(CardNumberRedactor.Replacement, StringComparison.Ordinal) == true))
        {
            turnContext.TurnState[RedactedKey] = true;
        }

        return next(cancellationToken);
    }

    /// <summary>Removes card numbers from every customer-written part of <paramref name="activity"/>; true when there were any.</summary>
    public static bool Redact(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var found = false;
        activity.Text = Redact(activity.Text, ref found);
        activity.Speak = Redact(activity.Speak, ref found);
        activity.Summary = Redact(activity.Summary, ref found);
        if (activity.From is { } from)
        {
            from.Name = Redact(from.Name, ref found);
        }

        activity.Value = Redact(activity.Value, ref found);
        foreach (var attachment in activity.Attachments ?? [])
        {
            attachment.Name = Redact(attachment.Name, ref found);
            attachment.Content = Redact(attachment.Content, ref found);
        }

        return found;
    }

    private static string? Redact(string? text, ref bool found)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var redacted = CardNumberRedactor.Redact(text, out var any);
        found |= any;
        return redacted;
    }

    /// <summary>Strings inside JSON (card submits, attachments, channel data) are redacted in place.</summary>
    private static object? Redact(object? value, ref bool found)
    {
        switch (value)
        {
            case string text:
                return Redact(text, ref found);
            case JValue { Type: JTokenType.String } leaf:
                leaf.Value = Redact((string?)leaf.Value, ref found);
                return leaf;
            case JContainer container:
                foreach (var leaf in container.DescendantsAndSelf().OfType<JValue>().Where(v => v.Type == JTokenType.String).ToList())
                {
                    leaf.Value = Redact((string?)leaf.Value, ref found);
                }

                return container;
            default:
                return value;
        }
    }
}
