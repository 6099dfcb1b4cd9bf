using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// Builds the message of each step as one activity: the step's Adaptive Card (with a fresh submit ticket) where the
/// channel renders cards, and always a text version that says everything the card says.
/// </summary>
public sealed class SalesMessages(
    CatalogCache catalog, SubmitTickets tickets, CardPageFollowUp cardPage, IOptions<OrderingOptions> orderingOptions,
    TimeProvider clock, TurnOrdering ordering, SalesHours hours)
{
    /// <summary>The sales phone and hours as configured, for cards that tell the customer whom to call.</summary>
    public SalesContactView SalesContact => new(hours.Phone, hours.DescribeHours());

    /// <summary>
    /// Whether the chat moves on by itself when the customer adds a card on the secure page: the host continues
    /// the conversation when its own (embedded) card page saves a card, if the channel can take a message then.
    /// A remote ordering service's card page does not tell this host, so there the customer says "done".
    /// </summary>
    public bool ContinuesByItself(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return cardPage.ContinuesConversation
            && string.IsNullOrWhiteSpace(orderingOptions.Value.BaseUrl)
            && !string.IsNullOrEmpty(turnContext.Activity.ServiceUrl);
    }

    public async Task<Activity> ShoppingPromptAsync(ITurnContext turnContext, string? intro, bool showCatalog, Cart? cart, CancellationToken cancellationToken)
    {
        var context = await IssueAsync(turnContext, SalesSteps.Shop, cancellationToken);
        CardMessage message;
        if (showCatalog)
        {
            var products = (await catalog.GetAsync(cancellationToken)).Products;
            // The limits the ordering service enforces travel with the cart; the catalog says the same numbers.
            var limits = (cart ?? await ordering.GetOpenCartAsync(turnContext, SalesFlowDialog.UserIdOf(turnContext), cancellationToken)).Limits;
            message = SalesCards.Catalog(new CatalogView(
                [.. products.Where(p => p.Kind == ProductKind.Line).Select(ToView)],
                [.. products.Where(p => p.Kind == ProductKind.Equipment).Select(ToView)],
                limits.MaxLinesPerOrder,
                limits.MaxDevicesPerOrder), context, Cards(turnContext));
        }
        else if (cart is not null)
        {
            message = SalesCards.Cart(ToView(cart), context, Cards(turnContext));
        }
        else
        {
            // Most important first: channels that show only a few quick replies (Teams shows three) keep the first ones.
            return WithSuggestions(MessageFactory.Text(Join(intro, SalesTexts.ShopPrompt)), "Catalog", "Checkout", "Agent", "Cart");
        }

        return Prefixed(message, intro);
    }

    /// <summary>
    /// Plans side by side (one plan: that plan described) from the catalog, as the shopping step's prompt: a card where
    /// the channel renders one and the conversation is private, else the text table. The plans stay offered, so "add 4
    /// of those" or "yes, 4 lines" takes them up.
    /// </summary>
    public async Task<Activity> PlanComparisonAsync(ITurnContext turnContext, string? intro, IReadOnlyList<string> skus, string? recommendedSku, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skus);
        var snapshot = await catalog.GetAsync(cancellationToken);
        var plans = skus.Select(snapshot.Find).OfType<Product>().Where(p => p.Kind == ProductKind.Line).ToList();
        var limits = (await ordering.GetOpenCartAsync(turnContext, SalesFlowDialog.UserIdOf(turnContext), cancellationToken)).Limits;
        var context = await IssueAsync(turnContext, SalesSteps.Shop, cancellationToken);
        var view = new PlanComparisonView([.. plans.Select(ToPlanView)], limits.MaxLinesPerOrder, recommendedSku);
        // A group chat gets the text: a card there is everyone's to click, the advice is the asker's.
        var message = SalesCards.PlanComparison(view, context, Cards(turnContext) && !ChannelCapabilities.IsShared(turnContext));
        await tickets.OfferPlansAsync(turnContext, new PlanOffer([.. plans.Select(p => p.Sku)], null, Recommended: false), cancellationToken);
        return Prefixed(message, intro);
    }

    /// <summary>The advisor's recommendation with its reasons, as the shopping step's prompt; the plan stays offered with the number of people heard.</summary>
    public async Task<Activity> RecommendationAsync(ITurnContext turnContext, string? intro, PlanNeeds needs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(needs);
        var plans = PlanAdvisor.Plans((await catalog.GetAsync(cancellationToken)).Products);
        var advice = PlanAdvisor.Explain(plans, needs);
        await IssueAsync(turnContext, SalesSteps.Shop, cancellationToken);
        if (advice.Plan is not { } plan)
        {
            // Nothing self-service fits: said plainly, and a person offered (the customer decides).
            await tickets.OfferAgentAsync(turnContext, new AgentOffer(HandoffReason.CustomerAsked, $"The customer needs {PlanAdvisor.Joined(advice.Unmet)}, which no self-service plan includes.", AcceptsYes: true), cancellationToken);
            return WithSuggestions(MessageFactory.Text(Join(intro, SalesTexts.NoPlanFits(PlanAdvisor.Joined(advice.Unmet, "or"), sayYes: true))), "Yes", "Compare plans", "Cart");
        }

        var limits = (await ordering.GetOpenCartAsync(turnContext, SalesFlowDialog.UserIdOf(turnContext), cancellationToken)).Limits;
        var limitNote = needs.People > limits.MaxLinesPerOrder ? SalesTexts.OverLineLimit(limits.MaxLinesPerOrder) : null;
        await tickets.OfferPlansAsync(turnContext, new PlanOffer([plan.Sku], needs.People, Recommended: true), cancellationToken);
        var text = SalesTexts.Recommendation(plan.Name, plan.Price, advice.Reasons, needs.People, limitNote);
        var activity = MessageFactory.Text(Join(intro, text));
        return needs.People is { } people
            ? WithSuggestions(activity, $"Add {people} {CartDescriptions.Plural(people, plan.Name)}", "Compare plans", "No thanks")
            : WithSuggestions(activity, "Compare plans", "Cart", "Agent");
    }

    public async Task<Activity> AddCardAsync(ITurnContext turnContext, CardSetupLink link, bool expiredOnly, CancellationToken cancellationToken)
    {
        var context = await IssueAsync(turnContext, SalesSteps.Payment, cancellationToken);
        var minutes = Math.Max(1, (int)Math.Round((link.ExpiresAt - clock.GetUtcNow()).TotalMinutes));
        var message = SalesCards.AddCard(new AddCardView(link.Url, $"{minutes} minutes", ContinuesByItself(turnContext)), context, Cards(turnContext));
        return Prefixed(message, expiredOnly ? "The cards on your account have expired, so you'll need to add a new one." : null);
    }

    public async Task<Activity> CardOnFileAsync(ITurnContext turnContext, IReadOnlyList<PaymentCard> cards, CancellationToken cancellationToken)
    {
        var context = await IssueAsync(turnContext, SalesSteps.Payment, cancellationToken);
        var views = cards.Select(card => new PaymentCardView(card.Id, card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear)).ToList();
        return SalesCards.CardOnFile(new CardOnFileView(views, cards[0].Id, null), context, Cards(turnContext)).ToActivity();
    }

    public async Task<Activity> ShippingAsync(ITurnContext turnContext, IReadOnlyList<ShippingMethod> methods, Address address, CancellationToken cancellationToken)
    {
        var context = await IssueAsync(turnContext, SalesSteps.Shipping, cancellationToken);
        var view = new ShippingView(
            ToView(address),
            [.. methods.Select(m => new ShippingOptionView(m.Code, m.Name, m.Price, m.MinBusinessDays, m.MaxBusinessDays))],
            methods[0].Code);
        return SalesCards.Shipping(view, context, Cards(turnContext)).ToActivity();
    }

    public async Task<Activity> QuoteAsync(ITurnContext turnContext, Quote quote, CancellationToken cancellationToken)
    {
        var context = await IssueAsync(turnContext, SalesSteps.Quote, cancellationToken);
        var view = new QuoteView(
            [.. quote.Charges.DueToday.Select(ToView)],
            quote.Charges.TotalDueToday,
            [.. quote.Charges.Monthly.Select(ToView)],
            quote.Charges.MonthlyTotal,
            quote.Shipping is { } shipping ? $"{shipping.Name}, {Estimate(shipping)}" : null,
            quote.Card is { } card ? CardLabel(card) : null,
            quote.CardPaysInitialChargeOnly ? CardOnlyInitialChargeNotice(quote.DefaultPaymentMethod) : null);
        return SalesCards.Quote(view, context, Cards(turnContext)).ToActivity();
    }

    public async Task<Activity> TermsAsync(ITurnContext turnContext, Terms terms, decimal? totalDueToday, CancellationToken cancellationToken)
    {
        var context = await IssueAsync(turnContext, SalesSteps.Terms, cancellationToken);
        return SalesCards.Terms(new TermsView(terms.Version, terms.Summary, terms.Url, totalDueToday), context, Cards(turnContext)).ToActivity();
    }

    public async Task<Activity> ConfirmationAsync(ITurnContext turnContext, Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        // The conversation remembers what it ordered, to answer "where's my order?" until order status is in the chat.
        await tickets.RememberOrderAsync(turnContext, order.Number, cancellationToken);
        var context = await IssueAsync(turnContext, "confirmation", cancellationToken);
        var view = new ConfirmationView(
            order.Number,
            [.. order.Items.Select(ToView)],
            [.. order.Charges.DueToday.Select(ToView)],
            order.Charges.TotalDueToday,
            [.. order.Charges.Monthly.Select(ToView)],
            order.Charges.MonthlyTotal,
            order.Shipping?.Name,
            order.Shipping is { } shipping ? Estimate(shipping) : null,
            order.Shipping is null ? null : ToView(order.ShipTo),
            SalesContact);
        // The card says once that the order is placed; nothing is put before it.
        return SalesCards.Confirmation(view, context, Cards(turnContext)).ToActivity();
    }

    /// <summary>One of the customer's orders, with its status, tracking, items, charges and history; <paramref name="intro"/> goes before it.</summary>
    public static Activity OrderStatus(ITurnContext turnContext, Order order, string? intro, IReadOnlyList<string> suggestedReplies)
    {
        ArgumentNullException.ThrowIfNull(order);
        var (status, line) = SalesTexts.OrderStatusWords(order.Status);
        var names = order.Items.ToDictionary(i => i.Sku, i => i.Name, StringComparer.Ordinal);
        var view = new OrderStatusView(
            order.Number,
            SalesTexts.OrderDate(order.PlacedAt),
            status,
            line,
            [.. order.Items.Select(ToView)],
            [.. order.Charges.DueToday.Select(ToView)],
            order.Charges.TotalDueToday,
            order.Shipping?.Name,
            order.Shipping is null ? null : ToView(order.ShipTo),
            [.. order.Shipments.Select(s => new ShipmentView(s.Carrier, s.TrackingNumber,
                [.. s.Items.Select(i => $"{i.Quantity.ToString(CultureInfo.InvariantCulture)} × {(names.TryGetValue(i.Sku, out var name) ? name : i.Name)}")]))],
            [.. order.History.Select(h => (SalesTexts.OrderStatusWords(h.Status).Status, SalesTexts.OrderTime(h.At)))]);
        return Prefixed(SalesCards.OrderStatus(view, Cards(turnContext), suggestedReplies), intro);
    }

    public static string CardLabel(PaymentCard card) =>
        string.Create(CultureInfo.InvariantCulture, $"{card.Brand} ending {card.Last4} (expires {card.ExpiryMonth:00}/{card.ExpiryYear % 100:00})");

    public static string ShippingLabel(ShippingMethod method) =>
        string.Create(CultureInfo.InvariantCulture, $"{method.Name} — {Money.Usd(method.Price)}, {Estimate(method)}");

    public static string Estimate(ShippingMethod method) => method.MinBusinessDays == method.MaxBusinessDays
        ? $"{method.MinBusinessDays} business {(method.MinBusinessDays == 1 ? "day" : "days")}"
        : $"{method.MinBusinessDays}–{method.MaxBusinessDays} business days";

    public static string CardOnlyInitialChargeNotice(PaymentMethod defaultMethod)
    {
        var method = defaultMethod == PaymentMethod.Ach ? "ACH" : "invoice";
        return $"Your account is billed by {method}. The card pays only this order's initial charge; later charges for this order go to your {method} billing, which does not change.";
    }

    /// <summary>
    /// The greeting. In a conversation others read (<paramref name="shared"/>: a Teams channel or group chat) it names
    /// no account facts — not the account, its edition, its lines or its cards — which stay in a personal chat.
    /// </summary>
    public static string Greeting(OrderingUser user, EligibilityFacts facts, bool resumed, bool shared = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(facts);
        var firstName = user.DisplayName.Split(' ', 2)[0];
        if (shared)
        {
            return resumed
                ? $"Welcome back, {firstName}! Your cart is saved."
                : $"Hi {firstName}! I can add lines of service and phones to your 8x8 account. Your account details, cart and payment stay in a personal chat with me.";
        }

        var family = facts.ProductFamily == ProductFamily.XSeries ? "X Series" : facts.ProductFamily.ToString();
        var greeting = resumed
            ? $"Welcome back, {firstName}! Your cart is just as you left it."
            : $"Hi {firstName}! I can add lines of service and phones to {user.Account.Name} ({family}).";
        greeting += string.Create(CultureInfo.InvariantCulture,
            $" Your account has {facts.LinesOnAccount} {CartDescriptions.Plural(facts.LinesOnAccount, "line")}, {facts.LinesWithoutDevice} without a phone.");
        return facts.HasValidCard ? greeting : $"{greeting} {SalesTexts.NeedsCardLater}";
    }

    /// <summary>Why the customer cannot order here; in a shared conversation only that they cannot, not why.</summary>
    public static Activity NotEligible(EligibilityResult eligibility, bool shared = false)
    {
        ArgumentNullException.ThrowIfNull(eligibility);
        if (shared)
        {
            return WithSuggestions(MessageFactory.Text(SalesTexts.NotEligibleShared), "Agent", "Hours");
        }

        var text = RefusalTexts.NotEligible(eligibility.Reason ?? EligibilityReason.UnknownUser);
        return eligibility.Reason == EligibilityReason.Express
            ? MessageFactory.Text(text)
            : WithSuggestions(MessageFactory.Text(text), "Agent", "Hours");
    }

    public static Activity WithSuggestions(Activity activity, params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.SuggestedActions = new SuggestedActions
        {
            Actions = [.. actions.Select(action => new CardAction(ActionTypes.ImBack, action, value: action))],
        };
        return activity;
    }

    public static CartView ToView(Cart cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return new CartView(
            [.. cart.Items.Select(ToView)],
            cart.LineCount,
            cart.DeviceCount,
            cart.OneTimeSubtotal,
            cart.MonthlySubtotal,
            [.. CartDescriptions.Notices(cart)],
            cart.CheckoutMayStart,
            cart.Limits.MaxQuantityPerItem);
    }

    private static CartLineView ToView(LineItem item) =>
        new(item.Sku, item.Name, item.Quantity, item.UnitPrice, item.LineTotal, item.Kind == ProductKind.Line);

    private static ChargeView ToView(Charge charge) => new(charge.Label, charge.Amount, charge.TaxableBase, charge.TaxRate);

    private static AddressView ToView(Address address) =>
        new(address.Name, address.Street, address.City, address.State, address.PostalCode, address.Country);

    private static PlanView ToPlanView(Product plan) =>
        new(plan.Sku, plan.Name, plan.Description, plan.Price, [.. plan.Features.Select(f => new PlanFeatureView(f.Name, f.Included, f.Value))]);

    private static CatalogItemView ToView(Product product) => new(product.Sku, product.Name, product.Description, product.Price);

    private static bool Cards(ITurnContext turnContext) => ChannelCapabilities.SupportsCards(turnContext);

    private async Task<SubmitContext> IssueAsync(ITurnContext turnContext, string step, CancellationToken cancellationToken) =>
        new(step, await tickets.IssueAsync(turnContext, step, cancellationToken));

    /// <summary>The card's activity with <paramref name="intro"/> before its text (the summary, or the full text without a card).</summary>
    private static Activity Prefixed(CardMessage message, string? intro)
    {
        var activity = message.ToActivity();
        activity.Text = Join(intro, activity.Text);
        activity.Speak = Join(intro, activity.Speak);
        return activity;
    }

    private static string Join(string? first, string? second) =>
        string.IsNullOrWhiteSpace(first) ? second ?? "" : string.IsNullOrWhiteSpace(second) ? first.Trim() : $"{first.Trim()}\n\n{second.Trim()}";
}
