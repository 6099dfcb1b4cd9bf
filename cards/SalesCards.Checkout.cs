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

    /// <summary>One-time and monthly amounts, shipping, taxes, total due today, and the invoice/ACH card notice.</summary>
    public static CardMessage Quote(QuoteView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var today = new List<(string Title, string Value)> { ("One-time subtotal", Wording.Money(view.OneTimeSubtotal)) };
        if (view.ShippingMethod is not null)
        {
            today.Add(($"Shipping ({view.ShippingMethod})", Wording.Money(view.Shipping)));
        }

        today.Add(("Taxes", Wording.Money(view.Taxes)));
        var monthly = new (string Title, string Value)[]
        {
            ("Monthly subtotal", Wording.Money(view.MonthlySubtotal)),
            ("Monthly recurring", Wording.Money(view.MonthlyRecurring)),
        };
        var total = Wording.Money(view.TotalDueToday);
        var paidWith = view.PaymentCard is null ? null : $"Today's charge goes to your {view.PaymentCard}.";

        var fallback = new Fallback(
                $"Your quote: {total} due today, then {Wording.Money(view.MonthlyRecurring)} per month. Type {Quoted("continue")} or {Quoted("change cart")}.",
                $"Your total due today is {total}, then {Wording.Money(view.MonthlyRecurring)} per month. Say continue to review the terms.")
            .Paragraph("Your quote")
            .Paragraph(["Due today:", .. today.Select(f => $"- {f.Title}: {f.Value}"), $"- Total due today: {total}"])
            .Paragraph(["Every month:", .. monthly.Select(f => $"- {f.Title}: {f.Value}")])
            .Paragraph(paidWith)
            .Paragraph(view.PaymentNotice)
            .Paragraph($"Type {Quoted("continue")} to review the Terms and Conditions, or {Quoted("change cart")} to make changes.");

        return Compose(CardTemplates.Quote, context, cardsSupported, fallback, card =>
        {
            CardJson.SetFacts(card, "todayFacts", today);
            CardJson.SetText(card, "totalDueToday", total);
            CardJson.SetFacts(card, "monthlyFacts", monthly);
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
                $"Please review the Terms and Conditions (version {view.Version}): {url} Type {Quoted("I agree")} to place the order.",
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

    /// <summary>The order number, items, totals, shipping method and delivery estimate.</summary>
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

        var totals = new List<(string Title, string Value)> { ("One-time subtotal", Wording.Money(view.OneTimeSubtotal)) };
        if (view.ShippingMethod is not null)
        {
            totals.Add(("Shipping", Wording.Money(view.Shipping)));
        }

        totals.AddRange([
            ("Taxes", Wording.Money(view.Taxes)),
            ("Charged today", Wording.Money(view.TotalCharged)),
            ("Monthly recurring", Wording.Money(view.MonthlyRecurring)),
        ]);

        var fallback = new Fallback(
                $"Thank you, your order is placed. Your order number is {view.OrderNumber}.",
                $"Thank you, your order is placed. Your order number is {view.OrderNumber}.")
            .Paragraph($"Thank you, your order is placed. Your order number is {view.OrderNumber}.")
            .Paragraph(order.Skip(1).Select(f => $"- {f.Title}: {f.Value}"))
            .Paragraph(["Items:", .. view.Items.Select(i => $"- {ConfirmationItem(i)}: {ConfirmationTotal(i)}")])
            .Paragraph(totals.Select(f => $"- {f.Title}: {f.Value}"))
            .Paragraph(
                "Keep your order number for reference. Phones are associated with your lines before they ship. " +
                $"Type {Quoted("start over")} for a new order, or {Quoted("help")}.");

        return Compose(CardTemplates.Confirmation, context, cardsSupported, fallback, card =>
        {
            CardJson.SetFacts(card, "orderFacts", order);
            CardJson.Repeat(card, "itemRow", view.Items, (row, item, _) =>
            {
                CardJson.SetText(row, "itemName", ConfirmationItem(item));
                CardJson.SetText(row, "itemTotal", ConfirmationTotal(item));
            });
            CardJson.SetFacts(card, "totals", totals);
        }, ["Start over"], InputHints.AcceptingInput);
    }

    private static string ConfirmationItem(CartLineView item) => $"{Wording.Number(item.Quantity)} × {item.Name}";

    private static string ConfirmationTotal(CartLineView item) => Wording.Money(item.LineTotal) + (item.Monthly ? " per month" : "");
}
