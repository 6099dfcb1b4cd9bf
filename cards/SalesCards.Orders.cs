using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards;

public static partial class SalesCards
{
    /// <summary>Step of the order card: it has no submits (its buttons are typed replies), so no ticket is issued for it.</summary>
    public const string OrderStatusStep = "orders";

    /// <summary>
    /// One order after the purchase: its status and what it means, tracking per package, the items, what was charged
    /// (the lines add up to the total) and the history of its status. The text fallback says all of it.
    /// </summary>
    public static CardMessage OrderStatus(OrderStatusView view, bool cardsSupported, IReadOnlyList<string> suggestedReplies)
    {
        ArgumentNullException.ThrowIfNull(view);
        var facts = new List<(string Title, string Value)> { (T("Order.Status"), view.Status), (T("Order.Placed"), view.PlacedOn) };
        if (view.ShippingMethod is not null)
        {
            facts.Add((T("Confirmation.Shipping"), view.ShipTo is null ? view.ShippingMethod : F("Order.ShippingTo", view.ShippingMethod, string.Join(", ", view.ShipTo.Lines.Take(3)))));
        }

        var tracking = view.Shipments.Select(s => ($"{s.Carrier} {s.TrackingNumber}", string.Join(", ", s.Contents))).ToList();
        var charged = Wording.Money(view.TotalCharged);
        var headline = F("Order.Headline", view.OrderNumber, view.Status, view.StatusLine);
        var fallback = new Fallback(headline, headline)
            .Paragraph(headline)
            .Paragraph(facts.Skip(1).Select(f => $"- {f.Title}: {f.Value}"))
            .Paragraph(tracking.Count > 0 ? [T("Order.Tracking"), .. tracking.Select(t => $"- {t.Item1}: {t.Item2}")] : [])
            .Paragraph([T("Confirmation.Items"), .. view.Items.Select(i => $"- {Wording.Number(i.Quantity)} × {i.Name}: {ItemTotal(i)}")])
            .Paragraph([T("Order.ChargedWhenOrdered"), .. view.DueToday.Select(c => $"- {c.Title}: {Wording.Money(c.Amount)}"), "- " + F("Order.TotalCharged", charged)])
            .Paragraph([T("Order.History"), .. view.History.Select(h => $"- {h.Status}: {h.At}")]);

        return Compose(CardTemplates.OrderStatus, new SubmitContext(OrderStatusStep, "none"), cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "heading", F("Order.Heading", view.OrderNumber));
            CardJson.SetText(card, "statusLine", $"{view.Status} — {view.StatusLine}");
            CardJson.SetFacts(card, "orderFacts", facts.Skip(1));
            if (tracking.Count > 0)
            {
                CardJson.SetFacts(card, "trackingFacts", tracking);
            }
            else
            {
                CardJson.Remove(card, "trackingSection");
            }

            CardJson.Repeat(card, "itemRow", view.Items, (row, item, _) =>
            {
                CardJson.SetText(row, "itemName", $"{Wording.Number(item.Quantity)} × {item.Name}");
                CardJson.SetText(row, "itemTotal", ItemTotal(item));
            });
            CardJson.SetFacts(card, "chargedFacts", view.DueToday.Select(c => (c.Title, Wording.Money(c.Amount))));
            CardJson.SetText(card, "totalCharged", charged);
            CardJson.SetFacts(card, "historyFacts", view.History);
        }, suggestedReplies, Microsoft.Bot.Schema.InputHints.AcceptingInput);
    }

    private static string ItemTotal(CartLineView item) => Wording.Money(item.LineTotal) + (item.Monthly ? " " + T("PerMonth") : "");
}
