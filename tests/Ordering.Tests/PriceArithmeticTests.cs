namespace My8x8.SalesBot.Ordering.Tests;

/// <summary>
/// Money that adds up: for every demo account and every shape of cart, each amount the customer pays is the sum of
/// the lines they are shown, each tax line is its rate of the lines it taxes, and the placed order shows the same.
/// </summary>
public abstract partial class OrderingContractTests
{
    public enum CartShape
    {
        LinesOnly,
        DevicesOnly,
        Mixed,
    }

    public static TheoryData<string, CartShape> EveryDemoUserAndCartShape()
    {
        var data = new TheoryData<string, CartShape>();
        foreach (var user in DemoUsers.All)
        {
            foreach (var shape in Enum.GetValues<CartShape>())
            {
                data.Add(user.Id, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryDemoUserAndCartShape))]
    public async Task Every_amount_due_is_the_sum_of_the_lines_shown_for_every_demo_account_and_cart_shape(string userId, CartShape shape)
    {
        var eligibility = await Ordering.CheckEligibilityAsync(userId, Ct);
        if (!eligibility.IsEligible)
        {
            // Accounts that cannot order here are never quoted at all.
            await RefusedAsync(OrderingError.NotEligible, () => Ordering.GetOpenCartAsync(userId, Ct));
            return;
        }

        (string Sku, int Quantity)[] items = shape switch
        {
            CartShape.LinesOnly => [("X2-LINE", 3), ("X6-LINE", 1)],
            // A headset needs no line, so every account can order one; a desk phone only where a line is free.
            CartShape.DevicesOnly => eligibility.Facts!.LinesWithoutDevice > 0 ? [("JABRA-EVOLVE2-65", 2), ("YEA-T54W", 1)] : [("JABRA-EVOLVE2-65", 2)],
            _ => [("X4-LINE", 2), ("POLY-VVX450", 1), ("JABRA-EVOLVE2-65", 1)],
        };
        var cart = await CartWithAsync(userId, items, "two-day");
        var cards = await Ordering.GetCardsAsync(userId, Ct);
        var card = cards.FirstOrDefault(c => c.IsValid);
        var quote = await Ordering.QuoteAsync(userId, cart.Id, card?.Id, Ct);

        AssertAddsUp(quote.Charges, cart);
        Assert.Equal(quote.Total, quote.Charges.TotalDueToday);
        Assert.Equal(quote.MonthlyTotal, quote.Charges.MonthlyTotal);
        Assert.Equal(shape == CartShape.LinesOnly, quote.Charges.DueToday.All(c => c.Kind != ChargeKind.Equipment && c.Kind != ChargeKind.Shipping));
        Assert.Equal(shape == CartShape.DevicesOnly, quote.Charges.Monthly.Count == 0);

        if (card is null)
        {
            return;
        }

        var order = await Ordering.PlaceOrderAsync(RequestFor(userId, cart, quote, cardId: card.Id), NewKey(), Ct);
        var readBack = await Ordering.GetOrderAsync(order.Number, Ct);
        foreach (var charges in new[] { order.Charges, readBack!.Charges })
        {
            Assert.Equal(quote.Charges.DueToday, charges.DueToday);
            Assert.Equal(quote.Charges.Monthly, charges.Monthly);
            Assert.Equal(quote.Charges.TotalDueToday, charges.TotalDueToday);
            Assert.Equal(quote.Charges.MonthlyTotal, charges.MonthlyTotal);
        }

        Assert.Equal(order.Total, order.Charges.TotalDueToday);
    }

    [Fact]
    public async Task The_quote_lists_equipment_first_month_shipping_and_the_tax_with_its_base_and_rate()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 2), ("YEA-T54W", 1));

        var quote = await Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, Visa4242, Ct);

        Assert.Equal(
            [
                new Charge(ChargeKind.Equipment, "Equipment", 199.00m),
                new Charge(ChargeKind.FirstMonthOfService, "First month of service", 48.00m),
                new Charge(ChargeKind.Shipping, "Shipping (Ground)", 9.95m),
                new Charge(ChargeKind.SalesTax, "Sales tax (CA 7.25%)", 17.91m, 247.00m, 0.0725m),
            ],
            quote.Charges.DueToday);
        Assert.Equal(274.86m, quote.Charges.TotalDueToday);
        Assert.Equal(
            [
                new Charge(ChargeKind.MonthlyService, "Lines of service", 48.00m),
                new Charge(ChargeKind.SalesTax, "Sales tax (CA 7.25%)", 3.48m, 48.00m, 0.0725m),
            ],
            quote.Charges.Monthly);
        Assert.Equal(51.48m, quote.Charges.MonthlyTotal);
    }

    /// <summary>The checks a customer with a calculator can make from the lines alone.</summary>
    private static void AssertAddsUp(PriceBreakdown charges, Cart cart)
    {
        Assert.Equal(charges.TotalDueToday, charges.DueToday.Sum(c => c.Amount));
        Assert.Equal(charges.MonthlyTotal, charges.Monthly.Sum(c => c.Amount));
        Assert.All(charges.DueToday.Concat(charges.Monthly), c => Assert.False(string.IsNullOrWhiteSpace(c.Label)));

        Assert.Equal(cart.OneTimeSubtotal, charges.DueToday.Where(c => c.Kind == ChargeKind.Equipment).Sum(c => c.Amount));
        Assert.Equal(cart.MonthlySubtotal, charges.DueToday.Where(c => c.Kind == ChargeKind.FirstMonthOfService).Sum(c => c.Amount));
        Assert.Equal(cart.MonthlySubtotal, charges.Monthly.Where(c => c.Kind == ChargeKind.MonthlyService).Sum(c => c.Amount));
        Assert.DoesNotContain(charges.DueToday, c => c.Amount == 0m && c.Kind is ChargeKind.Equipment or ChargeKind.FirstMonthOfService);

        foreach (var lines in new[] { charges.DueToday, charges.Monthly }.Where(l => l.Count > 0))
        {
            var taxed = lines.Where(c => c.Kind is ChargeKind.Equipment or ChargeKind.FirstMonthOfService or ChargeKind.MonthlyService).Sum(c => c.Amount);
            var tax = Assert.Single(lines, c => c.Kind == ChargeKind.SalesTax);
            Assert.Equal(taxed, tax.TaxableBase);
            Assert.NotNull(tax.TaxRate);
            Assert.Equal(decimal.Round(taxed * tax.TaxRate.Value, 2, MidpointRounding.AwayFromZero), tax.Amount);
        }
    }
}
