using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Dialogs.Resources;
using My8x8.SalesBot.Languages;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Texts;

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
            return WithSuggestions(MessageFactory.Text(Join(intro, SalesTexts.ShopPrompt)), Commands.Catalog, Commands.Checkout, Commands.Agent, Commands.Cart);
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
            await tickets.OfferAgentAsync(turnContext, new AgentOffer(HandoffReason.CustomerAsked, RefusalTexts.NoPlanForAgent(advice.Unmet), AcceptsYes: true), cancellationToken);
            return WithSuggestions(MessageFactory.Text(Join(intro, SalesTexts.NoPlanFits(TextLists.Joined(advice.Unmet, or: true), sayYes: true))), Commands.Yes, Commands.ComparePlans, Commands.Cart);
        }

        var limits = (await ordering.GetOpenCartAsync(turnContext, SalesFlowDialog.UserIdOf(turnContext), cancellationToken)).Limits;
        var limitNote = needs.People > limits.MaxLinesPerOrder ? SalesTexts.OverLineLimit(limits.MaxLinesPerOrder) : null;
        await tickets.OfferPlansAsync(turnContext, new PlanOffer([plan.Sku], needs.People, Recommended: true), cancellationToken);
        var text = SalesTexts.Recommendation(plan.Name, plan.Price, advice.Reasons, needs.People, limitNote);
        var activity = MessageFactory.Text(Join(intro, text));
        return needs.People is { } people
            ? WithSuggestions(activity, Commands.AddPlans(people, CartDescriptions.Plural(people, plan.Name)), Commands.ComparePlans, Commands.NoThanks)
            : WithSuggestions(activity, Commands.ComparePlans, Commands.Cart, Commands.Agent);
    }

    public async Task<Activity> AddCardAsync(ITurnContext turnContext, CardSetupLink link, bool expiredOnly, CancellationToken cancellationToken)
    {
        var context = await IssueAsync(turnContext, SalesSteps.Payment, cancellationToken);
        var minutes = Math.Max(1, (int)Math.Round((link.ExpiresAt - clock.GetUtcNow()).TotalMinutes));
        var message = SalesCards.AddCard(new AddCardView(InPageLanguage(link.Url), Texts.Plural(minutes, "Payment.Minutes"), ContinuesByItself(turnContext)), context, Cards(turnContext));
        return Prefixed(message, expiredOnly ? Texts["Payment.CardsExpired"] : null);
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
        // The legal text is the one the ordering service holds; a customer reading another language is told so, in theirs.
        var notice = SameLanguage(terms.Language) ? null : Texts["Terms.OnlyInLanguage." + LanguageKey(terms.Language)];
        return SalesCards.Terms(new TermsView(terms.Version, terms.Summary, InPageLanguage(terms.Url), totalDueToday, notice), context, Cards(turnContext)).ToActivity();
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
    public static Activity OrderStatus(ITurnContext turnContext, Order order, SalesHours hours, string? intro, IReadOnlyList<string> suggestedReplies)
    {
        ArgumentNullException.ThrowIfNull(order);
        var (status, line) = SalesTexts.OrderStatusWords(order.Status);
        var names = order.Items.ToDictionary(i => i.Sku, i => i.Name, StringComparer.Ordinal);
        var view = new OrderStatusView(
            order.Number,
            SalesTexts.OrderDate(order.PlacedAt, hours),
            status,
            line,
            [.. order.Items.Select(ToView)],
            [.. order.Charges.DueToday.Select(ToView)],
            order.Charges.TotalDueToday,
            order.Shipping?.Name,
            order.Shipping is null ? null : ToView(order.ShipTo),
            [.. order.Shipments.Select(s => new ShipmentView(s.Carrier, s.TrackingNumber,
                [.. s.Items.Select(i => Texts.Format("Order.ShipmentItem", i.Quantity, names.TryGetValue(i.Sku, out var name) ? name : i.Name))]))],
            [.. order.History.Select(h => (SalesTexts.OrderStatusWords(h.Status).Status, SalesTexts.OrderTime(h.At, hours)))]);
        return Prefixed(SalesCards.OrderStatus(view, Cards(turnContext), suggestedReplies), intro);
    }

    public static string CardLabel(PaymentCard card) =>
        Texts.Format("Payment.CardLabel", card.Brand, card.Last4, card.ExpiryMonth, card.ExpiryYear % 100);

    public static string ShippingLabel(ShippingMethod method) =>
        Texts.Format("Shipping.Label", method.Name, Money.Usd(method.Price), Estimate(method));

    public static string Estimate(ShippingMethod method) => method.MinBusinessDays == method.MaxBusinessDays
        ? Texts.Plural(method.MinBusinessDays, "Shipping.BusinessDays")
        : Texts.Format("Shipping.BusinessDays.Range", method.MinBusinessDays, method.MaxBusinessDays);

    public static string CardOnlyInitialChargeNotice(PaymentMethod defaultMethod) =>
        Texts[defaultMethod == PaymentMethod.Ach ? "Payment.InitialChargeOnly.Ach" : "Payment.InitialChargeOnly.Invoice"];

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
            return Texts.Format(resumed ? "Greeting.Shared.Resumed" : "Greeting.Shared", firstName);
        }

        // Product family names are product names: the same in every language.
        var family = facts.ProductFamily == ProductFamily.XSeries ? Texts["Product.XSeries"] : facts.ProductFamily.ToString();
        var greeting = resumed
            ? Texts.Format("Greeting.Resumed", firstName)
            : Texts.Format("Greeting", firstName, user.Account.Name, family);
        greeting += " " + Texts.Format("Greeting.Lines", Texts.Plural(facts.LinesOnAccount, "Count.Line"), facts.LinesWithoutDevice);
        return facts.HasValidCard ? greeting : $"{greeting} {SalesTexts.NeedsCardLater}";
    }

    /// <summary>Why the customer cannot order here; in a shared conversation only that they cannot, not why.</summary>
    public static Activity NotEligible(EligibilityResult eligibility, bool shared = false)
    {
        ArgumentNullException.ThrowIfNull(eligibility);
        if (shared)
        {
            return WithSuggestions(MessageFactory.Text(SalesTexts.NotEligibleShared), Commands.Agent, Commands.Hours);
        }

        var text = RefusalTexts.NotEligible(eligibility.Reason ?? EligibilityReason.UnknownUser);
        return eligibility.Reason == EligibilityReason.Express
            ? MessageFactory.Text(text)
            : WithSuggestions(MessageFactory.Text(text), Commands.Agent, Commands.Hours);
    }

    public static Activity WithSuggestions(Activity activity, params string[] actions)
    {
        ArgumentNullException.ThrowIfNull(activity);
        activity.SuggestedActions = new SuggestedActions
        {
            Actions = [.. actions.Select(action => new CardAction(ActionTypes.ImBack, ReplyTitles.Of(action), value: action))],
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

    private static ChargeView ToView(Charge charge) => new(ChargeLabel(charge), charge.Amount, charge.TaxableBase, charge.TaxRate);

    /// <summary>
    /// A charge's label in the customer's language: the ordering service labels charges in English ("Sales tax (CA
    /// 7.25%)"); for another language the kind is worded here and the service's detail in parentheses (the state and
    /// rate, the shipping method) is kept as it is.
    /// </summary>
    private static string ChargeLabel(Charge charge)
    {
        if (!TextResources.IsSpanish)
        {
            return charge.Label;
        }

        var open = charge.Label.IndexOf('(', StringComparison.Ordinal);
        var detail = open >= 0 && charge.Label.EndsWith(')') ? charge.Label[(open + 1)..^1] : null;
        var key = "Charge." + charge.Kind;
        return detail is null ? Texts.TryGet(key) ?? charge.Label : Texts.TryGet(key + ".Detail") is { } format ? string.Format(TextResources.Culture, format, detail) : charge.Label;
    }

    private static AddressView ToView(Address address) =>
        new(address.Name, address.Street, address.City, address.State, address.PostalCode, address.Country);

    private static PlanView ToPlanView(Product plan) =>
        new(plan.Sku, plan.Name, plan.Description, plan.Price, [.. plan.Features.Select(f => new PlanFeatureView(f.Name, f.Included, f.Value))]);

    private static CatalogItemView ToView(Product product) => new(product.Sku, product.Name, product.Description, product.Price);

    private static TextResources Texts => DialogTexts.Texts;

    /// <summary>
    /// A page the chat links to (the card page, the terms), opened in the conversation's language: a Spanish
    /// conversation's links say <c>lang=es-US</c>; English links stay as the service gives them (its pages' default).
    /// </summary>
    private static Uri InPageLanguage(Uri url) =>
        TextResources.IsSpanish ? Ordering.Resources.PageLanguage.WithLanguage(url, SalesLanguage.Spanish) : url;

    /// <summary>Whether a text in <paramref name="language"/> is in the language this turn's texts are shown in (Spanish, or the neutral English).</summary>
    private static bool SameLanguage(string language) =>
        CultureInfo.GetCultureInfo(language).TwoLetterISOLanguageName == (TextResources.IsSpanish ? "es" : "en");

    // The languages a legal text can be held in that the notice can name; the service holds English today.
    private static string LanguageKey(string language) =>
        CultureInfo.GetCultureInfo(language).TwoLetterISOLanguageName == "es" ? "Spanish" : "English";

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
