using My8x8.SalesBot.Ordering.Domain;

namespace My8x8.SalesBot.Ordering.Tests.Domain;

/// <summary>
/// The ordering rules on their own: no database, no clock but the one passed in. Limits are deliberately not the
/// defaults, so a rule that reads a number from anywhere but its setting fails here.
/// </summary>
public sealed class ShoppingCartTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 17, 0, 0, TimeSpan.Zero);

    private static readonly OrderingOptions Options = new()
    {
        MaxLinesPerOrder = 4,
        MaxDevicesPerOrder = 3,
        SalesAssistAboveLines = 2,
        MaxQuantityPerItem = 20,
        MaxLinesPerAssistedOrder = 9,
        MaxDevicesPerAssistedOrder = 6,
        CartIdleTimeout = TimeSpan.FromDays(2),
    };

    private static readonly CartLine X4Line = new("X4-LINE", "X4 line", ProductKind.Line, ProductCategory.ServicePlan, 0, 3_000, false, 1);
    private static readonly CartLine DeskPhone = new("T54W", "Yealink T54W", ProductKind.Equipment, ProductCategory.DeskPhone, 0, 20_000, true, 5);
    private static readonly CartLine Headset = new("HEADSET", "Headset", ProductKind.Equipment, ProductCategory.Headset, 0, 5_000, false, 9);
    private static readonly ShippingMethod Ground = new("ground", "Ground", 10m, 3, 5);

    private static Account AccountWith(int lines = 3, int withDevice = 0, PaymentMethod payment = PaymentMethod.CreditCard, string country = "US",
        bool wholesale = false, ProductFamily family = ProductFamily.XSeries) =>
        new("ACC-1", "Acme", family, country, wholesale, payment, lines, withDevice, new Address("Acme", "1 Main St", "San Jose", "CA", "95110", "US"));

    private static OrderingUser UserWith(UserProfile profile = UserProfile.CustomerCommunityOrdering, Account? account = null) =>
        new("u-1", "Ava Martinez", "ava@example.com", profile, null, null, account ?? AccountWith());

    private static ShoppingCart CartOf(Account? account = null, string? shipping = null, params (CartLine Product, int Quantity)[] lines) =>
        new("cart-1", "u-1", CartStatus.Open, 1, shipping, Now, lines.Select(l => l.Product with { Quantity = l.Quantity }), account ?? AccountWith(), Options);

    private static OrderingException Refused(OrderingError expected, Action act)
    {
        var refusal = Assert.Throws<OrderingException>(act);
        Assert.Equal(expected, refusal.Error);
        return refusal;
    }

    [Fact]
    public void Each_ordering_profile_on_a_US_account_paying_by_invoice_ACH_or_card_is_eligible()
    {
        foreach (var profile in new[] { UserProfile.CustomerCommunityQtcAdmin, UserProfile.CustomerCommunityOrdering, UserProfile.CustomerCommunityBillingAndOrdering })
        {
            foreach (var payment in new[] { PaymentMethod.Invoice, PaymentMethod.Ach, PaymentMethod.CreditCard })
            {
                Assert.Empty(ShoppingCart.EligibilityOf(UserWith(profile, AccountWith(payment: payment))));
            }
        }
    }

    [Fact]
    public void Every_failed_eligibility_rule_is_listed_in_the_order_it_is_explained()
    {
        var user = UserWith(UserProfile.EndUser, AccountWith(payment: PaymentMethod.Check, country: "CA", wholesale: true, family: ProductFamily.Express));

        Assert.Equal(
            [EligibilityReason.WrongProfile, EligibilityReason.Express, EligibilityReason.NotUnitedStates, EligibilityReason.Wholesale, EligibilityReason.UnsupportedPaymentMethod],
            ShoppingCart.EligibilityOf(user));
        var refusal = Refused(OrderingError.NotEligible, () => ShoppingCart.EnsureEligible(user));
        Assert.Equal("WrongProfile", refusal.Details["reason"]);
    }

    [Fact]
    public void The_eligibility_result_carries_the_account_facts_and_counts_only_valid_cards()
    {
        PaymentCard[] cards = [new("c1", "Visa", "4242", 1, 2030, Now, true), new("c2", "Amex", "0005", 1, 2020, Now, false)];

        var result = ShoppingCart.Eligibility(UserWith(account: AccountWith(lines: 5, withDevice: 2)), cards);

        Assert.True(result.IsEligible);
        Assert.Null(result.Reason);
        Assert.Equal((5, 3, true, 1), (result.Facts!.LinesOnAccount, result.Facts.LinesWithoutDevice, result.Facts.HasValidCard, result.Facts.ValidCardCount));
    }

    [Fact]
    public void Lines_above_the_configured_limit_are_a_problem_with_the_numbers_and_block_checkout()
    {
        var cart = CartOf(lines: (X4Line, 5));

        var problem = Assert.Single(cart.Problems);
        Assert.Equal(new CartProblem(CartProblemCode.TooManyLines, 5, 4), problem);
        Assert.Equal(CheckoutReadiness.BreaksRules, cart.ToCart(Now).Readiness);
        var refusal = Refused(OrderingError.TooManyLines, cart.EnsureCheckoutReady);
        Assert.Equal((5, 4), (refusal.DetailAsInt("lines"), refusal.DetailAsInt("maxLines")));
    }

    [Fact]
    public void Devices_above_the_configured_limit_are_a_problem_even_when_they_need_no_line()
    {
        var cart = CartOf(lines: (Headset, 4));

        Assert.Equal([new CartProblem(CartProblemCode.TooManyDevices, 4, 3)], cart.Problems);
        Assert.Equal(4, Refused(OrderingError.TooManyDevices, cart.EnsureCheckoutReady).DetailAsInt("devices"));
    }

    [Fact]
    public void Phones_may_not_outnumber_lines_without_a_device_plus_new_lines()
    {
        var account = AccountWith(lines: 2, withDevice: 1);

        Assert.Empty(CartOf(account, "ground", (X4Line, 1), (DeskPhone, 2)).Problems);
        var over = CartOf(account, "ground", (X4Line, 1), (DeskPhone, 3));
        Assert.Equal([new CartProblem(CartProblemCode.DevicesExceedAvailableLines, 3, 2)], over.Problems);
        var refusal = Refused(OrderingError.DevicesExceedAvailableLines, over.EnsureCheckoutReady);
        Assert.Equal((3, 1, 1, 2), (refusal.DetailAsInt("devices"), refusal.DetailAsInt("newLines"), refusal.DetailAsInt("linesWithoutDevice"), refusal.DetailAsInt("allowed")));
        // A headset needs no line of its own.
        Assert.Empty(CartOf(account, "ground", (DeskPhone, 1), (Headset, 2)).Problems);
    }

    [Theory]
    [InlineData(2, false)]
    [InlineData(3, true)]
    [InlineData(4, true)]
    public void Sales_help_is_offered_above_the_configured_line_count_without_blocking_checkout(int lines, bool offered)
    {
        var cart = CartOf(lines: (X4Line, lines)).ToCart(Now);

        Assert.Equal(offered, cart.SalesAssistSuggested);
        Assert.Equal(CheckoutReadiness.Ready, cart.Readiness);
    }

    [Fact]
    public void Readiness_goes_from_empty_to_needing_a_shipping_method_to_ready()
    {
        var cart = CartOf();
        Assert.Equal(CheckoutReadiness.Empty, cart.ToCart(Now).Readiness);
        Refused(OrderingError.CartEmpty, cart.EnsureCheckoutReady);

        cart.Add(DeskPhone, 1, Now);
        var needsShipping = cart.ToCart(Now);
        Assert.Equal(CheckoutReadiness.NeedsShippingMethod, needsShipping.Readiness);
        Assert.True(needsShipping.NeedsShipping);
        Assert.True(needsShipping.CheckoutMayStart);
        Refused(OrderingError.ShippingMethodRequired, cart.EnsureCheckoutReady);

        cart.ChooseShipping(Ground, Now);
        Assert.Equal(CheckoutReadiness.Ready, cart.ToCart(Now).Readiness);
        cart.EnsureCheckoutReady();
    }

    [Fact]
    public void Shipping_is_chosen_only_with_equipment_and_dropped_with_the_last_device()
    {
        var linesOnly = CartOf(lines: (X4Line, 1));
        Refused(OrderingError.ShippingNotAllowed, () => linesOnly.ChooseShipping(Ground, Now));
        Assert.False(linesOnly.NeedsShipping);

        var cart = CartOf(null, "ground", (X4Line, 1), (DeskPhone, 1));
        cart.Remove(DeskPhone, Now);

        Assert.Null(cart.ShippingMethodCode);
        Assert.Equal(CheckoutReadiness.Ready, cart.ToCart(Now).Readiness);
    }

    [Fact]
    public void Every_change_bumps_the_version_and_keeps_the_catalog_order()
    {
        var cart = CartOf(lines: (Headset, 1));

        var added = cart.Add(X4Line, 2, Now.AddMinutes(1));
        cart.Add(X4Line, 1, Now.AddMinutes(2));
        cart.SetQuantity(Headset, 2, Now.AddMinutes(3));

        Assert.Equal(new CartItemChange("X4-LINE", 2), added);
        Assert.Equal(4, cart.Version);
        Assert.Equal(Now.AddMinutes(3), cart.UpdatedAt);
        Assert.Equal([("X4-LINE", 3), ("HEADSET", 2)], cart.ToCart(Now).Items.Select(i => (i.Sku, i.Quantity)));
    }

    [Fact]
    public void Quantities_outside_one_to_the_per_item_cap_are_refused_with_the_range_and_what_is_already_in_the_cart()
    {
        var cart = CartOf(lines: (X4Line, 15));

        var zero = Refused(OrderingError.InvalidQuantity, () => cart.SetQuantity(X4Line, 0, Now));
        Assert.Equal((0, 1, 20, 0), (zero.DetailAsInt("quantity"), zero.DetailAsInt("min"), zero.DetailAsInt("max"), zero.DetailAsInt("inCart")));
        var over = Refused(OrderingError.InvalidQuantity, () => cart.Add(X4Line, 6, Now));
        Assert.Equal(15, over.DetailAsInt("inCart"));
        Assert.Equal(1, cart.Version);
        Refused(OrderingError.ItemNotInCart, () => cart.Remove(DeskPhone, Now));
    }

    [Fact]
    public void Pricing_taxes_equipment_and_the_first_month_of_service_but_not_shipping()
    {
        var cart = CartOf(null, "ground", (X4Line, 2), (DeskPhone, 1));

        var priced = cart.Price(Ground, taxRateBasisPoints: 725);

        Assert.Equal((20_000, 6_000, 1_000), (priced.EquipmentCents, priced.MonthlyServiceCents, priced.ShippingCents));
        Assert.Equal(1_885, priced.TaxTodayCents); // 7.25% of $260.00
        Assert.Equal(20_000 + 6_000 + 1_000 + 1_885, priced.TotalTodayCents);
        Assert.Equal(6_000 + 435, priced.MonthlyTotalCents);
        Refused(OrderingError.TooManyLines, () => CartOf(lines: (X4Line, 5)).Price(null, 725));
    }

    [Theory]
    [InlineData(PaymentMethod.Invoice, true)]
    [InlineData(PaymentMethod.Ach, true)]
    [InlineData(PaymentMethod.CreditCard, false)]
    public void The_card_pays_only_the_initial_charge_for_invoice_and_ACH_payers(PaymentMethod method, bool initialOnly) =>
        Assert.Equal(initialOnly, ShoppingCart.CardPaysInitialChargeOnly(method));

    [Fact]
    public void The_card_charged_is_the_one_named_if_valid_else_the_newest_valid_one()
    {
        PaymentCard[] cards = [new("old", "Amex", "0005", 1, 2020, Now, false), new("visa", "Visa", "4242", 1, 2030, Now, true)];

        Assert.Equal("visa", ShoppingCart.CardToCharge(cards, null).Id);
        var expired = Refused(OrderingError.CardExpired, () => ShoppingCart.CardToCharge(cards, "old"));
        Assert.Equal(("0005", 2020), (expired.Details["last4"], expired.DetailAsInt("expiryYear")));
        Refused(OrderingError.CardNotFound, () => ShoppingCart.CardToCharge(cards, "someone-elses"));
        Refused(OrderingError.NoValidCard, () => ShoppingCart.CardToCharge([cards[0]], null));
    }

    [Fact]
    public void An_order_needs_the_current_quote_of_this_cart_version_the_current_terms_and_an_acceptance_after_the_quote()
    {
        var cart = CartOf(lines: (X4Line, 1));
        var quote = new QuoteFacts("cart-1", "u-1", 1, Now.AddMinutes(-10), Now.AddMinutes(20));
        PlaceOrderRequest Request(string terms = "2025-11", int acceptedMinutesAgo = 1) => new("u-1", "cart-1", "q-1", null, terms, Now.AddMinutes(-acceptedMinutesAgo));

        cart.EnsureOrderable(quote, Request(), "2025-11", Now);
        Refused(OrderingError.TermsVersionMismatch, () => cart.EnsureOrderable(quote, Request("2024-01"), "2025-11", Now));
        Refused(OrderingError.QuoteNotFound, () => cart.EnsureOrderable(null, Request(), "2025-11", Now));
        Refused(OrderingError.QuoteNotFound, () => cart.EnsureOrderable(quote with { UserId = "someone-else" }, Request(), "2025-11", Now));
        Refused(OrderingError.QuoteStale, () => cart.EnsureOrderable(quote with { CartVersion = 0 }, Request(), "2025-11", Now));
        Refused(OrderingError.QuoteExpired, () => cart.EnsureOrderable(quote with { ExpiresAt = Now }, Request(), "2025-11", Now));
        Refused(OrderingError.TermsAcceptanceInvalid, () => cart.EnsureOrderable(quote, Request(acceptedMinutesAgo: 60), "2025-11", Now));
    }

    [Fact]
    public void An_idle_cart_expires_after_the_configured_time_and_an_ordered_one_names_its_order()
    {
        var cart = CartOf(lines: (X4Line, 1));

        cart.EnsureOpen(Now.AddDays(2).AddTicks(-1), null);
        Refused(OrderingError.CartExpired, () => cart.EnsureOpen(Now.AddDays(2), null));
        Assert.Equal(CartStatus.Expired, cart.ToCart(Now.AddDays(2)).Status);
        var ordered = new ShoppingCart("cart-2", "u-1", CartStatus.Ordered, 3, null, Now, [], AccountWith(), Options);
        Assert.Equal("SO-2026-12345", Refused(OrderingError.CartNotOpen, () => ordered.EnsureOpen(Now, "SO-2026-12345")).Details["orderNumber"]);
    }

    // ---- sales-assisted carts ----

    private static readonly AssistingAgent Dana = new("dana", "Dana");

    [Fact]
    public void An_agent_prepared_cart_above_the_self_service_limits_is_ready_within_the_sales_assisted_ones()
    {
        var cart = CartOf(shipping: "ground", lines: [(X4Line, 1)]);

        var changes = cart.PrepareAssisted(Dana, [new(X4Line, 9), new(DeskPhone, 6)], Now);

        Assert.Equal([("X4-LINE", 9), ("T54W", 6)], changes.Select(c => (c.Sku, c.Quantity)));
        Assert.Equal(Dana, cart.AssistedBy);
        Assert.Empty(cart.Problems);
        Assert.Equal(2, cart.Version);
        Assert.Equal((9, 6), (cart.MaxLines, cart.MaxDevices));
        // Already with an agent: the "more than two lines, talk to sales?" offer would make no sense.
        Assert.False(cart.SalesAssistOffered);
        var seen = cart.ToCart(Now);
        Assert.Equal((Dana, 9, 6), (seen.AssistedBy, seen.Limits.MaxLinesPerAssistedOrder, seen.Limits.MaxDevicesPerAssistedOrder));
        Assert.Equal(CheckoutReadiness.Ready, seen.Readiness);
    }

    [Fact]
    public void The_same_contents_built_by_the_customer_break_the_self_service_limits()
    {
        var cart = CartOf(shipping: "ground");
        cart.Add(X4Line, 9, Now);
        cart.Add(DeskPhone, 6, Now);

        Assert.Null(cart.AssistedBy);
        Assert.Equal([new CartProblem(CartProblemCode.TooManyLines, 9, 4), new CartProblem(CartProblemCode.TooManyDevices, 6, 3)], cart.Problems);
        var refusal = Refused(OrderingError.TooManyLines, cart.EnsureCheckoutReady);
        Assert.Equal(("4", "selfService"), (refusal.Details["maxLines"], refusal.Details["limit"]));
    }

    [Theory]
    [InlineData(10, 1, OrderingError.TooManyLines, "maxLines", "9")]
    [InlineData(9, 7, OrderingError.TooManyDevices, "maxDevices", "6")]
    public void An_agent_cannot_prepare_more_than_the_sales_assisted_limits_and_nothing_changes(int lines, int phones, OrderingError error, string key, string max)
    {
        var cart = CartOf(lines: [(Headset, 1)]);

        var refusal = Refused(error, () => cart.PrepareAssisted(Dana, [new(X4Line, lines), new(DeskPhone, phones)], Now));

        Assert.Equal((max, "salesAssisted"), (refusal.Details[key], refusal.Details["limit"]));
        Assert.Null(cart.AssistedBy);
        Assert.Equal([("HEADSET", 1)], cart.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(1, cart.Version);
    }

    [Fact]
    public void Devices_still_need_lines_in_an_agent_prepared_cart()
    {
        // 3 lines without a device on the account plus 1 new line: room for 4 phones, not 5.
        var cart = CartOf(AccountWith(lines: 3));

        var refusal = Refused(OrderingError.DevicesExceedAvailableLines, () => cart.PrepareAssisted(Dana, [new(X4Line, 1), new(DeskPhone, 5)], Now));

        Assert.Equal("4", refusal.Details["allowed"]);
        Assert.Empty(cart.Lines);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(-1)]
    public void An_agent_quantity_outside_zero_to_the_per_item_cap_is_refused(int quantity) =>
        Refused(OrderingError.InvalidQuantity, () => CartOf().PrepareAssisted(Dana, [new(X4Line, quantity)], Now));

    [Fact]
    public void An_agent_cannot_prepare_an_empty_cart_a_repeated_product_or_an_anonymous_one()
    {
        Refused(OrderingError.CartEmpty, () => CartOf().PrepareAssisted(Dana, [new(X4Line, 0)], Now));
        Refused(OrderingError.InvalidRequest, () => CartOf().PrepareAssisted(Dana, [new(X4Line, 1), new(X4Line, 2)], Now));
        Refused(OrderingError.InvalidRequest, () => CartOf().PrepareAssisted(new AssistingAgent(" ", "Dana"), [new(X4Line, 1)], Now));
    }

    [Fact]
    public void A_quantity_of_zero_takes_a_product_out_of_the_prepared_cart()
    {
        var cart = CartOf(lines: [(X4Line, 2), (Headset, 1)]);

        var changes = cart.PrepareAssisted(Dana, [new(X4Line, 5), new(Headset, 0)], Now);

        Assert.Equal([("HEADSET", 0), ("X4-LINE", 5)], changes.Select(c => (c.Sku, c.Quantity)));
        Assert.Equal([("X4-LINE", 5)], cart.Lines.Select(l => (l.Sku, l.Quantity)));
    }

    [Fact]
    public void The_customer_lowering_or_removing_what_the_agent_prepared_keeps_the_cart_assisted()
    {
        var cart = CartOf(shipping: "ground");
        cart.PrepareAssisted(Dana, [new(X4Line, 9), new(DeskPhone, 5), new(Headset, 1)], Now);

        cart.SetQuantity(X4Line, 8, Now);
        cart.Remove(Headset, Now);
        cart.ChooseShipping(Ground, Now);

        Assert.Equal(Dana, cart.AssistedBy);
        Assert.Empty(cart.Problems);
    }

    [Fact]
    public void The_customer_adding_to_an_assisted_cart_makes_it_self_service_again_and_the_usual_limits_explain()
    {
        var cart = CartOf(shipping: "ground");
        cart.PrepareAssisted(Dana, [new(X4Line, 6), new(DeskPhone, 2)], Now);

        cart.Add(DeskPhone, 1, Now);

        Assert.Null(cart.AssistedBy);
        Assert.Equal([new CartProblem(CartProblemCode.TooManyLines, 6, 4)], cart.Problems);
        Assert.True(cart.SalesAssistOffered);
    }

    [Fact]
    public void The_customer_raising_a_quantity_or_emptying_an_assisted_cart_makes_it_self_service()
    {
        var raised = CartOf();
        raised.PrepareAssisted(Dana, [new(X4Line, 2)], Now);
        raised.SetQuantity(X4Line, 3, Now);
        Assert.Null(raised.AssistedBy);

        var emptied = CartOf();
        emptied.PrepareAssisted(Dana, [new(X4Line, 2)], Now);
        emptied.Empty(Now);
        emptied.Add(X4Line, 1, Now);
        Assert.Null(emptied.AssistedBy);
    }
}
