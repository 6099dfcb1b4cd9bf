using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>How a shopping round starts: what to say first, what to show, or a request to act on straight away.</summary>
public sealed record ShoppingOptions(
    string? Intro = null,
    bool ShowCatalog = false,
    bool ShowCart = false,
    int Failures = 0,
    IReadOnlyList<PendingChoice>? Pending = null,
    string? Request = null);

/// <summary>A product mention that matched several catalog items, waiting for the customer to pick one.</summary>
public sealed record PendingChoice(CartIntent Intent, int? Quantity, string Mention, IReadOnlyList<string> Skus);

public sealed class ShoppingState
{
    public int Failures { get; set; }

    /// <summary>Said before the answer to a request acted on at once (the greeting of a first message).</summary>
    public string? Intro { get; set; }

    public List<PendingChoice> Pending { get; set; } = [];
}

/// <summary>
/// Choosing products: browse, add, change and remove in plain words or from the catalog card, until the customer
/// checks out with a cart the ordering service would accept. Ends with <see cref="Checkout"/>.
/// </summary>
public sealed class ShoppingDialog : WaterfallDialog<ShoppingState>
{
    public const string Checkout = "checkout";
    private const int MaxFailures = 3;
    private readonly TurnOrdering _ordering;
    private readonly CatalogCache _catalog;
    private readonly SalesMessages _messages;
    private readonly IHandoffService _handoff;
    private readonly SubmitTickets _tickets;

    public ShoppingDialog(TurnOrdering ordering, CatalogCache catalog, SalesMessages messages, IHandoffService handoff, SubmitTickets tickets)
        : base(nameof(ShoppingDialog))
    {
        _tickets = tickets;
        _ordering = ordering;
        _catalog = catalog;
        _messages = messages;
        _handoff = handoff;
        AddStep(PromptStepAsync);
        AddStep(InterpretStepAsync);
    }

    private async Task<DialogTurnResult> PromptStepAsync(WaterfallStepContext<ShoppingState> step, CancellationToken cancellationToken)
    {
        var options = step.GetOptions<ShoppingOptions>() ?? new ShoppingOptions();
        step.State.Failures = options.Failures;
        if (options.Request is { } request)
        {
            step.State.Intro = options.Intro;
            return await step.NextAsync(request, cancellationToken);
        }

        if (options.Pending is { Count: > 0 } pending)
        {
            step.State.Pending = [.. pending];
            return await AskWhichAsync(step, options.Intro, pending[0], cancellationToken);
        }

        var userId = SalesFlowDialog.UserIdOf(step.Context);
        var cart = options.ShowCart ? await _ordering.GetOpenCartAsync(step.Context, userId, cancellationToken) : null;
        var prompt = await _messages.ShoppingPromptAsync(step.Context, options.Intro, options.ShowCatalog, cart, cancellationToken);
        return await step.PromptAsync(SalesDialog.TextPromptId, new PromptOptions { Prompt = prompt }, cancellationToken);
    }

