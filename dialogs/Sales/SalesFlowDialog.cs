using System.Security.Cryptography;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Logging;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// The ordering procedure from "hi" to an order number: identify → eligibility → products → payment card →
/// shipping (only with equipment) → shipping and taxes → terms → Agree &amp; Buy → confirmation.
/// </summary>
public sealed class SalesFlowDialog : WaterfallDialog<SalesFlowState>
{
    private readonly IOrderingService _ordering;
    private readonly TurnOrdering _turn;
    private readonly SalesMessages _messages;
    private readonly SubmitTickets _tickets;
    private readonly CatalogCache _catalog;
    private readonly ILogger<SalesFlowDialog> _logger;

    public SalesFlowDialog(IOrderingService ordering, TurnOrdering turn, SalesMessages messages, SubmitTickets tickets, CatalogCache catalog, ILogger<SalesFlowDialog> logger)
        : base(nameof(SalesFlowDialog))
    {
        _turn = turn;
        _catalog = catalog;
        _ordering = ordering;
        _messages = messages;
        _tickets = tickets;
        _logger = logger;
        AddStep(IdentifyStepAsync);
        AddStep(PaymentStepAsync);
        AddStep(ShippingStepAsync);
        AddStep(QuoteStepAsync);
        AddStep(TermsStepAsync);
        AddStep(PlaceOrderStepAsync);
    }

    /// <summary>The customer of this turn; the flow only runs for a known, eligible customer.</summary>
    public static string UserIdOf(ITurnContext turnContext) =>
        CustomerIdentity.Of(turnContext).UserId ?? throw new InvalidOperationException("The sales flow runs only for an identified customer.");

