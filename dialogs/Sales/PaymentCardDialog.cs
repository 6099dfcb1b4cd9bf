using Microsoft.Bot.Builder;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// How the payment step starts: choosing a card on file, or waiting for one added on the secure page; at checkout,
/// or <see cref="Standalone"/> when the customer asked to add a card while shopping (it then goes back to the cart).
/// </summary>
public sealed record PaymentOptions(bool AddNew = false, DateTimeOffset? WaitingSince = null, int Failures = 0, bool Standalone = false, bool OfferedAgent = false);

/// <summary>How a card added while shopping ended: the card (null if none was added) and any request to act on next.</summary>
public sealed record CardAddedWhileShopping(string? CardId, string? Request);

public sealed class PaymentState
{
    public DateTimeOffset? WaitingSince { get; set; }

    public int Failures { get; set; }

    public List<string> CardIds { get; set; } = [];

    public bool Standalone { get; set; }
}

/// <summary>
/// The payment card: a valid card on file (chosen by brand and last four when there are several), or a new one
/// added through the hosted card page — card numbers never pass through the chat. Ends with the card id, or null
/// when the customer could not add one and was offered help.
/// </summary>
public sealed class PaymentCardDialog : WaterfallDialog<PaymentState>
{
    internal const string CardAddedText = "done";
    private const int MaxWaits = 3;
    private readonly IOrderingService _ordering;
    private readonly SalesMessages _messages;
    private readonly RepeatedFailures _failures;
    private readonly CatalogCache _catalog;
    private readonly TimeProvider _clock;

    public PaymentCardDialog(IOrderingService ordering, SalesMessages messages, RepeatedFailures failures, CatalogCache catalog, TimeProvider clock)
        : base(nameof(PaymentCardDialog))
    {
        _ordering = ordering;
        _messages = messages;
        _failures = failures;
        _catalog = catalog;
        _clock = clock;
        AddStep(ChooseStepAsync);
        AddStep(ChosenStepAsync);
    }

