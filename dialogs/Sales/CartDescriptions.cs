using System.Globalization;
using System.Text;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>Plain-text wording for carts and their problems (also the text fallback of the cart card).</summary>
internal static class CartDescriptions
{
    public static string Describe(Cart cart)
    {
        if (cart.IsEmpty)
        {
            return "Your cart is empty.";
        }

        var text = new StringBuilder("Your cart:\n");
        foreach (var item in cart.Items)
        {
            var per = item.Kind == ProductKind.Line ? "/mo" : "";
            text.Append(CultureInfo.InvariantCulture, $"- {item.Quantity} × {item.Name} — {Money.Usd(item.UnitPrice)}{per} each, {Money.Usd(item.LineTotal)}{per}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"New lines: {cart.LineCount} · Devices: {cart.DeviceCount}\n");
        text.Append(CultureInfo.InvariantCulture, $"One-time: {Money.Usd(cart.OneTimeSubtotal)} · Monthly: {Money.Usd(cart.MonthlySubtotal)}/mo");
        foreach (var notice in Notices(cart))
        {
            text.Append("\n\n").Append(notice);
        }

        return text.ToString();
    }

    /// <summary>What is wrong with the cart (each with its numbers), then the advisory sales offer.</summary>
    public static IEnumerable<string> Notices(Cart cart)
    {
        if (cart.AssistedBy is { } agent)
        {
            yield return SalesTexts.PreparedBy(agent.Name);
        }

        foreach (var problem in cart.Problems)
        {
            yield return RefusalTexts.Problem(problem, cart);
        }

        // The soft offer is left out while a hard rule is broken: the customer has one thing to fix first.
        if (cart.SalesAssistSuggested && cart.Problems.Count == 0)
        {
            yield return RefusalTexts.SalesAssistOffer(cart);
        }
    }

    public static string Plural(int count, string noun) => RefusalTexts.Plural(count, noun);
}
