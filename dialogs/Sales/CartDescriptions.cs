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
        foreach (var problem in cart.Problems)
        {
            yield return Explain(problem, cart);
        }

        if (cart.SalesAssistSuggested && cart.Problems.Count == 0)
        {
            yield return $"You're adding {cart.LineCount} lines. For orders of more than {cart.Limits.SalesAssistAboveLines} lines our sales team can help with pricing and setup — " +
                "say \"agent\" to talk to them, or keep going here.";
        }
    }

    public static string Explain(CartProblem problem, Cart cart) => problem.Code switch
    {
        CartProblemCode.TooManyLines =>
            $"Your cart has {cart.LineCount} new lines, and self-service orders can add up to {cart.Limits.MaxLinesPerOrder}. " +
            $"Reduce the lines to {cart.Limits.MaxLinesPerOrder} or fewer (for example \"set X4 lines to {cart.Limits.MaxLinesPerOrder}\"), or say \"agent\" and our sales team will handle the larger order.",
        CartProblemCode.TooManyDevices =>
            $"Your cart has {cart.DeviceCount} devices, and self-service orders can include up to {cart.Limits.MaxDevicesPerOrder}. " +
            "Remove some equipment, or say \"agent\" and our sales team will handle the larger order.",
        CartProblemCode.DevicesExceedAvailableLines =>
            $"Each phone is linked to a line before it ships. You have {cart.LinesWithoutDevice} {Plural(cart.LinesWithoutDevice, "line")} without a phone " +
            $"and are adding {cart.LineCount} new {Plural(cart.LineCount, "line")}, so up to {cart.LinesAvailableForDevices} {Plural(cart.LinesAvailableForDevices, "phone")} — " +
            $"your cart has {cart.DevicesNeedingLine}. Add lines (\"add 1 X4 line\"), remove a phone, or say \"agent\" to talk to sales.",
        _ => problem.Message,
    };

    public static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";
}
