using My8x8.SalesBot.Cards;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>US dollars in the customer's language: the cards' formatting, so chat text and cards always agree.</summary>
internal static class Money
{
    public static string Usd(decimal amount) => Wording.Money(amount);
}