    private async Task<DialogTurnResult> IdentifyStepAsync(WaterfallStepContext<SalesFlowState> step, CancellationToken cancellationToken)
    {
        var options = step.GetOptions<SalesFlowOptions>() ?? new SalesFlowOptions();
        var identity = CustomerIdentity.Of(step.Context);
        var userId = identity.UserId;
        var unknown = identity.Source == "teams" ? SalesTexts.UnknownTeamsUser : SalesTexts.UnknownUser;
        if (userId is null)
        {
            await step.Context.SendActivityAsync(SalesMessages.WithSuggestions(MessageFactory.Text(unknown), Commands.Agent, Commands.Hours), cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        var shared = ChannelCapabilities.IsShared(step.Context);
        var eligibility = await _turn.CheckEligibilityAsync(step.Context, userId, cancellationToken);
        if (!eligibility.IsEligible)
        {
            await step.Context.SendActivityAsync(
                eligibility.Reason == EligibilityReason.UnknownUser
                    ? SalesMessages.WithSuggestions(MessageFactory.Text(unknown), Commands.Agent, Commands.Hours)
                    : SalesMessages.NotEligible(eligibility, shared),
                cancellationToken);
            return await step.EndDialogAsync(null, cancellationToken);
        }

        step.State.UserId = userId;
        if (options.BackToCart)
        {
            return await step.BeginDialogAsync(nameof(ShoppingDialog), new ShoppingOptions(Intro: options.Intro, ShowCart: true), cancellationToken);
        }

        if (options.CheckoutWithNewCard)
        {
            // Asked for a new card after the payment step: checkout starts again there, on the secure card page.
            step.State.AddNewCard = true;
            return await step.NextAsync(ShoppingDialog.Checkout, cancellationToken);
        }

        var user = await _ordering.GetUserAsync(userId, cancellationToken);
        var cart = await _turn.GetOpenCartAsync(step.Context, userId, cancellationToken);
        await _tickets.TrackCartAsync(step.Context, cart, cancellationToken);
        var greeting = SalesMessages.Greeting(user!, eligibility.Facts!, resumed: !cart.IsEmpty, shared);
        // The first message is acted on whatever it asks ("@My 8x8 Sales add 2 X4 lines", "checkout", "add a card"),
        // not answered with the greeting alone; only a greeting, or words the shopping step cannot read, just greet.
        var request = step.Context.Activity.Type == ActivityTypes.Message && !options.Restarted ? step.Context.Activity.Text : null;
        if (request is not null && await _catalog.IsShoppingRequestAsync(request, cancellationToken))
        {
            return await step.BeginDialogAsync(nameof(ShoppingDialog), new ShoppingOptions(Intro: greeting, Request: request), cancellationToken);
        }

        return await step.BeginDialogAsync(
            nameof(ShoppingDialog),
            new ShoppingOptions(Intro: greeting, ShowCatalog: cart.IsEmpty && !options.ShowCart, ShowCart: !cart.IsEmpty || options.ShowCart),
            cancellationToken);
    }

    private async Task<DialogTurnResult> PaymentStepAsync(WaterfallStepContext<SalesFlowState> step, CancellationToken cancellationToken)
        => step.Result as string == ShoppingDialog.Checkout
            ? await step.BeginDialogAsync(nameof(PaymentCardDialog), new PaymentOptions(AddNew: step.State.AddNewCard), cancellationToken)
            : await step.EndDialogAsync(null, cancellationToken);

    private async Task<DialogTurnResult> ShippingStepAsync(WaterfallStepContext<SalesFlowState> step, CancellationToken cancellationToken)
    {
        if (step.Result is not string cardId)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        step.State.CardId = cardId;
        var cart = await _turn.GetOpenCartAsync(step.Context, step.State.UserId!, cancellationToken);
        return cart.NeedsShipping
            ? await step.BeginDialogAsync(nameof(ShippingDialog), null, cancellationToken)
            : await step.NextAsync(null, cancellationToken);
    }

    private async Task<DialogTurnResult> QuoteStepAsync(WaterfallStepContext<SalesFlowState> step, CancellationToken cancellationToken)
        => step.Result as string == ShippingDialog.ChangeCart
            ? await step.ReplaceDialogAsync(Id, new SalesFlowOptions(BackToCart: true, Intro: SalesTexts.WhatWouldYouLikeToChange), cancellationToken)
            : await step.BeginDialogAsync(nameof(QuoteDialog), step.State.CardId, cancellationToken);

    private async Task<DialogTurnResult> TermsStepAsync(WaterfallStepContext<SalesFlowState> step, CancellationToken cancellationToken)
    {
        if (step.Result is not QuoteDecision { QuoteId: { } quoteId } decision)
        {
            return await step.ReplaceDialogAsync(Id, new SalesFlowOptions(BackToCart: true, Intro: SalesTexts.WhatWouldYouLikeToChange), cancellationToken);
        }

        step.State.QuoteId = quoteId;
        if (decision.CartId is { } cartId)
        {
            step.State.CartId = cartId;
            step.State.IdempotencyKey = IdempotencyKey(step.Context, cartId, decision.CartVersion, quoteId);
        }

        return await step.BeginDialogAsync(nameof(TermsDialog), decision.Total, cancellationToken);
    }

    private async Task<DialogTurnResult> PlaceOrderStepAsync(WaterfallStepContext<SalesFlowState> step, CancellationToken cancellationToken)
    {
        if (step.Result is not TermsAgreement agreement)
        {
            return await step.ReplaceDialogAsync(Id, new SalesFlowOptions(BackToCart: true, Intro: SalesTexts.NothingOrderedWhatToChange), cancellationToken);
        }

        var userId = step.State.UserId!;
        // The cart that was priced, remembered with the quote; a conversation saved before carts were remembered
        // falls back to the open cart, as it always did.
        string cartId, key;
        if (step.State is { CartId: { } pricedCart, IdempotencyKey: { } rememberedKey })
        {
            (cartId, key) = (pricedCart, rememberedKey);
        }
        else
        {
            var open = await _turn.GetOpenCartAsync(step.Context, userId, cancellationToken);
            (cartId, key) = (open.Id, IdempotencyKey(step.Context, open.Id, open.Version, step.State.QuoteId!));
        }

        var request = new PlaceOrderRequest(userId, cartId, step.State.QuoteId!, step.State.CardId, agreement.Version, agreement.AcceptedAt);
        Order? order = null;
        OrderingException? refusal = null;
        try
        {
            order = await _turn.PlaceOrderAsync(step.Context, request, key, cancellationToken);
            _logger.LogInformation("Order {OrderNumber} placed for {UserId} in conversation {ConversationId}", order.Number, userId, step.Context.Activity.Conversation?.Id);
        }
        catch (OrderingException refused) when (refused.Error is not OrderingError.ServiceUnavailable)
        {
            // An unavailable service is not a refusal (the order may have gone through): that failure goes to the
            // turn's error handler, and the customer's next "I agree" finds the order by its key and cart.
            refusal = refused;
        }

        if (refusal is not null && refusal.Details.TryGetValue("orderNumber", out var number)
            && await _turn.GetOrderOfCartAsync(userId, cartId, number, cancellationToken) is { } placed)
        {
            // This cart was already ordered: an earlier attempt got through but its answer never reached the
            // customer (a reply the channel refused, a host that stopped before saving). Confirm that order.
            _logger.LogInformation("Order {OrderNumber} of {UserId} was already placed from cart {CartId}; confirming it again", placed.Number, userId, cartId);
            order = placed;
        }
        else if (refusal is not null)
        {
            // A refusal writes nothing, so "nothing was charged" is true here.
            _logger.LogWarning("Order refused for {UserId}: {OrderingError}", userId, refusal.Error);
            var intro = refusal.Error is OrderingError.QuoteExpired or OrderingError.QuoteStale or OrderingError.TermsVersionMismatch
                ? SalesTexts.PricesOrTermsChanged
                : $"{SalesTexts.OrderFailedGeneric} ({RefusalTexts.Explain(refusal)})";
            return await step.ReplaceDialogAsync(Id, new SalesFlowOptions(BackToCart: true, Intro: intro), cancellationToken);
        }

        return await ConfirmAsync(step.DialogContext, order!, cancellationToken);
    }

    /// <summary>
    /// Tells the customer their order is placed and ends the checkout. The confirmation is also sent when a turn finds
    /// an order the conversation never confirmed; the effect is real, so a turn whose state then cannot be saved still
    /// says so.
    /// </summary>
    private async Task<DialogTurnResult> ConfirmAsync(DialogContext dc, Order order, CancellationToken cancellationToken)
    {
        await SendConfirmationAsync(dc.Context, order, cancellationToken);
        return await dc.EndDialogAsync(order.Number, cancellationToken);
    }

    internal async Task SendConfirmationAsync(ITurnContext turnContext, Order order, CancellationToken cancellationToken)
    {
        TurnEffects.Record(turnContext);
        await turnContext.SendActivityAsync(await _messages.ConfirmationAsync(turnContext, order, cancellationToken), cancellationToken);
        await _tickets.ForgetCartAsync(turnContext, cancellationToken);
    }

    /// <summary>
    /// One key per conversation, cart contents and quote: a double click, a channel retry or an old card all
    /// produce the same key, so the ordering service returns the order already placed instead of a second one.
    /// </summary>
    internal static string IdempotencyKey(ITurnContext turnContext, string cartId, int cartVersion, string quoteId)
    {
        var material = $"{turnContext.Activity.ChannelId}|{turnContext.Activity.Conversation?.Id}|{cartId}|{cartVersion}|{quoteId}";
        return "salesbot-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..32];
    }
}
