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
            options.Add(T("Handoff.Option.Agent"));
        }

        options.Add(T("Handoff.Option.Callback"));
        if (view.CanResume)
        {
            options.Add(T("Handoff.Option.Resume"));
        }

        var fallback = new Fallback(
                F("Handoff.Summary", reason, view.Sales.Phone, Joined(options, or: true)),
                F("Handoff.Speak", reason, view.Sales.Phone, availability))
            .Paragraph(reason)
            .Paragraph(F("Handoff.Reach", view.Sales.Phone, view.Sales.Hours, availability))
            .Paragraph(F("Handoff.Type", Joined(options, or: true)));

        List<string> replies = [.. view.SalesOpen ? [Commands.Agent] : Array.Empty<string>(), Commands.Callback, .. view.CanResume ? [Commands.BackToMyOrder] : Array.Empty<string>()];

        return Compose(CardTemplates.Handoff, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "reason", reason);
            CardJson.SetFacts(card, "contactFacts", [(T("Handoff.Phone"), view.Sales.Phone), (T("Handoff.Hours"), view.Sales.Hours), (T("Handoff.Now"), view.Availability)]);
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