    private async Task<DialogTurnResult> ChooseStepAsync(WaterfallStepContext<PaymentState> step, CancellationToken cancellationToken)
    {
        var options = step.GetOptions<PaymentOptions>() ?? new PaymentOptions();
        var userId = SalesFlowDialog.UserIdOf(step.Context);
        step.State.Failures = options.Failures;
        step.State.Standalone = options.Standalone;
        if (options.WaitingSince is { } since)
        {
            step.State.WaitingSince = since;
            var notYet = options.OfferedAgent ? SalesTexts.CardStillMissingOffer
                : _messages.ContinuesByItself(step.Context) ? SalesTexts.CardNotSeenYetContinues
                : SalesTexts.CardNotSeenYet;
            return await step.PromptAsync(SalesDialog.TextPromptId, new PromptOptions { Prompt = MessageFactory.Text(notYet) }, cancellationToken);
        }

        var cards = await _ordering.GetCardsAsync(userId, cancellationToken);
        var valid = cards.Where(card => card.IsValid).ToList();
        if (options.AddNew || valid.Count == 0)
        {
            var link = await _ordering.CreateCardSetupLinkAsync(userId, ConversationHint(step.Context), cancellationToken);
            step.State.WaitingSince = _clock.GetUtcNow();
            var expiredOnly = valid.Count == 0 && cards.Count > 0;
            var prompt = await _messages.AddCardAsync(step.Context, link, expiredOnly, cancellationToken);
            return await step.PromptAsync(SalesDialog.TextPromptId, new PromptOptions { Prompt = prompt }, cancellationToken);
        }

        step.State.CardIds = [.. valid.Select(card => card.Id)];
        var choices = valid.Select(card => new Choice(SalesMessages.CardLabel(card), [card.Id, card.Last4, card.Brand, $"{card.Brand} {card.Last4}"])).ToList();
        if (valid.Count == 1)
        {
            // "Use it" / "yes" answer "use your card on file?" when there is only one.
            choices[0] = choices[0] with { Synonyms = [.. choices[0].Synonyms!, "use it", "yes", "use this card", "this card", "that one", "ok", "sure", "si", "usar esta", "usarla", "usala", "usar esa tarjeta", "esta tarjeta", "esa tarjeta", "esa", "claro", "vale"] };
        }

        choices.Add(new Choice(Commands.AddACard, ["add a new card", "new card", "add card", "another card", "different card", "new", "nueva tarjeta", "otra tarjeta", "agregar tarjeta", "tarjeta nueva"]));
        return await step.PromptAsync(SalesDialog.ChoicePromptId, new PromptOptions
        {
            Prompt = await _messages.CardOnFileAsync(step.Context, valid, cancellationToken),
            RetryPrompt = MessageFactory.Text(SalesTexts.CardChoiceRetry),
            Choices = choices,
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> ChosenStepAsync(WaterfallStepContext<PaymentState> step, CancellationToken cancellationToken)
    {
        var userId = SalesFlowDialog.UserIdOf(step.Context);
        if (step.Result is PromptAttemptsExhausted)
        {
            return await _failures.OfferAgentAndAskAgainAsync(step, HandoffReason.PaymentProblem, "payment card", cancellationToken);
        }

        if (step.Result is FoundChoice choice)
        {
            return choice.Index < step.State.CardIds.Count
                ? await EndAsync(step, step.State.CardIds[choice.Index], null, cancellationToken)
                : await step.ReplaceDialogAsync(Id, new PaymentOptions(AddNew: true, Standalone: step.State.Standalone), cancellationToken);
        }

        // Waiting for a card added on the secure page: "done", or the page's own notification.
        var since = step.State.WaitingSince ?? _clock.GetUtcNow();
        var added = (await _ordering.GetCardsAsync(userId, cancellationToken))
            .Where(card => card.IsValid && card.AddedAt >= since.AddMinutes(-1))
            .OrderByDescending(card => card.AddedAt)
            .FirstOrDefault();
        if (added is not null)
        {
            await step.Context.SendActivityAsync(
                MessageFactory.Text(SalesTexts.CardAdded(SalesMessages.CardLabel(added))), cancellationToken);
            return await EndAsync(step, added.Id, null, cancellationToken);
        }

        // Added while shopping, the customer may simply go on shopping: the request goes back to the cart.
        if (step.State.Standalone && step.Result is string text
            && (await _catalog.GetAsync(cancellationToken)).Parser.Parse(text).Intent is CartIntent.Add or CartIntent.SetQuantity or CartIntent.Remove or CartIntent.ShowCatalog or CartIntent.Empty)
        {
            return await EndAsync(step, null, text, cancellationToken);
        }

        var failures = step.State.Failures + 1;
        if (failures >= MaxWaits)
        {
            // Offered, not started: the customer decides, and the page stays open for the card meanwhile.
            await _failures.OfferAgentAsync(step.Context, HandoffReason.PaymentProblem, "No card was added on the secure card page.", acceptsYes: true, cancellationToken);
            return await step.ReplaceDialogAsync(Id, new PaymentOptions(WaitingSince: since, Standalone: step.State.Standalone, OfferedAgent: true), cancellationToken);
        }

        return await step.ReplaceDialogAsync(Id, new PaymentOptions(WaitingSince: since, Failures: failures, Standalone: step.State.Standalone), cancellationToken);
    }

    /// <summary>At checkout the result is the card id; while shopping, what the shopping step needs to go on.</summary>
    private static async Task<DialogTurnResult> EndAsync(WaterfallStepContext<PaymentState> step, string? cardId, string? request, CancellationToken cancellationToken) =>
        step.State.Standalone
            ? await step.EndDialogAsync(new CardAddedWhileShopping(cardId, request), cancellationToken)
            : await step.EndDialogAsync(cardId, cancellationToken);

    /// <summary>
    /// Lets the card page's notification find this conversation again: the conversation reference (ids and the
    /// channel's service URL, nothing secret) travels with the one-time link and comes back when the card is added.
    /// </summary>
    internal static string ConversationHint(ITurnContext turnContext) =>
        Newtonsoft.Json.JsonConvert.SerializeObject(turnContext.Activity.GetConversationReference());
}
