using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Ordering.Embedded;
using My8x8.SalesBot.Tests.Sqlite;

namespace My8x8.SalesBot.Ordering.Tests;

/// <summary>The contract every <see cref="IOrderingService"/> implementation must keep; run against each below.</summary>
public abstract partial class OrderingContractTests : IAsyncLifetime
{
    private const string Visa4242 = "card-acme-visa";
    private OrderingHarness? _harness;

    protected OrderingHarness Harness => _harness ?? throw new InvalidOperationException("The harness is created in InitializeAsync.");

    protected IOrderingService Ordering => Harness.Service;

    protected FakeTimeProvider Time => Harness.Time;

    protected static CancellationToken Ct => CancellationToken.None;

    protected abstract Task<OrderingHarness> CreateHarnessAsync();

    public async Task InitializeAsync() => _harness = await CreateHarnessAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    // ---- users and eligibility ----

    [SkippableTheory]
    [InlineData(DemoUsers.Ava, null)]
    [InlineData(DemoUsers.Ben, null)]
    [InlineData(DemoUsers.Cara, null)]
    [InlineData(DemoUsers.Dan, EligibilityReason.WrongProfile)]
    [InlineData(DemoUsers.Erin, EligibilityReason.Wholesale)]
    [InlineData(DemoUsers.Felix, EligibilityReason.NotUnitedStates)]
    [InlineData(DemoUsers.Grace, EligibilityReason.NotUnitedStates)]
    [InlineData(DemoUsers.Hugo, EligibilityReason.Express)]
    [InlineData(DemoUsers.Ivy, null)]
    [InlineData(DemoUsers.Jack, null)]
    [InlineData(DemoUsers.Kim, null)]
    [InlineData(DemoUsers.Leo, EligibilityReason.UnsupportedPaymentMethod)]
    public async Task Demo_users_have_the_documented_eligibility(string userId, EligibilityReason? expected)
    {
        var result = await Ordering.CheckEligibilityAsync(userId, Ct);

        Assert.Equal(expected is null, result.IsEligible);
        Assert.Equal(expected, result.Reason);
        Assert.NotNull(result.Facts);
        // Every failed rule is listed, the first one being the reason given (the conversation words it).
        Assert.Equal(expected is null, result.Reasons.Count == 0);
    }

    [SkippableFact]
    public async Task Every_demo_user_is_seeded_with_a_ship_to_address_and_a_teams_identity()
    {
        foreach (var demo in DemoUsers.All)
        {
            var user = await Ordering.GetUserAsync(demo.Id, Ct);
            Assert.NotNull(user);
            Assert.Equal(demo.DisplayName, user.DisplayName);
            Assert.False(string.IsNullOrEmpty(user.AadTenantId));
            Assert.False(string.IsNullOrEmpty(user.AadObjectId));
            Assert.False(string.IsNullOrEmpty(user.Account.ShipTo.State));
        }
    }

    [SkippableFact]
    public async Task Eligibility_facts_describe_payment_lines_and_cards()
    {
        var cara = await Ordering.CheckEligibilityAsync(DemoUsers.Cara, Ct);
        var jack = await Ordering.CheckEligibilityAsync(DemoUsers.Jack, Ct);
        var kim = await Ordering.CheckEligibilityAsync(DemoUsers.Kim, Ct);

        Assert.Equal(PaymentMethod.Ach, cara.Facts!.DefaultPaymentMethod);
        Assert.Equal(4, cara.Facts.LinesOnAccount);
        Assert.Equal(0, cara.Facts.LinesWithoutDevice);
        Assert.True(cara.Facts.HasValidCard);
        Assert.False(jack.Facts!.HasValidCard);
        Assert.Equal(2, kim.Facts!.ValidCardCount);
    }

    [SkippableFact]
    public async Task Unknown_user_is_not_found_and_not_eligible()
    {
        Assert.Null(await Ordering.GetUserAsync("nobody.here", Ct));
        var result = await Ordering.CheckEligibilityAsync("nobody.here", Ct);
        Assert.Equal(EligibilityReason.UnknownUser, result.Reason);
        Assert.Null(result.Facts);
        await RefusedAsync(OrderingError.UnknownUser, () => Ordering.GetOpenCartAsync("nobody.here", Ct));
        await RefusedAsync(OrderingError.UnknownUser, () => Ordering.GetOrdersAsync("nobody.here", Ct));
    }

    [SkippableFact]
    public async Task Teams_users_are_found_by_tenant_and_object_id()
    {
        var ava = await Ordering.FindUserByAadAsync("0F6B2C1A-0001-4A5E-9D1E-ACDE00000001", "a1a1a1a1-0000-4000-8000-000000000001", Ct);
        var wrongTenant = await Ordering.FindUserByAadAsync("0f6b2c1a-0002-4a5e-9d1e-acde00000002", "a1a1a1a1-0000-4000-8000-000000000001", Ct);

        Assert.Equal(DemoUsers.Ava, ava?.Id);
        Assert.Null(wrongTenant);
    }

    [SkippableTheory]
    [InlineData(DemoUsers.Dan, EligibilityReason.WrongProfile)]
    [InlineData(DemoUsers.Erin, EligibilityReason.Wholesale)]
    [InlineData(DemoUsers.Felix, EligibilityReason.NotUnitedStates)]
    [InlineData(DemoUsers.Hugo, EligibilityReason.Express)]
    [InlineData(DemoUsers.Leo, EligibilityReason.UnsupportedPaymentMethod)]
    public async Task Ineligible_users_cannot_shop(string userId, EligibilityReason reason)
    {
        var refusal = await RefusedAsync(OrderingError.NotEligible, () => Ordering.GetOpenCartAsync(userId, Ct));
        Assert.Equal(reason.ToString(), refusal.Details["reason"]);
        await RefusedAsync(OrderingError.NotEligible, () => Ordering.CreateCardSetupLinkAsync(userId, null, Ct));
    }

