using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

public sealed class ShippingState
{
    public List<string> Codes { get; set; } = [];
}

/// <summary>Shipping, only when the order has equipment: the ship-to address on file and a method with price and estimate.</summary>
public sealed class ShippingDialog : WaterfallDialog<ShippingState>
{
    private readonly IOrderingService _ordering;
    private readonly TurnOrdering _turn;
    private readonly SalesMessages _messages;
    private readonly RepeatedFailures _failures;

    /// <summary>The result when the customer goes back to the cart instead of choosing a method.</summary>
    public const string ChangeCart = "change-cart";

    public ShippingDialog(IOrderingService ordering, TurnOrdering turn, SalesMessages messages, RepeatedFailures failures)
        : base(nameof(ShippingDialog))
    {
        _turn = turn;
        _failures = failures;
        _ordering = ordering;
        _messages = messages;
        AddStep(ChooseStepAsync);
        AddStep(ChosenStepAsync);
    }

    private async Task<DialogTurnResult> ChooseStepAsync(WaterfallStepContext<ShippingState> step, CancellationToken cancellationToken)
    {
        var userId = SalesFlowDialog.UserIdOf(step.Context);
        var methods = await _ordering.GetShippingMethodsAsync(cancellationToken);
        var address = await _ordering.GetShipToAddressAsync(userId, cancellationToken);
        step.State.Codes = [.. methods.Select(m => m.Code)];
        return await step.PromptAsync(SalesDialog.ChoicePromptId, new PromptOptions
        {
            Prompt = await _messages.ShippingAsync(step.Context, methods, address, cancellationToken),
            RetryPrompt = Microsoft.Bot.Builder.MessageFactory.Text(SalesTexts.ChooseShippingRetry([.. methods.Select(m => m.Name)])),
            // The card's Change cart button (and typing it) goes back to the cart, as on the quote.
            Choices =
            [
                .. methods.Select(m => new Choice(SalesMessages.ShippingLabel(m), [m.Code, m.Name, m.Code.Replace('-', ' '), .. SpanishNames(m.Code)])),
                new Choice(Commands.ChangeCart, ["change", "edit", "back", "change my cart", "edit cart", "cambiar", "cambiar carrito", "cambiar el carrito", "volver", "editar"]),
            ],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> ChosenStepAsync(WaterfallStepContext<ShippingState> step, CancellationToken cancellationToken)
    {
        if (step.Result is PromptAttemptsExhausted)
        {
            return await _failures.OfferAgentAndAskAgainAsync(step, HandoffReason.RepeatedFailures, "shipping", cancellationToken);
        }

        if (step.Result is not FoundChoice choice || choice.Index > step.State.Codes.Count)
        {
            return await step.EndDialogAsync(null, cancellationToken);
        }

        if (choice.Index == step.State.Codes.Count)
        {
            return await step.EndDialogAsync(ChangeCart, cancellationToken);
        }

        var userId = SalesFlowDialog.UserIdOf(step.Context);
        var cart = await _turn.GetOpenCartAsync(step.Context, userId, cancellationToken);
        await _turn.SetShippingMethodAsync(step.Context, userId, cart.Id, step.State.Codes[choice.Index], cancellationToken);
        return await step.EndDialogAsync(step.State.Codes[choice.Index], cancellationToken);
    }

    // How Spanish-speaking customers name the catalog's shipping methods (accents folded, as the recognizer reads them).
    private static string[] SpanishNames(string code) => code switch
    {
        "ground" => ["terrestre", "envio terrestre", "estandar", "envio estandar", "normal"],
        "two-day" => ["dos dias", "2 dias", "en dos dias", "envio en dos dias"],
        "overnight" => ["al dia siguiente", "urgente", "express", "envio urgente", "de un dia para otro"],
        _ => [],
    };
}
