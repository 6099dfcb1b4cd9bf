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
            totals.Add((T("Cart.NewLines"), Wording.Number(view.LineCount)));
        }

        if (view.DeviceCount > 0)
        {
            totals.Add((T("Cart.Devices"), Wording.Number(view.DeviceCount)));
            totals.Add((T("Cart.EquipmentOneTime"), Wording.Money(view.OneTimeSubtotal)));
        }

        if (view.LineCount > 0)
        {
            totals.Add((T("Cart.ServiceMonthly"), Wording.Money(view.MonthlySubtotal)));
        }

        var amounts = Joined([
            .. view.DeviceCount > 0 ? [F("Cart.Amounts.Equipment", Wording.Money(view.OneTimeSubtotal))] : Array.Empty<string>(),
            .. view.LineCount > 0 ? [F("Cart.Amounts.Service", Wording.Money(view.MonthlySubtotal))] : Array.Empty<string>()]);
        var first = view.Items[0].Name;
        var howTo = (view.CanCheckout ? T("Cart.HowTo.Checkout") + " " : "") + F("Cart.HowTo", first);
        if (!view.CanCheckout)
        {
            howTo = T("Cart.HowTo.Limits") + " " + howTo;
        }

        var fallback = new Fallback(
                F("Cart.Summary", summary, amounts),
                F("Cart.Speak", summary, amounts))
            .Paragraph(F("Cart.Summary", summary, amounts))
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
                quantity["label"] = F("Cart.QuantityLabel", item.Name, view.MaxPerItem);
                quantity["value"] = item.Quantity;
                var remove = CardJson.Find(row, "removeAction");
                remove["tooltip"] = F("Cart.RemoveTooltip", item.Name);
                CardJson.SetSubmitValue(remove, CardInputs.Sku, item.Sku);
                CardJson.SetTeamsMessage(remove, F("Cart.RemoveDisplay", item.Name), $"remove {item.Name}");
            });
            CardJson.SetFacts(card, "totals", totals);
            BindNotices(card, view.Notices);
            CardJson.Remove(card, "emptyMessage");
            if (!view.CanCheckout)
            {
                CardJson.Remove(card, "checkoutAction");
            }
        }, view.CanCheckout ? [Commands.Checkout, Commands.Catalog, Commands.EmptyCart] : [Commands.Catalog, Commands.Agent]);
    }

    private static CardMessage EmptyCart(CartView view, SubmitContext context, bool cardsSupported)
    {
        var howTo = T("Cart.Empty.HowTo");
        var fallback = new Fallback(T("Cart.Empty") + " " + howTo, T("Cart.Empty.Speak"))
            .Paragraph(T("Cart.Empty"))
            .Paragraph(view.Notices)
            .Paragraph(howTo);

        return Compose(CardTemplates.Cart, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "summary", T("Cart.NoItemsYet"));
            CardJson.Remove(card, "items");
            CardJson.Remove(card, "totals");
            BindNotices(card, view.Notices);
            CardJson.Find(card, "emptyMessage").Remove("isVisible");
            CardJson.Remove(card, "checkoutAction");
            CardJson.Remove(card, "updateAction");
            CardJson.Remove(card, "emptyAction");
        }, [Commands.Catalog, Commands.Agent]);
    }

    /// <summary>"3 lines and 2 devices".</summary>
    private static string CartSummary(CartView view)
    {
        var parts = new List<string>();
        if (view.LineCount > 0)
        {
            parts.Add(Wording.Count(view.LineCount, "Count.Line"));
        }

        if (view.DeviceCount > 0)
        {
            parts.Add(Wording.Count(view.DeviceCount, "Count.Device"));
        }

        return parts.Count > 0 ? Joined(parts) : Wording.Count(view.Items.Sum(i => i.Quantity), "Count.Item");
    }

    /// <summary>"3 × $44.00 per month = $132.00 per month".</summary>
    private static string CartLineDetail(CartLineView item)
    {
        var per = item.Monthly ? " " + T("PerMonth") : "";
        return item.Quantity == 1
            ? $"1 × {Wording.Money(item.UnitPrice)}{per}"
            : $"{Wording.Number(item.Quantity)} × {Wording.Money(item.UnitPrice)}{per} = {Wording.Money(item.LineTotal)}{per}";
    }
}
