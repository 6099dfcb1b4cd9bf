using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;

namespace My8x8.SalesBot.Dialogs.Sales;

public sealed class QuoteState
{
    public string? QuoteId { get; set; }

    public decimal Total { get; set; }

    public string? CartId { get; set; }

    public int CartVersion { get; set; }
}

/// <summary>
/// What the customer decided on the quote: continue with it, or go back to the cart (null quote id). The cart and its
/// version travel with the quote: checkout places exactly the cart that was priced, and finds it again after a failure.
/// </summary>
public sealed record QuoteDecision(string? QuoteId, decimal? Total = null, string? CartId = null, int CartVersion = 0);

/// <summary>Calculates shipping and taxes and shows the amounts; the customer continues or changes the cart.</summary>
public sealed class QuoteDialog : WaterfallDialog<QuoteState>
{
    private readonly TurnOrdering _turn;
    private readonly SalesMessages _messages;
    private readonly RepeatedFailures _failures;

    public QuoteDialog(TurnOrdering turn, SalesMessages messages, RepeatedFailures failures)
        : base(nameof(QuoteDialog))
    {
        _turn = turn;
        _failures = failures;
        _messages = messages;
        AddStep(ShowStepAsync);
        AddStep(DecideStepAsync);
    }

    private async Task<DialogTurnResult> ShowStepAsync(WaterfallStepContext<QuoteState> step, CancellationToken cancellationToken)
    {
        var userId = SalesFlowDialog.UserIdOf(step.Context);
        var cardId = step.GetOptions<string>();
        var cart = await _turn.GetOpenCartAsync(step.Context, userId, cancellationToken);
        var quote = await _turn.QuoteAsync(step.Context, userId, cart.Id, cardId, cancellationToken);
        step.State.QuoteId = quote.Id;
        step.State.Total = quote.Total;
        step.State.CartId = quote.CartId;
        step.State.CartVersion = quote.CartVersion;
        return await step.PromptAsync(SalesDialog.ChoicePromptId, new PromptOptions
        {
            Prompt = await _messages.QuoteAsync(step.Context, quote, cancellationToken),
            RetryPrompt = Microsoft.Bot.Builder.MessageFactory.Text(SalesTexts.QuotePrompt),
            Choices =
            [
                new Choice(Commands.Continue, ["yes", "ok", "okay", "next", "proceed", "looks good", "continue to terms", "terms", "si", "continuar", "seguir", "siguiente", "adelante", "vale", "esta bien", "terminos"]),
                new Choice(Commands.ChangeCart, ["change", "edit", "modify", "back", "change my cart", "edit cart", "cambiar", "cambiar carrito", "cambiar el carrito", "volver", "editar"]),
            ],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> DecideStepAsync(WaterfallStepContext<QuoteState> step, CancellationToken cancellationToken) => step.Result switch
    {
        PromptAttemptsExhausted => await _failures.OfferAgentAndAskAgainAsync(step, HandoffReason.RepeatedFailures, "quote", cancellationToken),
        FoundChoice { Index: 0 } => await step.EndDialogAsync(new QuoteDecision(step.State.QuoteId, step.State.Total, step.State.CartId, step.State.CartVersion), cancellationToken),
        _ => await step.EndDialogAsync(new QuoteDecision(null), cancellationToken),
    };
}