    private async Task<DialogTurnResult> InterpretStepAsync(WaterfallStepContext<ShoppingState> step, CancellationToken cancellationToken)
    {
        if (step.State.Pending.Count > 0)
        {
            return await ResolveChoiceAsync(step, cancellationToken);
        }

        var text = step.Result as string;
        var userId = SalesFlowDialog.UserIdOf(step.Context);
        var snapshot = await _catalog.GetAsync(cancellationToken);
        var request = snapshot.Parser.Parse(text);

        switch (request.Intent)
        {
            case CartIntent.Checkout:
                return await CheckoutAsync(step, userId, cancellationToken);
            case CartIntent.ShowCatalog:
                return await LoopAsync(step, new ShoppingOptions(ShowCatalog: true), cancellationToken);
            case CartIntent.Upgrade:
                await step.Context.SendActivityAsync(MessageFactory.Text(SalesTexts.UpgradeNotSelfService), cancellationToken);
                await _handoff.RequestAsync(step.Context, new HandoffRequest(HandoffReason.UpgradeRequest, userId, text ?? "upgrade"), cancellationToken);
                return await LoopAsync(step, new ShoppingOptions(Intro: "Meanwhile, I can still add new lines and phones."), cancellationToken);
            case CartIntent.Empty:
            {
                var cart = await _ordering.GetOpenCartAsync(step.Context, userId, cancellationToken);
                await _ordering.EmptyCartAsync(step.Context, userId, cart.Id, cancellationToken);
                return await LoopAsync(step, new ShoppingOptions(Intro: SalesTexts.CartEmptied), cancellationToken);
            }

            case CartIntent.None:
                return await NotUnderstoodAsync(step, userId, cancellationToken);
        }

        var notes = new StringBuilder(step.State.Intro is { } intro ? intro + "\n\n" : "");
        foreach (var item in request.Items.Where(item => !item.IsAmbiguous))
        {
            await ApplyAsync(step.Context, userId, request.Intent, item.Candidates[0], item.Quantity, notes, cancellationToken);
        }

        // Anything that fits several products is asked back, one at a time; nothing is guessed.
        var pending = request.Items
            .Where(item => item.IsAmbiguous)
            .Select(item => new PendingChoice(request.Intent, item.Quantity, item.Mention, [.. item.Candidates.Select(p => p.Sku)]))
            .ToList();
        return await LoopAsync(step, new ShoppingOptions(Intro: notes.ToString().Trim(), ShowCart: pending.Count == 0, Pending: pending), cancellationToken);
    }

