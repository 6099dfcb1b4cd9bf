using System.Text;
using My8x8.SalesBot.Dialogs.Resources;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>Plain-text wording for carts and their problems (also the text fallback of the cart card).</summary>
internal static class CartDescriptions
{
    public static string Describe(Cart cart)
    {
        if (cart.IsEmpty)
        {
            return Texts["Cart.Describe.Empty"];
        }

        var text = new StringBuilder(Texts["Cart.Describe.Heading"]).Append('\n');
        foreach (var item in cart.Items)
        {
            text.Append(Texts.Format(item.Kind == ProductKind.Line ? "Cart.Describe.Line" : "Cart.Describe.Item", item.Quantity, item.Name, Money.Usd(item.UnitPrice), Money.Usd(item.LineTotal)))
                .Append('\n');
        }

        text.Append(Texts.Format("Cart.Describe.Counts", cart.LineCount, cart.DeviceCount)).Append('\n');
        text.Append(Texts.Format("Cart.Describe.Amounts", Money.Usd(cart.OneTimeSubtotal), Money.Usd(cart.MonthlySubtotal)));
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

    private static TextResources Texts => DialogTexts.Texts;
}