    // ---- catalog, cards, terms ----

    [SkippableFact]
    public async Task Catalog_offers_lines_phones_a_headset_and_a_conference_phone_with_keywords()
    {
        var catalog = await Ordering.GetCatalogAsync(Ct);

        Assert.True(catalog.Count(p => p.Kind == ProductKind.Line) >= 3);
        Assert.True(catalog.Count(p => p.Category == ProductCategory.DeskPhone) >= 4);
        Assert.Contains(catalog, p => p.Category == ProductCategory.Headset && !p.RequiresLine);
        Assert.Contains(catalog, p => p.Category == ProductCategory.ConferencePhone);
        Assert.Contains(catalog, p => p.Keywords.Contains("yealink phone"));
        Assert.All(catalog, p => Assert.True(p.Price > 0));
    }

    [SkippableFact]
    public async Task Line_plans_carry_the_same_feature_rows_for_comparison_and_equipment_carries_none()
    {
        var catalog = await Ordering.GetCatalogAsync(Ct);
        var plans = catalog.Where(p => p.Kind == ProductKind.Line).ToList();
        Product Plan(string sku) => plans.Single(p => p.Sku == sku);

        Assert.All(plans, p => Assert.Equal(plans[0].Features.Select(f => f.Code), p.Features.Select(f => f.Code)));
        Assert.Contains(PlanFeatureCodes.InternationalCalling, plans[0].Features.Select(f => f.Code));
        Assert.False(Plan("X2-LINE").Includes(PlanFeatureCodes.InternationalCalling));
        Assert.Equal("Unlimited to 48 countries", Plan("X4-LINE").Features.Single(f => f.Code == PlanFeatureCodes.InternationalCalling).Value);
        Assert.True(Plan("X4-LINE").Includes(PlanFeatureCodes.VideoMeetings));
        Assert.False(Plan("X4-LINE").Includes(PlanFeatureCodes.ContactCenter));
        Assert.True(Plan("X6-LINE").Includes(PlanFeatureCodes.ContactCenter));
        Assert.All(catalog.Where(p => p.Kind == ProductKind.Equipment), p => Assert.Empty(p.Features));
    }

    [SkippableFact]
    public async Task Cards_are_listed_with_validity_and_never_a_number()
    {
        var cards = await Ordering.GetCardsAsync(DemoUsers.Kim, Ct);

        Assert.Equal(3, cards.Count);
        Assert.Equal(2, cards.Count(c => c.IsValid));
        Assert.False(cards.Single(c => c.Brand == "Amex").IsValid);
        Assert.All(cards, c => Assert.Equal(4, c.Last4.Length));
        Assert.Empty(await Ordering.GetCardsAsync(DemoUsers.Ivy, Ct));
    }

