using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Texts;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Cards;

/// <summary>
/// A reply built from a card: the Adaptive Card attachment (null for channels without cards), the complete
/// text fallback (<see cref="Text"/>: everything the card says plus what the customer can type instead),
/// a one-line <see cref="Summary"/>, <see cref="Speak"/> text and imBack suggested replies.
/// </summary>
public sealed record CardMessage(
    string Text,
    string Summary,
    string Speak,
    Attachment? Attachment,
    IReadOnlyList<string> SuggestedReplies,
    string InputHint = InputHints.ExpectingInput)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>
    /// The card as a JSON object (parsed on each call: the attachment carries it as raw JSON text, see
    /// <see cref="ContentOf"/>), or null in the text-only variant.
    /// </summary>
    public JObject? Card => Attachment is null ? null : ContentOf(Attachment) as JObject;

    /// <summary>
    /// An attachment's content as a JSON tree, whatever form it travels in: cards built here carry raw JSON text
    /// (<see cref="JRaw"/>), cards from elsewhere a <see cref="JToken"/> or an object.
    /// </summary>
    public static JToken? ContentOf(Attachment attachment)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return attachment.Content switch
        {
            null => null,
            JRaw { Value: string json } => JToken.Parse(json),
            JToken token => token,
            var content => JToken.FromObject(content),
        };
    }

    /// <summary>The same message without the card, for channels that do not render Adaptive Cards.</summary>
    public CardMessage AsTextOnly() => this with { Attachment = null };

    /// <summary>
    /// The message activity. With a card, the activity text is <see cref="Summary"/> and the full text travels in
    /// the card's <c>fallbackText</c>: Web Chat and Teams show an activity's text above its card, so putting the
    /// complete fallback there would show everything twice. Without a card, the activity text is <see cref="Text"/>.
    /// </summary>
    public Activity ToActivity()
    {
        var activity = Attachment is null
            ? (Activity)MessageFactory.Text(Text, Speak, InputHint)
            : (Activity)MessageFactory.Attachment(Attachment, Summary, Speak, InputHint);
        if (SuggestedReplies.Count > 0)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                Actions = [.. SuggestedReplies.Select(reply => new CardAction(ActionTypes.ImBack, ReplyTitles.Of(reply), value: reply))],
            };
        }

        return activity;
    }
}
