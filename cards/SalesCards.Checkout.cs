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
                $"How should we ship your equipment? Type the number or name of a method, for example {Quoted(example)}.",
                $"How should we ship your equipment? {Joined([.. view.Methods.Select(m => m.Name)], "or")}?")
            .Paragraph($"Your equipment ships to the address on your account: {string.Join(", ", address)}.")
            .Paragraph(["Choose a shipping method:", .. view.Methods.Select((m, i) => Wording.Numbered(i + 1, m.Label))])
            .Paragraph(
                $"Type the number or name of a method, for example {Quoted(example)}. " +
                $"To ship somewhere else, type {Quoted("agent")} to talk to sales, or {Quoted("cart")} to change your cart.");

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
        var then = view.Monthly.Count > 0 ? $", then {monthlyTotal} per month" : "";
        var paidWith = view.PaymentCard is null ? null : $"Today's charge goes to your {view.PaymentCard}.";
        var delivery = view.DeliveryEstimate is null ? null : $"Delivery estimate: {view.DeliveryEstimate}.";

        var fallback = new Fallback(
                $"Your quote: {total} due today{then}. Type {Quoted("continue")} or {Quoted("change cart")}.",
                $"Your total due today is {total}{then}. Say continue to review the terms.")
            .Paragraph("Your quote")
            .Paragraph(["Due today:", .. ChargeLines(view.DueToday), $"- Total due today: {total}"])
            .Paragraph(view.Monthly.Count > 0 ? ["Every month, from next month:", .. ChargeLines(view.Monthly), $"- Monthly total: {monthlyTotal}"] : [])
            .Paragraph(delivery)
            .Paragraph(paidWith)
            .Paragraph(view.PaymentNotice)
            .Paragraph($"Type {Quoted("continue")} to review the Terms and Conditions, or {Quoted("change cart")} to make changes.");

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
        }, ["Continue", "Change cart"]);
    }

    /// <summary>
    /// Terms version, summary, link to the full text, the "I agree" toggle (input <c>agree</c>) and Agree &amp; Buy,
    /// which carries <c>termsVersion</c> so the order is placed against the version shown.
    /// </summary>
    public static CardMessage Terms(TermsView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var url = view.FullTextUrl.AbsoluteUri;
        var charge = view.TotalDueToday is { } total ? $" and charges {Wording.Money(total)} today" : "";
        var fallback = new Fallback(
                // The line above the card: the card's own button opens the full text, so no raw address beside it.
                $"Please review the Terms and Conditions (version {view.Version}), then agree and buy.",
                "Please review the Terms and Conditions. Say I agree to place your order.")
            .Paragraph($"Terms and Conditions (version {view.Version})")
            .Paragraph(view.Summary)
            .Paragraph($"Read the full Terms and Conditions: {url}")
            .Paragraph(
                $"To agree to the Terms and Conditions and buy, type {Quoted("I agree")}. That places your order{charge}. " +
                $"Type {Quoted("change cart")} to go back.");

        return Compose(CardTemplates.Terms, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "version", $"Version {view.Version}");
            CardJson.SetText(card, "summary", view.Summary);
            CardJson.Find(card, "fullTextAction")["url"] = url;
            SetOrRemove(card, "totalDueToday", charge.Length == 0 ? null : $"Selecting Agree & Buy places your order{charge}.");
            CardJson.SetSubmitValue(CardJson.Find(card, "buyAction"), CardInputs.TermsVersion, view.Version);
        }, ["I agree", "Change cart"]);
    }

    /// <summary>
    /// Says once that the order is placed, with its number; then the items, what was charged today and what each
    /// month costs (the order's own lines and totals), the delivery estimate, and what happens next.
    /// </summary>
    public static CardMessage Confirmation(ConfirmationView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var order = new List<(string Title, string Value)> { ("Order number", view.OrderNumber) };
        if (view.ShippingMethod is not null)
        {
            order.Add(("Shipping", view.ShippingMethod));
        }

        if (view.DeliveryEstimate is not null)
        {
            order.Add(("Delivery estimate", view.DeliveryEstimate));
        }

        var charged = Wording.Money(view.TotalCharged);
        var monthlyTotal = Wording.Money(view.MonthlyTotal);
        var next = NextSteps(view);
        var placed = $"Thank you — your order is placed. Order number: {view.OrderNumber}.";
        // Screen readers hear the speak text after the line above the card: thank, do not repeat "placed".
        var fallback = new Fallback(placed, $"Thank you. Your order number is {view.OrderNumber}, and {charged} was charged today.")
            .Paragraph(placed)
            .Paragraph(order.Skip(1).Select(f => $"- {f.Title}: {f.Value}"))
            .Paragraph(["Items:", .. view.Items.Select(i => $"- {ConfirmationItem(i)}: {ConfirmationTotal(i)}")])
            .Paragraph(["Charged today:", .. ChargeLines(view.DueToday), $"- Total charged today: {charged}"])
            .Paragraph(view.Monthly.Count > 0 ? ["Every month, from next month:", .. ChargeLines(view.Monthly), $"- Monthly total: {monthlyTotal}"] : [])
            .Paragraph(["What happens next:", .. next.Select(n => $"- {n}")])
            .Paragraph($"Type {Quoted("start over")} for a new order, or {Quoted("help")}.");

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
        }, ["Start over"], InputHints.AcceptingInput);
    }

    /// <summary>What the customer can expect after the order, in the order it happens.</summary>
    private static List<string> NextSteps(ConfirmationView view)
    {
        var steps = new List<string>();
        var lines = view.Items.Where(i => i.Monthly).Sum(i => i.Quantity);
        if (lines > 0)
        {
            steps.Add($"{Wording.Count(lines, "new line")} {(lines == 1 ? "is" : "are")} added to your account; service is billed monthly from activation.");
        }

        if (view.ShippingMethod is not null)
        {
            var to = view.ShipTo is null ? "" : $" to {string.Join(", ", view.ShipTo.Lines.Take(3))}";
            var when = view.DeliveryEstimate is null ? "" : $", arriving in {view.DeliveryEstimate}";
            steps.Add($"Your equipment is associated with your lines, then ships by {view.ShippingMethod.ToLowerInvariant()} shipping{to}{when}.");
        }

        steps.Add($"Keep your order number for reference. Questions about this order: call 8x8 sales at {view.Sales.Phone}, {view.Sales.Hours}.");
        return steps;
    }

    private static IEnumerable<string> ChargeLines(IEnumerable<ChargeView> charges) =>
        charges.Select(c => $"- {c.Title}: {Wording.Money(c.Amount)}");

    private static IEnumerable<(string Title, string Value)> Facts(IEnumerable<ChargeView> charges) =>
        charges.Select(c => (c.Title, Wording.Money(c.Amount)));

    private static string ConfirmationItem(CartLineView item) => $"{Wording.Number(item.Quantity)} × {item.Name}";

    private static string ConfirmationTotal(CartLineView item) => Wording.Money(item.LineTotal) + (item.Monthly ? " per month" : "");
}