    [SkippableFact]
    public async Task A_card_becomes_invalid_after_its_expiry_month()
    {
        Time.SetUtcNow(new DateTimeOffset(2030, 12, 31, 23, 59, 0, TimeSpan.Zero));
        Assert.True((await Ordering.GetCardsAsync(DemoUsers.Ava, Ct)).Single().IsValid);

        Time.SetUtcNow(new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.False((await Ordering.GetCardsAsync(DemoUsers.Ava, Ct)).Single().IsValid);
    }

    [SkippableFact]
    public async Task Card_setup_links_are_one_time_urls_that_expire()
    {
        var first = await Ordering.CreateCardSetupLinkAsync(DemoUsers.Ivy, "conversation-1", Ct);
        var second = await Ordering.CreateCardSetupLinkAsync(DemoUsers.Ivy, "conversation-1", Ct);

        Assert.StartsWith("http://localhost:3978/payments/cards/new?token=", first.Url.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(first.Url, second.Url);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromMinutes(30), first.ExpiresAt);
    }

    [SkippableFact]
    public async Task Current_terms_have_a_version_summary_and_text()
    {
        var terms = await Ordering.GetTermsAsync(Ct);

        Assert.Equal("2025-11", terms.Version);
        Assert.False(string.IsNullOrWhiteSpace(terms.Summary));
        Assert.Contains("initial charge", terms.Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Ship_to_address_comes_from_the_account()
    {
        var address = await Ordering.GetShipToAddressAsync(DemoUsers.Ava, Ct);
        Assert.Equal("CA", address.State);
        Assert.Equal("US", address.Country);
    }

    // ---- carts ----

    [SkippableFact]
    public async Task A_user_has_one_open_cart_that_is_found_again()
    {
        var first = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);
        await Ordering.AddToCartAsync(DemoUsers.Ava, first.Id, "X2-LINE", 2, Ct);
        var again = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(2, again.LineCount);
        Assert.Equal(CartStatus.Open, again.Status);
    }

    [SkippableFact]
    public async Task Prices_come_from_the_catalog()
    {
        var catalog = await Ordering.GetCatalogAsync(Ct);
        var cart = await CartWithAsync(DemoUsers.Ava, ("X4-LINE", 2), ("YEA-T57W", 1));

        var phone = cart.Items.Single(i => i.Sku == "YEA-T57W");
        Assert.Equal(catalog.Single(p => p.Sku == "YEA-T57W").Price, phone.UnitPrice);
        Assert.Equal(catalog.Single(p => p.Sku == "X4-LINE").Price * 2, cart.MonthlySubtotal);
        Assert.Equal(phone.UnitPrice, cart.OneTimeSubtotal);
    }

    [SkippableFact]
    public async Task Adding_the_same_item_again_adds_to_its_quantity_and_every_change_is_a_new_version()
    {
        var cart = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);
        var once = await Ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 1, Ct);
        var twice = await Ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 2, Ct);
        var set = await Ordering.SetQuantityAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 5, Ct);
        var removed = await Ordering.RemoveFromCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", Ct);

        Assert.Equal(3, twice.Items.Single().Quantity);
        Assert.Equal(5, set.LineCount);
        Assert.True(removed.IsEmpty);
        Assert.True(once.Version > cart.Version && twice.Version > once.Version && set.Version > twice.Version && removed.Version > set.Version);
    }

    [SkippableFact]
    public async Task Emptying_the_cart_removes_everything()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 2), ("POLY-VVX250", 1));
        var emptied = await Ordering.EmptyCartAsync(DemoUsers.Ava, cart.Id, Ct);

        Assert.True(emptied.IsEmpty);
        Assert.Null(emptied.ShippingMethodCode);
    }

    [SkippableFact]
    public async Task Unknown_sku_is_refused_and_nothing_is_written()
    {
        var cart = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);

        var refusal = await RefusedAsync(OrderingError.UnknownSku, () => Ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "IPHONE-99", 1, Ct));

        Assert.Equal("IPHONE-99", refusal.Details["sku"]);
        await AssertCartUnchangedAsync(cart);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(101)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public async Task Zero_negative_and_huge_quantities_are_refused_and_nothing_is_written(int quantity)
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 1));

        await RefusedAsync(OrderingError.InvalidQuantity, () => Ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "X4-LINE", quantity, Ct));
        await RefusedAsync(OrderingError.InvalidQuantity, () => Ordering.SetQuantityAsync(DemoUsers.Ava, cart.Id, "X2-LINE", quantity, Ct));

        await AssertCartUnchangedAsync(cart);
    }

    [SkippableFact]
    public async Task A_cart_line_cannot_grow_past_the_quantity_cap()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("JABRA-EVOLVE2-65", 60));
        await RefusedAsync(OrderingError.InvalidQuantity, () => Ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "JABRA-EVOLVE2-65", 60, Ct));
        await AssertCartUnchangedAsync(cart);
    }

    [SkippableFact]
    public async Task Changing_an_item_that_is_not_in_the_cart_is_refused()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 1));

        await RefusedAsync(OrderingError.ItemNotInCart, () => Ordering.SetQuantityAsync(DemoUsers.Ava, cart.Id, "X4-LINE", 2, Ct));
        await RefusedAsync(OrderingError.ItemNotInCart, () => Ordering.RemoveFromCartAsync(DemoUsers.Ava, cart.Id, "X4-LINE", Ct));
        await RefusedAsync(OrderingError.UnknownSku, () => Ordering.RemoveFromCartAsync(DemoUsers.Ava, cart.Id, "NOPE", Ct));
        await AssertCartUnchangedAsync(cart);
    }

    [SkippableFact]
    public async Task Another_users_cart_is_not_found()
    {
        var bensCart = await CartWithAsync(DemoUsers.Ben, ("X2-LINE", 1));

        await RefusedAsync(OrderingError.CartNotFound, () => Ordering.AddToCartAsync(DemoUsers.Ava, bensCart.Id, "X2-LINE", 1, Ct));
        await RefusedAsync(OrderingError.CartNotFound, () => Ordering.QuoteAsync(DemoUsers.Ava, bensCart.Id, null, Ct));
        await RefusedAsync(OrderingError.CartNotFound, () => Ordering.EmptyCartAsync(DemoUsers.Ava, "cart-does-not-exist", Ct));

        Assert.Equal(1, (await Ordering.GetOpenCartAsync(DemoUsers.Ben, Ct)).LineCount);
    }

    [SkippableFact]
    public async Task An_idle_cart_expires_and_a_new_one_is_opened()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 2));
        Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        Assert.Equal(cart.Id, (await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct)).Id);

        Time.Advance(TimeSpan.FromMinutes(1));
        await RefusedAsync(OrderingError.CartExpired, () => Ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 1, Ct));
        var fresh = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);

        Assert.NotEqual(cart.Id, fresh.Id);
        Assert.True(fresh.IsEmpty);
        await RefusedAsync(OrderingError.CartExpired, () => Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, null, Ct));
    }

    [SkippableFact]
    public async Task Activity_keeps_a_cart_from_expiring()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 2));
        Time.Advance(TimeSpan.FromDays(6));
        await Ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 1, Ct);
        Time.Advance(TimeSpan.FromDays(6));

        var again = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);
        Assert.Equal(cart.Id, again.Id);
        Assert.Equal(3, again.LineCount);
    }

    // ---- limits ----

    [SkippableTheory]
    [InlineData(5, false)]
    [InlineData(6, true)]
    [InlineData(10, true)]
    public async Task More_than_five_lines_suggests_sales_assist_but_allows_checkout(int lines, bool suggested)
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", lines));

        Assert.Equal(suggested, cart.SalesAssistSuggested);
        Assert.Empty(cart.Problems);
        Assert.Equal(CheckoutReadiness.Ready, cart.Readiness);
        Assert.NotNull(await Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, null, Ct));
    }

    [SkippableFact]
    public async Task More_than_ten_lines_is_a_cart_problem_and_cannot_be_quoted()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 6), ("X4-LINE", 5));

        var problem = Assert.Single(cart.Problems);
        Assert.Equal(CartProblemCode.TooManyLines, problem.Code);
        Assert.Equal((11, 10), (problem.Actual, problem.Allowed));
        Assert.Equal(CheckoutReadiness.BreaksRules, cart.Readiness);
        var refusal = await RefusedAsync(OrderingError.TooManyLines, () => Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, null, Ct));
        Assert.Equal(11, refusal.DetailAsInt("lines"));
        Assert.Equal(10, refusal.DetailAsInt("maxLines"));
    }

    [SkippableFact]
    public async Task More_than_ten_devices_is_refused()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("JABRA-EVOLVE2-65", 11));

        Assert.Equal(CartProblemCode.TooManyDevices, Assert.Single(cart.Problems).Code);
        var refusal = await RefusedAsync(OrderingError.TooManyDevices, () => Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, null, Ct));
        Assert.Equal(11, refusal.DetailAsInt("devices"));
    }

    [SkippableFact]
    public async Task Devices_over_available_lines_are_refused()
    {
        // Every line on Cara's account already has a phone.
        var cart = await CartWithAsync(DemoUsers.Cara, ("X2-LINE", 1), ("POLY-VVX250", 2));

        var problem = Assert.Single(cart.Problems);
        Assert.Equal(CartProblemCode.DevicesExceedAvailableLines, problem.Code);
        Assert.Equal((2, 1), (problem.Actual, problem.Allowed));
        var refusal = await RefusedAsync(OrderingError.DevicesExceedAvailableLines, () => Ordering.QuoteAsync(DemoUsers.Cara, cart.Id, null, Ct));
        Assert.Equal(2, refusal.DetailAsInt("devices"));
        Assert.Equal(1, refusal.DetailAsInt("newLines"));
        Assert.Equal(0, refusal.DetailAsInt("linesWithoutDevice"));
    }

    [SkippableFact]
    public async Task Adding_lines_makes_room_for_devices()
    {
        var cart = await CartWithAsync(DemoUsers.Cara, ("POLY-VVX250", 2));
        Assert.Equal(0, cart.LinesAvailableForDevices);

        var fixedCart = await Ordering.AddToCartAsync(DemoUsers.Cara, cart.Id, "X2-LINE", 2, Ct);

        Assert.Empty(fixedCart.Problems);
        Assert.Equal(2, fixedCart.LinesAvailableForDevices);
    }

    [SkippableFact]
    public async Task Headsets_do_not_need_a_line()
    {
        var cart = await CartWithAsync(DemoUsers.Cara, ("JABRA-EVOLVE2-65", 3));

        Assert.Empty(cart.Problems);
        Assert.Equal(3, cart.DeviceCount);
        Assert.Equal(0, cart.DevicesNeedingLine);
    }

    [SkippableFact]
    public async Task Limits_are_configurable()
    {
        await using var strict = await RecreateAsync(o => { o.MaxLinesPerOrder = 3; o.SalesAssistAboveLines = 1; });
        var cart = await strict.Service.GetOpenCartAsync(DemoUsers.Ava, Ct);
        cart = await strict.Service.AddToCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 4, Ct);

        Assert.True(cart.SalesAssistSuggested);
        Assert.Equal(new CartLimits(3, 10, 1, 100, 100, 100), cart.Limits);
        Assert.Equal(CartProblemCode.TooManyLines, Assert.Single(cart.Problems).Code);
    }

    // ---- shipping ----

    [SkippableFact]
    public async Task Shipping_is_refused_when_the_cart_has_no_devices()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 2));

        await RefusedAsync(OrderingError.ShippingNotAllowed, () => Ordering.SetShippingMethodAsync(DemoUsers.Ava, cart.Id, "ground", Ct));
        await AssertCartUnchangedAsync(cart);
        Assert.Null((await Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, null, Ct)).Shipping);
    }

    [SkippableFact]
    public async Task Shipping_is_required_before_a_quote_when_devices_are_ordered()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("POLY-VVX450", 1), shipping: null);

        Assert.True(cart.NeedsShipping);
        await RefusedAsync(OrderingError.ShippingMethodRequired, () => Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, null, Ct));
    }

    [SkippableFact]
    public async Task Unknown_shipping_method_is_refused()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("POLY-VVX450", 1), shipping: null);
        await RefusedAsync(OrderingError.UnknownShippingMethod, () => Ordering.SetShippingMethodAsync(DemoUsers.Ava, cart.Id, "teleport", Ct));
        await AssertCartUnchangedAsync(cart);
    }

    [SkippableFact]
    public async Task Removing_the_last_device_clears_the_shipping_method()
    {
        var methods = await Ordering.GetShippingMethodsAsync(Ct);
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 1), ("POLY-VVX450", 1));
        Assert.Equal(["ground", "two-day", "overnight"], methods.Select(m => m.Code));
        Assert.Equal("ground", cart.ShippingMethodCode);

        var after = await Ordering.RemoveFromCartAsync(DemoUsers.Ava, cart.Id, "POLY-VVX450", Ct);

        Assert.Null(after.ShippingMethodCode);
    }

    // ---- quotes ----

    [SkippableFact]
    public async Task Quote_adds_shipping_and_tax_for_the_ship_to_state()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 2), ("YEA-T54W", 1));

        var quote = await Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, Visa4242, Ct);

        Assert.Equal(199.00m, quote.OneTimeSubtotal);
        Assert.Equal(48.00m, quote.MonthlySubtotal);
        Assert.Equal(9.95m, quote.ShippingPrice);
        Assert.Equal("CA", quote.ShipToState);
        Assert.Equal(0.0725m, quote.TaxRate);
        Assert.Equal(17.91m, quote.Tax);          // 7.25% of 247.00, shipping untaxed
        Assert.Equal(274.86m, quote.Total);
        Assert.Equal(51.48m, quote.MonthlyTotal);
        Assert.Equal("4242", quote.Card?.Last4);
        Assert.False(quote.CardPaysInitialChargeOnly);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromMinutes(30), quote.ExpiresAt);
        Assert.Equal(cart.Version, quote.CartVersion);
    }

    [SkippableTheory]
    [InlineData(DemoUsers.Ben, PaymentMethod.Invoice)]
    [InlineData(DemoUsers.Cara, PaymentMethod.Ach)]
    public async Task Invoice_and_ACH_payers_are_told_the_card_pays_only_the_initial_charge(string userId, PaymentMethod method)
    {
        var cart = await CartWithAsync(userId, ("X2-LINE", 1));

        var quote = await Ordering.QuoteAsync(userId, cart.Id, null, Ct);
        var order = await Ordering.PlaceOrderAsync(RequestFor(userId, cart, quote, "2025-11"), NewKey(), Ct);

        Assert.True(quote.CardPaysInitialChargeOnly);
        Assert.Equal(method, quote.DefaultPaymentMethod);
        Assert.True(order.Payment.CardPaysInitialChargeOnly);
        Assert.Equal(method, (await Ordering.GetUserAsync(userId, Ct))!.Account.DefaultPaymentMethod);
    }

    [SkippableFact]
    public async Task Empty_cart_cannot_be_quoted_or_ordered()
    {
        var cart = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);

        await RefusedAsync(OrderingError.CartEmpty, () => Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, null, Ct));
        await RefusedAsync(OrderingError.CartEmpty, () => Ordering.PlaceOrderAsync(
            new PlaceOrderRequest(DemoUsers.Ava, cart.Id, "quote-none", null, "2025-11", Time.GetUtcNow()), NewKey(), Ct));
        Assert.Empty(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task Changing_the_cart_invalidates_the_quote()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2));
        await Ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 1, Ct);

        await RefusedAsync(OrderingError.QuoteStale, () => Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote), NewKey(), Ct));
        Assert.Empty(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task Expired_quote_is_refused()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2));
        Time.Advance(TimeSpan.FromMinutes(30));

        await RefusedAsync(OrderingError.QuoteExpired, () => Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote), NewKey(), Ct));
        Assert.Empty(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task A_quote_of_another_cart_is_not_found()
    {
        var (_, bensQuote) = await ReadyAsync(DemoUsers.Ben, ("X2-LINE", 1));
        var (cart, _) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 1));

        await RefusedAsync(OrderingError.QuoteNotFound, () => Ordering.PlaceOrderAsync(
            RequestFor(DemoUsers.Ava, cart, bensQuote), NewKey(), Ct));
    }

    // ---- payment cards at checkout ----

    [SkippableFact]
    public async Task Another_accounts_card_is_not_found()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 1));
        await RefusedAsync(OrderingError.CardNotFound, () => Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, "card-birch-amex", Ct));

        var quote = await Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, null, Ct);
        await RefusedAsync(OrderingError.CardNotFound, () => Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote, cardId: "card-birch-amex"), NewKey(), Ct));
        await RefusedAsync(OrderingError.CardNotFound, () => Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote, cardId: "card-forged"), NewKey(), Ct));
        Assert.Empty(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task Expired_card_is_refused_at_checkout()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Kim, ("X2-LINE", 1));

        var refusal = await RefusedAsync(OrderingError.CardExpired, () => Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Kim, cart, quote, cardId: "card-orchid-amex"), NewKey(), Ct));

        Assert.Equal("8431", refusal.Details["last4"]);
        var order = await Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Kim, cart, quote, cardId: "card-orchid-mc"), NewKey(), Ct);
        Assert.Equal("5100", order.Payment.Last4);
    }

    [SkippableTheory]
    [InlineData(DemoUsers.Ivy)]
    [InlineData(DemoUsers.Jack)]
    public async Task Without_a_valid_card_no_order_is_placed(string userId)
    {
        var (cart, quote) = await ReadyAsync(userId, ("X2-LINE", 1));

        await RefusedAsync(OrderingError.NoValidCard, () => Ordering.PlaceOrderAsync(RequestFor(userId, cart, quote), NewKey(), Ct));
        Assert.Empty(await Ordering.GetOrdersAsync(userId, Ct));
    }

    // ---- terms ----

    [SkippableFact]
    public async Task Stale_terms_version_is_refused()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 1));

        var refusal = await RefusedAsync(OrderingError.TermsVersionMismatch, () => Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote, "2025-01"), NewKey(), Ct));

        Assert.Equal("2025-11", refusal.Details["currentVersion"]);
        Assert.Empty(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task Terms_accepted_in_the_future_or_before_the_quote_are_refused()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 1));
        var request = RequestFor(DemoUsers.Ava, cart, quote);

        await RefusedAsync(OrderingError.TermsAcceptanceInvalid, () => Ordering.PlaceOrderAsync(request with { AcceptedAt = Time.GetUtcNow().AddHours(1) }, NewKey(), Ct));
        await RefusedAsync(OrderingError.TermsAcceptanceInvalid, () => Ordering.PlaceOrderAsync(request with { AcceptedAt = Time.GetUtcNow().AddDays(-1) }, NewKey(), Ct));
        Assert.Empty(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    // ---- orders ----

    [SkippableFact]
    public async Task Order_is_placed_and_can_be_read_back_by_number_and_user()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2), ("YEA-T54W", 1));
        var acceptedAt = Time.GetUtcNow();
        Time.Advance(TimeSpan.FromSeconds(20));

        var order = await Ordering.PlaceOrderAsync(new PlaceOrderRequest(DemoUsers.Ava, cart.Id, quote.Id, Visa4242, "2025-11", acceptedAt), NewKey(), Ct);

        Assert.Matches(OrderNumber(), order.Number);
        Assert.Equal([("X2-LINE", 2), ("YEA-T54W", 1)], order.Items.Select(i => (i.Sku, i.Quantity)));
        Assert.Equal("ground", order.Shipping?.Code);
        Assert.Equal((274.86m, 17.91m, 9.95m), (order.Total, order.Tax, order.ShippingPrice));
        Assert.Equal(("Visa", "4242"), (order.Payment.Brand, order.Payment.Last4));
        Assert.Equal(("2025-11", acceptedAt, DemoUsers.Ava), (order.TermsVersion, order.TermsAcceptedAt, order.TermsAcceptedBy));
        Assert.Equal("CA", order.ShipTo.State);
        Assert.Equal(order, await Ordering.GetOrderAsync(order.Number, Ct), OrderComparer.Instance);
        Assert.Equal(order, Assert.Single(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct)), OrderComparer.Instance);
    }

    [SkippableFact]
    public async Task Placing_an_order_closes_the_cart_and_grows_the_account()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2), ("POLY-VVX250", 4));
        var order = await Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote), NewKey(), Ct);

        var refusal = await RefusedAsync(OrderingError.CartNotOpen, () => Ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 1, Ct));
        Assert.Equal(order.Number, refusal.Details["orderNumber"]);
        Assert.NotEqual(cart.Id, (await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct)).Id);
        var account = (await Ordering.GetUserAsync(DemoUsers.Ava, Ct))!.Account;
        Assert.Equal((10, 9), (account.Lines, account.LinesWithDevice));
    }

    [SkippableFact]
    public async Task Order_numbers_are_human_friendly_and_unique()
    {
        var numbers = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            var (cart, quote) = await ReadyAsync(DemoUsers.Kim, ("X2-LINE", 1));
            numbers.Add((await Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Kim, cart, quote), NewKey(), Ct)).Number);
        }

        Assert.Equal(3, numbers.Count);
        Assert.All(numbers, n => Assert.Matches(OrderNumber(), n));
        Assert.Equal(3, (await Ordering.GetOrdersAsync(DemoUsers.Kim, Ct)).Count);
    }

    [SkippableFact]
    public async Task Unknown_order_number_is_not_found()
    {
        Assert.Null(await Ordering.GetOrderAsync("SO-2026-00000", Ct));
    }

    [SkippableFact]
    public async Task Same_idempotency_key_and_request_returns_the_same_order()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2));
        var request = RequestFor(DemoUsers.Ava, cart, quote);
        var key = NewKey();

        var first = await Ordering.PlaceOrderAsync(request, key, Ct);
        Time.Advance(TimeSpan.FromMinutes(45)); // a late retry, after the quote expired, still gets the order
        var retry = await Ordering.PlaceOrderAsync(request, key, Ct);

        Assert.Equal(first.Number, retry.Number);
        Assert.Single(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task Same_idempotency_key_with_a_different_request_is_a_conflict()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2));
        var request = RequestFor(DemoUsers.Ava, cart, quote);
        var key = NewKey();
        var first = await Ordering.PlaceOrderAsync(request, key, Ct);

        var refusal = await RefusedAsync(OrderingError.IdempotencyKeyReused, () => Ordering.PlaceOrderAsync(request with { AcceptedAt = request.AcceptedAt.AddSeconds(1) }, key, Ct));

        Assert.Equal(first.Number, refusal.Details["orderNumber"]);
        Assert.Single(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task An_order_needs_an_idempotency_key()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2));
        await RefusedAsync(OrderingError.IdempotencyKeyRequired, () => Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote), " ", Ct));
        Assert.Empty(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task A_second_order_for_an_ordered_cart_is_refused()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2));
        var first = await Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote), NewKey(), Ct);

        var refusal = await RefusedAsync(OrderingError.CartNotOpen, () => Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote), NewKey(), Ct));

        Assert.Equal(first.Number, refusal.Details["orderNumber"]);
    }

    [SkippableFact]
    public async Task Concurrent_orders_for_one_cart_create_exactly_one_order()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2), ("POLY-VVX250", 1));
        var request = RequestFor(DemoUsers.Ava, cart, quote);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (Order: (Order?)await Ordering.PlaceOrderAsync(request, NewKey(), Ct), Error: (OrderingError?)null);
            }
            catch (OrderingException ex)
            {
                return (Order: (Order?)null, Error: ex.Error);
            }
        })));

        Assert.Single(attempts, a => a.Order is not null);
        Assert.All(attempts.Where(a => a.Order is null), a => Assert.Equal(OrderingError.CartNotOpen, a.Error));
        Assert.Single(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task Concurrent_retries_with_one_key_return_one_order()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2));
        var request = RequestFor(DemoUsers.Ava, cart, quote);
        var key = NewKey();

        var orders = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Ordering.PlaceOrderAsync(request, key, Ct))));

        Assert.Single(orders.Select(o => o.Number).Distinct());
        Assert.Single(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task The_order_placed_from_a_cart_is_found_by_the_cart()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2), ("POLY-VVX250", 1));
        Assert.Null(await Ordering.GetOrderForCartAsync(DemoUsers.Ava, cart.Id, Ct));

        var order = await Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote), NewKey(), Ct);

        Assert.Equal(order, await Ordering.GetOrderForCartAsync(DemoUsers.Ava, cart.Id, Ct), OrderComparer.Instance);
        // The next open cart is a new one, with no order yet.
        Assert.Null(await Ordering.GetOrderForCartAsync(DemoUsers.Ava, (await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct)).Id, Ct));
    }

    [SkippableFact]
    public async Task Another_users_cart_order_is_not_found_and_an_unknown_user_is_refused()
    {
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 1));
        await Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote), NewKey(), Ct);

        Assert.Null(await Ordering.GetOrderForCartAsync(DemoUsers.Kim, cart.Id, Ct));
        Assert.Null(await Ordering.GetOrderForCartAsync(DemoUsers.Ava, "cart-that-never-was", Ct));
        await RefusedAsync(OrderingError.UnknownUser, () => Ordering.GetOrderForCartAsync("nobody.here", cart.Id, Ct));
    }

    // ---- sales-assisted carts ----

    private static readonly AssistingAgent Dana = new("dana", "Dana Reyes");

    [SkippableFact]
    public async Task An_agent_prepared_cart_of_20_lines_and_5_phones_is_ordered_and_the_order_names_the_agent()
    {
        var cart = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);

        cart = await Ordering.PrepareAssistedCartAsync(DemoUsers.Ava, cart.Id,
            new AssistedCartRequest(Dana, [new("X2-LINE", 20), new("POLY-VVX250", 5)]), Ct);

        Assert.Equal((20, 5, Dana), (cart.LineCount, cart.DeviceCount, cart.AssistedBy));
        Assert.Empty(cart.Problems);
        Assert.False(cart.SalesAssistSuggested);
        Assert.Equal(cart.AssistedBy, (await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct)).AssistedBy);
        cart = await Ordering.SetShippingMethodAsync(DemoUsers.Ava, cart.Id, "ground", Ct);
        var quote = await Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, null, Ct);
        var order = await Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Ava, cart, quote), NewKey(), Ct);

        Assert.Equal(Dana, order.AssistedBy);
        Assert.Equal(DemoUsers.Ava, order.TermsAcceptedBy);
        Assert.Equal(Dana, (await Ordering.GetOrderAsync(order.Number, Ct))!.AssistedBy);
        Assert.Equal(Dana, (await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct)).Single().AssistedBy);
        // The next cart is the customer's own again.
        Assert.Null((await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct)).AssistedBy);
    }

    [SkippableFact]
    public async Task The_same_cart_built_by_the_customer_alone_is_refused_at_checkout_and_its_order_is_self_service()
    {
        var cart = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 20), ("POLY-VVX250", 5));

        Assert.Null(cart.AssistedBy);
        Assert.Contains(new CartProblem(CartProblemCode.TooManyLines, 20, 10), cart.Problems);
        var refusal = await RefusedAsync(OrderingError.TooManyLines, () => Ordering.QuoteAsync(DemoUsers.Ava, cart.Id, null, Ct));
        Assert.Equal("selfService", refusal.Detail("limit"));

        var (small, quote) = await ReadyAsync(DemoUsers.Kim, ("X2-LINE", 1));
        Assert.Null((await Ordering.PlaceOrderAsync(RequestFor(DemoUsers.Kim, small, quote), NewKey(), Ct)).AssistedBy);
    }

    [SkippableFact]
    public async Task An_agent_prepared_cart_above_the_sales_assisted_limit_is_refused_and_the_cart_is_unchanged()
    {
        var before = await CartWithAsync(DemoUsers.Ava, ("X2-LINE", 2));

        var refusal = await RefusedAsync(OrderingError.TooManyLines, () => Ordering.PrepareAssistedCartAsync(DemoUsers.Ava, before.Id,
            new AssistedCartRequest(Dana, [new("X2-LINE", 60), new("X4-LINE", 41)]), Ct));

        Assert.Equal(("100", "salesAssisted"), (refusal.Detail("maxLines"), refusal.Detail("limit")));
        await AssertCartUnchangedAsync(before);
        Assert.Null((await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct)).AssistedBy);
    }

    [SkippableFact]
    public async Task A_customer_increase_makes_an_assisted_cart_self_service_and_a_decrease_keeps_it_assisted()
    {
        var cart = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);
        cart = await Ordering.PrepareAssistedCartAsync(DemoUsers.Ava, cart.Id, new AssistedCartRequest(Dana, [new("X2-LINE", 20), new("POLY-VVX250", 5)]), Ct);

        cart = await Ordering.SetQuantityAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 18, Ct);
        Assert.Equal(Dana, cart.AssistedBy);

        cart = await Ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "POLY-VVX250", 1, Ct);
        Assert.Null(cart.AssistedBy);
        Assert.Contains(new CartProblem(CartProblemCode.TooManyLines, 18, 10), cart.Problems);
        Assert.Null((await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct)).AssistedBy);
    }

    // ---- helpers ----

    protected async Task<Cart> CartWithAsync(string userId, params (string Sku, int Quantity)[] items) =>
        await CartWithAsync(userId, items, "ground");

    protected async Task<Cart> CartWithAsync(string userId, (string Sku, int Quantity) item, string? shipping) =>
        await CartWithAsync(userId, [item], shipping);

    private async Task<Cart> CartWithAsync(string userId, (string Sku, int Quantity)[] items, string? shipping)
    {
        var cart = await Ordering.GetOpenCartAsync(userId, Ct);
        foreach (var (sku, quantity) in items)
        {
            cart = await Ordering.AddToCartAsync(userId, cart.Id, sku, quantity, Ct);
        }

        return shipping is not null && cart.NeedsShipping
            ? await Ordering.SetShippingMethodAsync(userId, cart.Id, shipping, Ct)
            : cart;
    }

    protected async Task<(Cart Cart, Quote Quote)> ReadyAsync(string userId, params (string Sku, int Quantity)[] items)
    {
        var cart = await CartWithAsync(userId, items);
        return (cart, await Ordering.QuoteAsync(userId, cart.Id, null, Ct));
    }

    protected PlaceOrderRequest RequestFor(string userId, Cart cart, Quote quote, string termsVersion = "2025-11", string? cardId = null) =>
        new(userId, cart.Id, quote.Id, cardId, termsVersion, Time.GetUtcNow());

    protected static string NewKey() => Guid.NewGuid().ToString("N");

    protected static async Task<OrderingException> RefusedAsync(OrderingError expected, Func<Task> act)
    {
        var refusal = await Assert.ThrowsAsync<OrderingException>(act);
        Assert.Equal(expected, refusal.Error);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        return refusal;
    }

    private async Task AssertCartUnchangedAsync(Cart before)
    {
        var after = await Ordering.GetOpenCartAsync(before.UserId, Ct);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Items, after.Items);
        Assert.Equal(before.ShippingMethodCode, after.ShippingMethodCode);
    }

    private async Task<OrderingHarness> RecreateAsync(Action<OrderingOptions> configure) =>
        this is HttpOrderingContractTests ? await OrderingHarness.HttpAsync(configure) : await OrderingHarness.EmbeddedAsync(configure);

    [GeneratedRegex(@"^SO-2026-\d{5}$")]
    private static partial Regex OrderNumber();

    /// <summary>Records with list members compare lists by reference; compare the order field by field instead.</summary>
    private sealed class OrderComparer : IEqualityComparer<Order?>
    {
        public static readonly OrderComparer Instance = new();

        private static readonly PriceBreakdown NoCharges = new([], 0m, [], 0m);

        public bool Equals(Order? x, Order? y) =>
            x is not null && y is not null && x.Items.SequenceEqual(y.Items) && SameCharges(x.Charges, y.Charges)
            && x.History.SequenceEqual(y.History) && x.Shipments.Count == y.Shipments.Count
            && x with { Items = [], Charges = NoCharges, History = [], Shipments = [] } == y with { Items = [], Charges = NoCharges, History = [], Shipments = [] };

        public int GetHashCode(Order? obj) => obj?.Number.GetHashCode(StringComparison.Ordinal) ?? 0;

        private static bool SameCharges(PriceBreakdown x, PriceBreakdown y) =>
            x.DueToday.SequenceEqual(y.DueToday) && x.Monthly.SequenceEqual(y.Monthly) && x.TotalDueToday == y.TotalDueToday && x.MonthlyTotal == y.MonthlyTotal;
    }
}

