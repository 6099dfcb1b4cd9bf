using System.Globalization;
using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards;

public static partial class SalesCards
{
    /// <summary>
    /// The cart: items with quantity inputs (<c>qty.&lt;SKU&gt;</c>) and a Remove button each, counts and subtotals,
    /// notices, and Checkout (only when <see cref="CartView.CanCheckout"/>), Update quantities, Keep shopping, Empty cart.
    /// </summary>
    public static CardMessage Cart(CartView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Items.Count == 0)
        {
            return EmptyCart(view, context, cardsSupported);
        }

        var summary = CartSummary(view);
        // A cart of lines only has no one-time amount, and equipment alone nothing monthly: no "$0.00" rows.
        var totals = new List<(string Title, string Value)>();
        if (view.LineCount > 0)
        {
            totals.Add(("New lines", Wording.Number(view.LineCount)));
        }

        if (view.DeviceCount > 0)
        {
            totals.Add(("Devices", Wording.Number(view.DeviceCount)));
            totals.Add(("Equipment (one-time)", Wording.Money(view.OneTimeSubtotal)));
        }

        if (view.LineCount > 0)
        {
            totals.Add(("Service (monthly)", Wording.Money(view.MonthlySubtotal)));
        }

        var amounts = Joined([
            .. view.DeviceCount > 0 ? [$"equipment {Wording.Money(view.OneTimeSubtotal)} one-time"] : Array.Empty<string>(),
            .. view.LineCount > 0 ? [$"service {Wording.Money(view.MonthlySubtotal)} per month"] : Array.Empty<string>()]);
        var first = view.Items[0].Name;
        var howTo = (view.CanCheckout ? $"Type {Quoted("checkout")} to continue. " : "")
            + $"To change an item, type for example {Quoted($"set {first} to 2")} or {Quoted($"remove {first}")}. "
            + $"Type {Quoted("catalog")} to keep shopping or {Quoted("empty cart")} to start again.";
        if (!view.CanCheckout)
        {
            howTo = "Checkout opens once the cart is within the limits above. " + howTo;
        }

        var fallback = new Fallback(
                $"Your cart: {summary}; {amounts}.",
                $"Your cart has {summary}: {amounts}.")
            .Paragraph($"Your cart: {summary}; {amounts}.")
            .Paragraph(view.Items.Select((item, i) => Wording.Numbered(i + 1, $"{item.Name}: {CartLineDetail(item)}")))
            .Paragraph(totals.Select(f => $"- {f.Title}: {f.Value}"))
            .Paragraph(view.Notices)
            .Paragraph(howTo);

        return Compose(CardTemplates.Cart, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "summary", summary);
            CardJson.Repeat(card, "itemRow", view.Items, (row, item, _) =>
            {
                CardJson.SetText(row, "itemName", item.Name);
                CardJson.SetText(row, "itemDetail", CartLineDetail(item));
                var quantity = CardJson.Find(row, "itemQuantity");
                quantity["id"] = CardInputs.Quantity(item.Sku);
                // No min or max: a cleared box would make the renderer refuse the whole card (blank leaves the item as it is).
                quantity["label"] = string.Create(CultureInfo.InvariantCulture, $"Quantity of {item.Name} (0 removes it, up to {view.MaxPerItem})");
                quantity["value"] = item.Quantity;
                var remove = CardJson.Find(row, "removeAction");
                remove["tooltip"] = $"Remove {item.Name} from the cart";
                CardJson.SetSubmitValue(remove, CardInputs.Sku, item.Sku);
                CardJson.SetTeamsMessage(remove, $"Remove {item.Name}", $"remove {item.Name}");
            });
            CardJson.SetFacts(card, "totals", totals);
            BindNotices(card, view.Notices);
            CardJson.Remove(card, "emptyMessage");
            if (!view.CanCheckout)
            {
                CardJson.Remove(card, "checkoutAction");
            }
        }, view.CanCheckout ? ["Checkout", "Catalog", "Empty cart"] : ["Catalog", "Agent"]);
    }

    private static CardMessage EmptyCart(CartView view, SubmitContext context, bool cardsSupported)
    {
        var howTo = $"Type {Quoted("catalog")} to browse, or tell me what you need, for example {Quoted("add 2 lines")}.";
        var fallback = new Fallback($"Your cart is empty. {howTo}", "Your cart is empty. What would you like to add?")
            .Paragraph("Your cart is empty.")
            .Paragraph(view.Notices)
            .Paragraph(howTo);

        return Compose(CardTemplates.Cart, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "summary", "No items yet");
            CardJson.Remove(card, "items");
            CardJson.Remove(card, "totals");
            BindNotices(card, view.Notices);
            CardJson.Find(card, "emptyMessage").Remove("isVisible");
            CardJson.Remove(card, "checkoutAction");
            CardJson.Remove(card, "updateAction");
            CardJson.Remove(card, "emptyAction");
        }, ["Catalog", "Agent"]);
    }

    /// <summary>"3 lines and 2 devices".</summary>
    private static string CartSummary(CartView view)
    {
        var parts = new List<string>();
        if (view.LineCount > 0)
        {
            parts.Add(Wording.Count(view.LineCount, "line"));
        }

        if (view.DeviceCount > 0)
        {
            parts.Add(Wording.Count(view.DeviceCount, "device"));
        }

        return parts.Count > 0 ? Joined(parts) : Wording.Count(view.Items.Sum(i => i.Quantity), "item");
    }

    /// <summary>"3 × $44.00 per month = $132.00 per month".</summary>
    private static string CartLineDetail(CartLineView item)
    {
        var per = item.Monthly ? " per month" : "";
        return item.Quantity == 1
            ? $"1 × {Wording.Money(item.UnitPrice)}{per}"
            : $"{Wording.Number(item.Quantity)} × {Wording.Money(item.UnitPrice)}{per} = {Wording.Money(item.LineTotal)}{per}";
    }
}
