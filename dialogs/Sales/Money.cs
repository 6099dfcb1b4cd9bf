using System.Globalization;

namespace My8x8.SalesBot.Dialogs.Sales;

internal static class Money
{
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    public static string Usd(decimal amount) => amount.ToString("C2", UnitedStates);
}