public sealed class EmbeddedOrderingContractTests : OrderingContractTests
{
    private readonly RecordingLogger<SqliteOrderingService> _log = new();

    protected override Task<OrderingHarness> CreateHarnessAsync() =>
        OrderingHarness.EmbeddedAsync((options, time) => new SqliteOrderingService(Microsoft.Extensions.Options.Options.Create(options), time, _log));

    [Fact]
    public async Task A_scheduled_move_the_database_refuses_is_not_logged_as_made_and_is_made_once_it_accepts()
    {
        var order = await PlaceAsync(DemoUsers.Ava, ("X4-LINE", 1), ("YEA-T54W", 1));
        // The move's statements run with its commit; here the database refuses the first of them.
        await SqliteFile.ExecuteAsync(Harness.Options.DatabasePath, "CREATE TRIGGER refuse_schedule BEFORE INSERT ON order_events WHEN NEW.source = 'schedule' BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END");
        Time.Advance(Harness.Options.Lifecycle.ProcessingAfter);

        await Assert.ThrowsAsync<SqliteException>(() => Harness.Embedded.AdvanceDueOrdersAsync(Ct));

        Assert.Equal(OrderStatus.Placed, (await Ordering.GetOrderAsync(order.Number, Ct))!.Status);
        Assert.DoesNotContain(_log.Messages, m => m.Contains("moved on schedule", StringComparison.Ordinal));

        await SqliteFile.ExecuteAsync(Harness.Options.DatabasePath, "DROP TRIGGER refuse_schedule");
        Assert.Equal(1, await Harness.Embedded.AdvanceDueOrdersAsync(Ct));
        Assert.Equal(OrderStatus.Processing, (await Ordering.GetOrderAsync(order.Number, Ct))!.Status);
        Assert.Equal([$"Order {order.Number} moved on schedule from Placed to Processing"], _log.Messages.Where(m => m.Contains("moved on schedule", StringComparison.Ordinal)));
    }
}

public sealed class HttpOrderingContractTests : OrderingContractTests
{
    protected override Task<OrderingHarness> CreateHarnessAsync() => OrderingHarness.HttpAsync();
}
