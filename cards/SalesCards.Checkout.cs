using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards;

public static partial class SalesCards
{
    /// <summary>The ship-to address on file and a choice of shipping methods (input <c>shippingMethod</c>).</summary>
    public static CardMessage Shipping(ShippingView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Methods.Count == 0)
        {
            throw new ArgumentException("The shipping choice needs at least one shipping method.", nameof(view));
        }

        var address = view.ShipTo.Lines;
        var selected = view.Methods.Any(m => m.Code == view.SelectedCode) ? view.SelectedCode : null;
        var example = view.Methods[0].Name.ToLowerInvariant();
        var fallback = new Fallback(
                F("Shipping.Summary", Quoted(example)),
                F("Shipping.Speak", Joined([.. view.Methods.Select(m => m.Name)], or: true)))
            .Paragraph(F("Shipping.Address", string.Join(", ", address)))
            .Paragraph([T("Shipping.Choose"), .. view.Methods.Select((m, i) => Wording.Numbered(i + 1, m.Label))])
            .Paragraph(F("Shipping.HowTo", Quoted(example)));

        return Compose(CardTemplates.Shipping, context, cardsSupported, fallback, card =>
        {
            var sample = CardJson.Find(card, "addressLine");
            CardJson.Find(card, "address")["items"] = new JsonArray(sample.DeepClone());
            CardJson.Repeat(card, "addressLine", address, (row, line, _) => row["text"] = line);
            CardJson.SetChoices(card, CardInputs.ShippingMethod, view.Methods.Select(m => (m.Label, m.Code)), selected);
        }, [.. view.Methods.Select(m => m.Name)]);
    }

    /// <summary>
    /// What the customer pays today and every month, each as the lines the ordering service priced (equipment, the
    /// first month of service, shipping, each tax with its base and rate) and their total; the delivery estimate, the
    /// card paying and the invoice/ACH card notice.
    /// </summary>
    public static CardMessage Quote(QuoteView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var total = Wording.Money(view.TotalDueToday);
        var monthlyTotal = Wording.Money(view.MonthlyTotal);
        var then = view.Monthly.Count > 0 ? F("Quote.Then", monthlyTotal) : "";
        var paidWith = view.PaymentCard is null ? null : F("Quote.PaidWith", view.PaymentCard);
        var delivery = view.DeliveryEstimate is null ? null : F("Quote.Delivery", view.DeliveryEstimate);

        var fallback = new Fallback(
                F("Quote.Summary", total, then),
                F("Quote.Speak", total, then))
            .Paragraph(T("Quote.Heading"))
            .Paragraph([T("Quote.DueToday"), .. ChargeLines(view.DueToday), "- " + F("Quote.TotalDueToday", total)])
            .Paragraph(view.Monthly.Count > 0 ? [T("Quote.EveryMonth"), .. ChargeLines(view.Monthly), "- " + F("Quote.MonthlyTotal", monthlyTotal)] : [])
            .Paragraph(delivery)
            .Paragraph(paidWith)
            .Paragraph(view.PaymentNotice)
            .Paragraph(T("Quote.HowTo"));

        return Compose(CardTemplates.Quote, context, cardsSupported, fallback, card =>
        {
            CardJson.SetFacts(card, "todayFacts", Facts(view.DueToday));
            CardJson.SetText(card, "totalDueToday", total);
            if (view.Monthly.Count > 0)
            {
                CardJson.SetFacts(card, "monthlyFacts", Facts(view.Monthly));
                CardJson.SetText(card, "monthlyTotal", monthlyTotal);
            }
            else
            {
                CardJson.Remove(card, "monthlySection");
            }

            SetOrRemove(card, "deliveryEstimate", delivery);
            SetOrRemove(card, "paymentCard", paidWith);
            SetOrRemove(card, "paymentNotice", view.PaymentNotice);
        }, [Commands.Continue, Commands.ChangeCart]);
    }

    /// <summary>
    /// Terms version, summary, link to the full text, the "I agree" toggle (input <c>agree</c>) and Agree &amp; Buy,
    /// which carries <c>termsVersion</c> so the order is placed against the version shown.
    /// </summary>
    public static CardMessage Terms(TermsView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var url = view.FullTextUrl.AbsoluteUri;
        var charge = view.TotalDueToday is { } total ? F("Terms.Charge", Wording.Money(total)) : "";
        var fallback = new Fallback(
                // The line above the card: the card's own button opens the full text, so no raw address beside it.
                F("Terms.Summary", view.Version),
                T("Terms.Speak"))
            .Paragraph(F("Terms.Heading", view.Version))
            .Paragraph(view.LanguageNotice)
            .Paragraph(view.Summary)
            .Paragraph(F("Terms.FullText", url))
            .Paragraph(F("Terms.HowTo", charge));

        return Compose(CardTemplates.Terms, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "version", F("Terms.Version", view.Version));
            SetOrRemove(card, "languageNotice", view.LanguageNotice);
            CardJson.SetText(card, "summary", view.Summary);
            CardJson.Find(card, "fullTextAction")["url"] = url;
            SetOrRemove(card, "totalDueToday", charge.Length == 0 ? null : F("Terms.AgreeAndBuyCharges", charge));
            CardJson.SetSubmitValue(CardJson.Find(card, "buyAction"), CardInputs.TermsVersion, view.Version);
        }, [Commands.IAgree, Commands.ChangeCart]);
    }

    /// <summary>
    /// Says once that the order is placed, with its number; then the items, what was charged today and what each
    /// month costs (the order's own lines and totals), the delivery estimate, and what happens next.
    /// </summary>
    public static CardMessage Confirmation(ConfirmationView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var order = new List<(string Title, string Value)> { (T("Confirmation.OrderNumber"), view.OrderNumber) };
        if (view.ShippingMethod is not null)
        {
            order.Add((T("Confirmation.Shipping"), view.ShippingMethod));
        }

        if (view.DeliveryEstimate is not null)
        {
            order.Add((T("Confirmation.DeliveryEstimate"), view.DeliveryEstimate));
        }

        var charged = Wording.Money(view.TotalCharged);
        var monthlyTotal = Wording.Money(view.MonthlyTotal);
        var next = NextSteps(view);
        var placed = F("Confirmation.Placed", view.OrderNumber);
        // Screen readers hear the speak text after the line above the card: thank, do not repeat "placed".
        var fallback = new Fallback(placed, F("Confirmation.Speak", view.OrderNumber, charged))
            .Paragraph(placed)
            .Paragraph(order.Skip(1).Select(f => $"- {f.Title}: {f.Value}"))
            .Paragraph([T("Confirmation.Items"), .. view.Items.Select(i => $"- {ConfirmationItem(i)}: {ConfirmationTotal(i)}")])
            .Paragraph([T("Confirmation.ChargedToday"), .. ChargeLines(view.DueToday), "- " + F("Confirmation.TotalChargedToday", charged)])
            .Paragraph(view.Monthly.Count > 0 ? [T("Quote.EveryMonth"), .. ChargeLines(view.Monthly), "- " + F("Quote.MonthlyTotal", monthlyTotal)] : [])
            .Paragraph([T("Confirmation.Next"), .. next.Select(n => $"- {n}")])
            .Paragraph(T("Confirmation.HowTo"));

        return Compose(CardTemplates.Confirmation, context, cardsSupported, fallback, card =>
        {
            CardJson.SetFacts(card, "orderFacts", order);
            CardJson.Repeat(card, "itemRow", view.Items, (row, item, _) =>
            {
                CardJson.SetText(row, "itemName", ConfirmationItem(item));
                CardJson.SetText(row, "itemTotal", ConfirmationTotal(item));
            });
            CardJson.SetFacts(card, "chargedFacts", Facts(view.DueToday));
            CardJson.SetText(card, "totalCharged", charged);
            if (view.Monthly.Count > 0)
            {
                CardJson.SetFacts(card, "monthlyFacts", Facts(view.Monthly));
                CardJson.SetText(card, "monthlyTotal", monthlyTotal);
            }
            else
            {
                CardJson.Remove(card, "monthlySection");
            }

            CardJson.Repeat(card, "nextStep", next, (row, text, _) => row["text"] = text);
        }, [Commands.StartOver], InputHints.AcceptingInput);
    }

    /// <summary>What the customer can expect after the order, in the order it happens.</summary>
    private static List<string> NextSteps(ConfirmationView view)
    {
        var steps = new List<string>();
        var lines = view.Items.Where(i => i.Monthly).Sum(i => i.Quantity);
        if (lines > 0)
        {
            steps.Add(F(lines == 1 ? "Confirmation.Next.Lines.One" : "Confirmation.Next.Lines.Other", Wording.Count(lines, "Count.NewLine")));
        }

        if (view.ShippingMethod is not null)
        {
            var to = view.ShipTo is null ? "" : F("Confirmation.Next.To", string.Join(", ", view.ShipTo.Lines.Take(3)));
            var when = view.DeliveryEstimate is null ? "" : F("Confirmation.Next.Arriving", view.DeliveryEstimate);
            steps.Add(F("Confirmation.Next.Ships", view.ShippingMethod.ToLowerInvariant(), to, when));
        }

        steps.Add(F("Confirmation.Next.Keep", view.Sales.Phone, view.Sales.Hours));
        return steps;
    }

    private static IEnumerable<string> ChargeLines(IEnumerable<ChargeView> charges) =>
        charges.Select(c => $"- {c.Title}: {Wording.Money(c.Amount)}");

    private static IEnumerable<(string Title, string Value)> Facts(IEnumerable<ChargeView> charges) =>
        charges.Select(c => (c.Title, Wording.Money(c.Amount)));

    private static string ConfirmationItem(CartLineView item) => $"{Wording.Number(item.Quantity)} × {item.Name}";

    private static string ConfirmationTotal(CartLineView item) => Wording.Money(item.LineTotal) + (item.Monthly ? " " + T("PerMonth") : "");
}
