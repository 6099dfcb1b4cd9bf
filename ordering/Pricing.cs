using System.Globalization;
using System.Text.Json.Serialization;

namespace My8x8.SalesBot.Ordering;

/// <summary>What a line of a price breakdown is for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChargeKind>))]
public enum ChargeKind
{
    /// <summary>One-time price of the equipment in the order.</summary>
    Equipment,

    /// <summary>The first month of the new lines of service, charged with the order.</summary>
    FirstMonthOfService,

    /// <summary>Shipping of the equipment (never taxed).</summary>
    Shipping,

    /// <summary>Sales tax: <see cref="Charge.TaxRate"/> of <see cref="Charge.TaxableBase"/>, rounded to the cent.</summary>
    SalesTax,

    /// <summary>The monthly price of the new lines of service, from the second month on.</summary>
    MonthlyService,
}

/// <summary>
/// One line of a price breakdown. A <see cref="ChargeKind.SalesTax"/> line carries the amount it taxes
/// (<see cref="TaxableBase"/>, the sum of the taxed lines above it) and the rate, so the customer can check it.
/// </summary>
public sealed record Charge(ChargeKind Kind, string Label, decimal Amount, decimal? TaxableBase = null, decimal? TaxRate = null);

/// <summary>
/// The money of a quote or order as lines the customer can see and add up: <see cref="TotalDueToday"/> is exactly
/// the sum of <see cref="DueToday"/>, and <see cref="MonthlyTotal"/> the sum of <see cref="Monthly"/>. Cards, text
/// replies and the REST API show these lines as they are; none of them computes money.
/// </summary>
public sealed record PriceBreakdown(IReadOnlyList<Charge> DueToday, decimal TotalDueToday, IReadOnlyList<Charge> Monthly, decimal MonthlyTotal);

/// <summary>
/// The one place quotes and orders are priced. Amounts are in cents so sums never drift. Equipment and the first
/// month of service are charged today and taxed at the ship-to state's rate; shipping is charged today and not
/// taxed; later months are the service with its tax.
/// </summary>
internal static class Pricing
{
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    /// <summary>Prices an order: the taxes are computed here, from the amounts and the rate in basis points.</summary>
    public static PricedAmounts Price(long equipmentCents, long monthlyServiceCents, long shippingCents, int taxRateBasisPoints)
    {
        var taxableToday = equipmentCents + monthlyServiceCents;
        return new PricedAmounts(equipmentCents, monthlyServiceCents, shippingCents, taxRateBasisPoints,
            Tax(taxableToday, taxRateBasisPoints), Tax(monthlyServiceCents, taxRateBasisPoints));
    }

    /// <summary>Tax on an amount at a rate in basis points, rounded half away from zero to the cent.</summary>
    public static long Tax(long cents, int basisPoints) =>
        (long)decimal.Round(cents * basisPoints / 10000m, 0, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The visible lines of amounts already priced (a quote being made, or a stored quote or order read back).
    /// Lines that would be $0.00 because nothing of their kind was ordered are left out; tax is shown whenever
    /// something is taxed, even at 0%.
    /// </summary>
    public static PriceBreakdown Breakdown(PricedAmounts amounts, string? shippingMethodName, string shipToState)
    {
        ArgumentNullException.ThrowIfNull(amounts);
        var rate = amounts.TaxRateBasisPoints / 10000m;
        var today = new List<Charge>();
        if (amounts.EquipmentCents > 0)
        {
            today.Add(new Charge(ChargeKind.Equipment, "Equipment", FromCents(amounts.EquipmentCents)));
        }

        if (amounts.MonthlyServiceCents > 0)
        {
            today.Add(new Charge(ChargeKind.FirstMonthOfService, "First month of service", FromCents(amounts.MonthlyServiceCents)));
        }

        if (shippingMethodName is not null)
        {
            today.Add(new Charge(ChargeKind.Shipping, $"Shipping ({shippingMethodName})", FromCents(amounts.ShippingCents)));
        }

        var taxableToday = amounts.EquipmentCents + amounts.MonthlyServiceCents;
        if (taxableToday > 0)
        {
            today.Add(new Charge(ChargeKind.SalesTax, TaxLabel(shipToState, amounts.TaxRateBasisPoints), FromCents(amounts.TaxTodayCents), FromCents(taxableToday), rate));
        }

        var monthly = new List<Charge>();
        if (amounts.MonthlyServiceCents > 0)
        {
            monthly.Add(new Charge(ChargeKind.MonthlyService, "Lines of service", FromCents(amounts.MonthlyServiceCents)));
            monthly.Add(new Charge(ChargeKind.SalesTax, TaxLabel(shipToState, amounts.TaxRateBasisPoints), FromCents(amounts.MonthlyTaxCents), FromCents(amounts.MonthlyServiceCents), rate));
        }

        return new PriceBreakdown(today, FromCents(amounts.TotalTodayCents), monthly, FromCents(amounts.MonthlyTotalCents));
    }

    /// <summary>"Sales tax (CA 7.25%)".</summary>
    private static string TaxLabel(string state, int basisPoints) =>
        string.Create(UnitedStates, $"Sales tax ({state} {basisPoints / 100m:0.##}%)");

    private static decimal FromCents(long cents) => cents / 100m;
}

/// <summary>A priced order in cents; the totals are sums of the parts, never stored apart from them.</summary>
internal sealed record PricedAmounts(long EquipmentCents, long MonthlyServiceCents, long ShippingCents, int TaxRateBasisPoints, long TaxTodayCents, long MonthlyTaxCents)
{
    public long TotalTodayCents => EquipmentCents + MonthlyServiceCents + ShippingCents + TaxTodayCents;

    public long MonthlyTotalCents => MonthlyServiceCents + MonthlyTaxCents;
}

/// <summary>Money is stored in cents so sums never drift; decimals are used at the edges.</summary>
internal static class Money
{
    public static long ToCents(decimal amount) => (long)decimal.Round(amount * 100m, 0, MidpointRounding.AwayFromZero);

    public static decimal FromCents(long cents) => cents / 100m;
}