    private async Task<DialogTurnResult> AskWhichAsync(WaterfallStepContext<ShoppingState> step, string? intro, PendingChoice pending, CancellationToken cancellationToken)
    {
        await _tickets.IssueAsync(step.Context, SalesSteps.ShopChoice, cancellationToken);
        var snapshot = await _catalog.GetAsync(cancellationToken);
        var candidates = pending.Skus.Select(snapshot.Find).OfType<Product>().ToList();
        var question = $"Which one did you mean by \"{pending.Mention}\"? " +
            string.Join(", ", candidates.Select((p, i) => $"{i + 1}. {p.Name} ({Money.Usd(p.Price)}{(p.Kind == ProductKind.Line ? "/mo" : "")})")) + ".";
        return await step.PromptAsync(SalesDialog.ChoicePromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text(string.IsNullOrWhiteSpace(intro) ? question : $"{intro}\n\n{question}"),
            RetryPrompt = MessageFactory.Text($"Please pick one by name or number, for example \"the first one\" or \"{candidates[0].Name}\". {question}"),
            Choices = [.. candidates.Select(p => new Choice(p.Name, [p.Sku, .. p.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)]))],
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> ResolveChoiceAsync(WaterfallStepContext<ShoppingState> step, CancellationToken cancellationToken)
    {
        var pending = step.State.Pending[0];
        var remaining = step.State.Pending.Skip(1).ToList();
        var notes = new StringBuilder();
        if (step.Result is FoundChoice choice && choice.Index < pending.Skus.Count
            && (await _catalog.GetAsync(cancellationToken)).Find(pending.Skus[choice.Index]) is { } product)
        {
            await ApplyAsync(step.Context, SalesFlowDialog.UserIdOf(step.Context), pending.Intent, product, pending.Quantity, notes, cancellationToken);
        }
        else
        {
            notes.Append(CultureInfo.InvariantCulture, $"I left \"{pending.Mention}\" out of your cart. ");
        }

        return await LoopAsync(step, new ShoppingOptions(Intro: notes.ToString().Trim(), ShowCart: remaining.Count == 0, Pending: remaining), cancellationToken);
    }

    private async Task ApplyAsync(ITurnContext turnContext, string userId, CartIntent intent, Product product, int? quantity, StringBuilder notes, CancellationToken cancellationToken)
    {
        var cart = await _ordering.GetOpenCartAsync(turnContext, userId, cancellationToken);
        try
        {
            switch (intent)
            {
                case CartIntent.Remove when quantity is null || cart.Items.FirstOrDefault(i => i.Sku == product.Sku)?.Quantity <= quantity:
                    await _ordering.RemoveFromCartAsync(turnContext, userId, cart.Id, product.Sku, cancellationToken);
                    notes.Append(CultureInfo.InvariantCulture, $"Removed {product.Name}. ");
                    break;
                case CartIntent.Remove:
                {
                    var remaining = cart.Items.First(i => i.Sku == product.Sku).Quantity - quantity!.Value;
                    await _ordering.SetQuantityAsync(turnContext, userId, cart.Id, product.Sku, remaining, cancellationToken);
                    notes.Append(CultureInfo.InvariantCulture, $"Removed {quantity} {product.Name}; {remaining} left. ");
                    break;
                }

                case CartIntent.SetQuantity:
                    await _ordering.SetQuantityAsync(turnContext, userId, cart.Id, product.Sku, quantity ?? 1, cancellationToken);
                    notes.Append(CultureInfo.InvariantCulture, $"{product.Name}: now {quantity ?? 1}. ");
                    break;
                default:
                    await _ordering.AddToCartAsync(turnContext, userId, cart.Id, product.Sku, quantity ?? 1, cancellationToken);
                    notes.Append(CultureInfo.InvariantCulture, $"Added {quantity ?? 1} × {product.Name}. ");
                    break;
            }
        }
        catch (OrderingException refused) when (refused.Error is OrderingError.InvalidQuantity or OrderingError.ItemNotInCart or OrderingError.UnknownSku)
        {
            notes.Append(refused.Error switch
            {
                OrderingError.ItemNotInCart => $"{product.Name} isn't in your cart. ",
                OrderingError.InvalidQuantity => $"I can't use that quantity for {product.Name}: {refused.Message} ",
                _ => $"{refused.Message} ",
            });
        }
    }

    private async Task<DialogTurnResult> CheckoutAsync(WaterfallStepContext<ShoppingState> step, string userId, CancellationToken cancellationToken)
    {
        var cart = await _ordering.GetOpenCartAsync(step.Context, userId, cancellationToken);
        if (cart.IsEmpty)
        {
            return await LoopAsync(step, new ShoppingOptions(Intro: SalesTexts.EmptyCartCheckout), cancellationToken);
        }

        if (cart.Problems.Count > 0)
        {
            var reason = cart.Problems.Any(p => p.Code == CartProblemCode.DevicesExceedAvailableLines) && cart.Problems.Count == 1
                ? "Before checkout, one thing needs fixing."
                : "Before checkout, your cart needs to fit the self-service limits.";
            return await LoopAsync(step, new ShoppingOptions(Intro: reason, ShowCart: true), cancellationToken);
        }

        return await step.EndDialogAsync(Checkout, cancellationToken);
    }

    private async Task<DialogTurnResult> NotUnderstoodAsync(WaterfallStepContext<ShoppingState> step, string userId, CancellationToken cancellationToken)
    {
        var failures = step.State.Failures + 1;
        if (failures >= MaxFailures)
        {
            await _handoff.RequestAsync(step.Context, new HandoffRequest(HandoffReason.RepeatedFailures, userId, "Could not understand the customer's cart requests."), cancellationToken);
            return await LoopAsync(step, new ShoppingOptions(Intro: SalesTexts.TooManyFailures), cancellationToken);
        }

        return await LoopAsync(step, new ShoppingOptions(Intro: SalesTexts.NotUnderstood, Failures: failures), cancellationToken);
    }

    private Task<DialogTurnResult> LoopAsync(WaterfallStepContext<ShoppingState> step, ShoppingOptions options, CancellationToken cancellationToken)
        => step.ReplaceDialogAsync(Id, options, cancellationToken);
}
