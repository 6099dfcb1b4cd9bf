using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards;

public static partial class SalesCards
{
    /// <summary>
    /// Why a person should help, sales phone and hours, and Talk to an agent (inside sales hours only),
    /// Request a callback, and Back to my order (when there is one).
    /// </summary>
    public static CardMessage Handoff(HandoffView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var reason = Sentence(view.Reason);
        var availability = Sentence(view.Availability);
        var options = new List<string>();
        if (view.SalesOpen)
        {
            options.Add($"{Quoted("agent")} to talk to a sales agent here");
        }

        options.Add($"{Quoted("callback")} to ask sales to call you back");
        if (view.CanResume)
        {
            options.Add($"{Quoted("back to my order")} to continue where you were");
        }

        var fallback = new Fallback(
                $"{reason} Call 8x8 sales at {view.Sales.Phone}, or type {Joined(options, "or")}.",
                $"{reason} You can call 8x8 sales at {view.Sales.Phone}. {availability}")
            .Paragraph(reason)
            .Paragraph($"You can reach 8x8 sales at {view.Sales.Phone}, {view.Sales.Hours}. {availability}")
            .Paragraph($"Type {Joined(options, "or")}.");

        List<string> replies = [.. view.SalesOpen ? ["Agent"] : Array.Empty<string>(), "Callback", .. view.CanResume ? ["Back to my order"] : Array.Empty<string>()];

        return Compose(CardTemplates.Handoff, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "reason", reason);
            CardJson.SetFacts(card, "contactFacts", [("Phone", view.Sales.Phone), ("Hours", view.Sales.Hours), ("Now", view.Availability)]);
            if (!view.SalesOpen)
            {
                // Without a live agent, the callback is the way forward.
                CardJson.Remove(card, "agentAction");
                CardJson.Find(card, "callbackAction")["style"] = "positive";
            }

            if (!view.CanResume)
            {
                CardJson.Remove(card, "resumeAction");
            }
        }, replies);
    }
}
