using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Dialogs.Understanding;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>How a shopping round starts: what to say first, what to show, or a request to act on straight away.</summary>
public sealed record ShoppingOptions(
    string? Intro = null,
    bool ShowCatalog = false,
    bool ShowCart = false,
    int Failures = 0,
    IReadOnlyList<PendingChoice>? Pending = null,
    string? Request = null,
    IReadOnlyList<string>? ComparePlans = null,
    string? RecommendedSku = null,
    PlanNeeds? Advice = null);

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
    private readonly RepeatedFailures _failures;
    private readonly SubmitTickets _tickets;
    private readonly IOptions<OrderingOptions> _limits;
    private readonly SalesUnderstanding _understanding;

    public ShoppingDialog(
        TurnOrdering ordering, CatalogCache catalog, SalesMessages messages, RepeatedFailures failures, SubmitTickets tickets, IOptions<OrderingOptions> limits, SalesUnderstanding understanding)
        : base(nameof(ShoppingDialog))
    {
        _understanding = understanding;
        _tickets = tickets;
        _ordering = ordering;
        _catalog = catalog;
        _messages = messages;
        _failures = failures;
        _limits = limits;
        AddStep(PromptStepAsync);
        AddStep(InterpretStepAsync);
        AddStep(AfterDetourStepAsync);
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
            // Asked again (the customer switched language): the lead-in ("Added 2 × X4 line.") was said already, in the
            // words the customer just left; only the question is asked again.
            return await AskWhichAsync(step, step.Reason == DialogReason.RepeatCalled ? null : options.Intro, pending[0], cancellationToken);
        }

        var userId = SalesFlowDialog.UserIdOf(step.Context);
        if (options.Advice is { } needs)
        {
            return await step.PromptAsync(SalesDialog.TextPromptId, new PromptOptions { Prompt = await _messages.RecommendationAsync(step.Context, options.Intro, needs, cancellationToken) }, cancellationToken);
        }

        if (options.ComparePlans is { Count: > 0 } plans)
        {
            return await step.PromptAsync(SalesDialog.TextPromptId, new PromptOptions
            {
                Prompt = await _messages.PlanComparisonAsync(step.Context, options.Intro, plans, options.RecommendedSku, cancellationToken),
            }, cancellationToken);
        }

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
        if (SubmitTickets.PlanOfferOf(step.Context) is { } offered && PlanOfferReader.TryRead(text, out var acceptance))
        {
            return await TakeUpPlansAsync(step, userId, offered, acceptance!, cancellationToken);
        }

        // Questions about plans are answered before the cart reads anything: "tell me about the X4 plan" changes nothing.
        var question = snapshot.Plans.Parse(text);
        switch (question.Kind)
        {
            case PlanQuestionKind.Describe or PlanQuestionKind.Compare:
            {
                var skus = question.Plans.Select(p => p.Sku).ToList();
                var recommended = SubmitTickets.PlanOfferOf(step.Context) is { Recommended: true, Skus: [var pick] } && skus.Contains(pick) ? pick : null;
                return await LoopAsync(step, new ShoppingOptions(Intro: step.State.Intro, ComparePlans: skus, RecommendedSku: recommended), cancellationToken);
            }

            case PlanQuestionKind.Advise:
                await SendIntroAsync(step, cancellationToken);
                return await step.BeginDialogAsync(nameof(PlanAdvisorDialog), new PlanAdvisorOptions(question.Needs, Intro: AdvisorIntro(snapshot.Products, question.Needs)), cancellationToken);
        }

        var request = snapshot.Parser.Parse(text);

        switch (request.Intent)
        {
            case CartIntent.Checkout:
                return await CheckoutAsync(step, userId, text, cancellationToken);
            case CartIntent.ShowCatalog:
                return await LoopAsync(step, new ShoppingOptions(Intro: step.State.Intro, ShowCatalog: true), cancellationToken);
            case CartIntent.AddCard:
                await SendIntroAsync(step, cancellationToken);
                return await step.BeginDialogAsync(nameof(PaymentCardDialog), new PaymentOptions(AddNew: true, Standalone: true), cancellationToken);
            case CartIntent.Upgrade:
                // Only a person can upgrade: offered, and started only when the customer says yes.
                await _failures.OfferAgentAsync(step.Context, HandoffReason.UpgradeRequest, text ?? "upgrade", acceptsYes: true, cancellationToken);
                return await LoopAsync(step, new ShoppingOptions(Intro: Join(step.State.Intro, SalesTexts.UpgradeNotSelfService)), cancellationToken);
            case CartIntent.Empty:
            {
                var cart = await _ordering.GetOpenCartAsync(step.Context, userId, cancellationToken);
                await _ordering.EmptyCartAsync(step.Context, userId, cart.Id, cancellationToken);
                return await LoopAsync(step, new ShoppingOptions(Intro: Join(step.State.Intro, SalesTexts.CartEmptied)), cancellationToken);
            }

            case CartIntent.None:
                return await NotUnderstoodAsync(step, cancellationToken);
        }

        // The cart decides before the catalog: "remove the phone" with one phone in the cart means that phone.
        var current = await _ordering.GetOpenCartAsync(step.Context, userId, cancellationToken);
        request = request.WithCart([.. current.Items.Select(item => item.Sku)]);
        var notes = new StringBuilder(step.State.Intro is { } intro ? intro + "\n\n" : "");
        foreach (var item in request.Items)
        {
            if (item.UnreadableQuantity is { } said)
            {
                notes.Append(Unreadable(said, item, request.Intent)).Append(' ');
            }
            else if (item.NoneInCart)
            {
                notes.Append(SalesTexts.NoneInCart(item.Mention)).Append(' ');
            }
            else if (!item.IsAmbiguous)
            {
                await ApplyAsync(step.Context, userId, request.Intent, item.Candidates[0], item.Quantity, notes, cancellationToken);
            }
        }

        // Anything that fits several products is asked back, one at a time; nothing is guessed.
        var pending = request.Items
            .Where(item => item.IsAmbiguous && item.UnreadableQuantity is null && !item.NoneInCart)
            .Select(item => new PendingChoice(request.Intent, item.Quantity, item.Mention, [.. item.Candidates.Select(p => p.Sku)]))
            .ToList();
        return await LoopAsync(step, new ShoppingOptions(Intro: notes.ToString().Trim(), ShowCart: pending.Count == 0, Pending: pending), cancellationToken);
    }

    /// <summary>
    /// Back from a detour while shopping: the advisor's questions (then its recommendation), or adding a card (the
    /// cart again, or the request the customer went on with).
    /// </summary>
    private async Task<DialogTurnResult> AfterDetourStepAsync(WaterfallStepContext<ShoppingState> step, CancellationToken cancellationToken) => step.Result switch
    {
        PlanAdviceDone done => await LoopAsync(step, new ShoppingOptions(Advice: done.Needs), cancellationToken),
        CardAddedWhileShopping { Request: { } request } => await LoopAsync(step, new ShoppingOptions(Request: request), cancellationToken),
        _ => await LoopAsync(step, new ShoppingOptions(ShowCart: true), cancellationToken),
    };

    /// <summary>
    /// "Yes", "add 4 of those": the plan just recommended or described goes into the cart through the same path as
    /// "add 4 X4 lines", limits and all; several plans just compared are asked back, one to pick.
    /// </summary>
    private async Task<DialogTurnResult> TakeUpPlansAsync(WaterfallStepContext<ShoppingState> step, string userId, PlanOffer offered, PlanAcceptance acceptance, CancellationToken cancellationToken)
    {
        var snapshot = await _catalog.GetAsync(cancellationToken);
        var plans = offered.Skus.Select(snapshot.Find).OfType<Product>().ToList();
        if (plans.Count == 0)
        {
            return await NotUnderstoodAsync(step, cancellationToken);
        }

        if (acceptance.UnreadableQuantity is { } said)
        {
            // Refused like "add 2.5 X4 lines", and the plans stay on offer for the number.
            await _tickets.OfferPlansAsync(step.Context, offered, cancellationToken);
            var name = plans.Count == 1 ? plans[0].Name : SalesTexts.ThosePlans;
            return await LoopAsync(step, new ShoppingOptions(Intro: SalesTexts.UnreadableQuantity(said, name, _limits.Value.MaxLinesPerOrder, SalesTexts.LinesUnit, adding: true)), cancellationToken);
        }

        var quantity = acceptance.Quantity ?? offered.Quantity;
        if (plans.Count > 1)
        {
            return await LoopAsync(step, new ShoppingOptions(Pending: [new PendingChoice(CartIntent.Add, quantity, "those", [.. plans.Select(p => p.Sku)])]), cancellationToken);
        }

        if (quantity is null)
        {
            await _tickets.OfferPlansAsync(step.Context, offered, cancellationToken);
            return await LoopAsync(step, new ShoppingOptions(Intro: SalesTexts.HowManyOf(plans[0].Name)), cancellationToken);
        }

        var notes = new StringBuilder();
        await ApplyAsync(step.Context, userId, CartIntent.Add, plans[0], quantity, notes, cancellationToken);
        return await LoopAsync(step, new ShoppingOptions(Intro: notes.ToString().Trim(), ShowCart: true), cancellationToken);
    }

    /// <summary>What the advisor says first: what the customer already said they need, or how the questions work.</summary>
    private static string AdvisorIntro(IReadOnlyList<Product> catalog, PlanNeeds needs)
    {
        var plans = PlanAdvisor.Plans(catalog);
        List<string> said = [.. needs.Required.Select(code => TextLists.InSentence(PlanAdvisor.FeatureName(plans, code)))];
        if (needs.People is { } people)
        {
            said.Add(string.Create(CultureInfo.InvariantCulture, $"{people} {(people == 1 ? "person" : "people")}"));
        }

        return said.Count == 0 ? SalesTexts.AdvisorIntro : SalesTexts.AdvisorNoted(TextLists.Joined(said));
    }

    /// <summary>A quantity said but not usable, refused with the range the order limits allow (never read as 1).</summary>
    private string Unreadable(string said, CartRequestItem item, CartIntent intent)
    {
        var lines = item.Candidates.All(p => p.Kind == ProductKind.Line);
        var max = lines ? _limits.Value.MaxLinesPerOrder : _limits.Value.MaxDevicesPerOrder;
        var product = item.IsAmbiguous ? item.Mention : item.Candidates[0].Name;
        return SalesTexts.UnreadableQuantity(said, product, max, lines ? SalesTexts.LinesUnit : SalesTexts.DevicesUnit, adding: intent == CartIntent.Add);
    }

    /// <summary>The greeting of a first message, sent on its own when the answer to the message is another step's prompt.</summary>
    private static async Task SendIntroAsync(WaterfallStepContext<ShoppingState> step, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(step.State.Intro))
        {
            await step.Context.SendActivityAsync(MessageFactory.Text(step.State.Intro), cancellationToken);
        }
    }

    private static string Join(string? first, string second) => string.IsNullOrWhiteSpace(first) ? second : $"{first}\n\n{second}";

    private async Task<DialogTurnResult> AskWhichAsync(WaterfallStepContext<ShoppingState> step, string? intro, PendingChoice pending, CancellationToken cancellationToken)
    {
        await _tickets.IssueAsync(step.Context, SalesSteps.ShopChoice, cancellationToken);
        var snapshot = await _catalog.GetAsync(cancellationToken);
        var candidates = pending.Skus.Select(snapshot.Find).OfType<Product>().ToList();
        var question = SalesTexts.WhichOneDidYouMean(pending.Mention, [.. candidates.Select(p => (p.Name, p.Price, p.Kind == ProductKind.Line))]);
        return await step.PromptAsync(SalesDialog.ChoicePromptId, new PromptOptions
        {
            Prompt = MessageFactory.Text(string.IsNullOrWhiteSpace(intro) ? question : $"{intro}\n\n{question}"),
            RetryPrompt = MessageFactory.Text(SalesTexts.PickOneRetry(candidates[0].Name, question)),
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
            notes.Append(SalesTexts.LeftOut(pending.Mention)).Append(' ');
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
                OrderingError.ItemNotInCart => SalesTexts.NotInYourCart(product.Name) + " ",
                OrderingError.InvalidQuantity => SalesTexts.CannotUseQuantity(product.Name, RefusalTexts.Quantity(refused)) + " ",
                _ => $"{RefusalTexts.Explain(refused)} ",
            });
        }
    }

    private async Task<DialogTurnResult> CheckoutAsync(WaterfallStepContext<ShoppingState> step, string userId, string? text, CancellationToken cancellationToken)
    {
        var cart = await _ordering.GetOpenCartAsync(step.Context, userId, cancellationToken);
        if (cart.IsEmpty)
        {
            // "That's all" with nothing in the cart is a goodbye, not a checkout.
            return SalesCommandRecognizer.Recognize(text) == SalesCommand.ThatsAll
                ? await CloseAsync(step, cancellationToken)
                : await LoopAsync(step, new ShoppingOptions(Intro: Join(step.State.Intro, SalesTexts.EmptyCartCheckout)), cancellationToken);
        }

        if (cart.Readiness == CheckoutReadiness.BreaksRules)
        {
            var reason = cart.Problems.Any(p => p.Code == CartProblemCode.DevicesExceedAvailableLines) && cart.Problems.Count == 1
                ? SalesTexts.BeforeCheckoutOneThing
                : SalesTexts.BeforeCheckoutLimits;
            return await LoopAsync(step, new ShoppingOptions(Intro: Join(step.State.Intro, reason), ShowCart: true), cancellationToken);
        }

        await SendIntroAsync(step, cancellationToken);
        return await step.EndDialogAsync(Checkout, cancellationToken);
    }

    private async Task<DialogTurnResult> CloseAsync(WaterfallStepContext<ShoppingState> step, CancellationToken cancellationToken)
    {
        var orders = await _tickets.OrdersAsync(step.Context, cancellationToken);
        var goodbye = orders.Count > 0 ? SalesTexts.GoodbyeAfterOrder(orders) : SalesTexts.GoodbyeNothingGoingOn;
        await step.Context.SendActivityAsync(MessageFactory.Text(Join(step.State.Intro, goodbye)), cancellationToken);
        return await step.EndDialogAsync(null, cancellationToken);
    }

    private async Task<DialogTurnResult> NotUnderstoodAsync(WaterfallStepContext<ShoppingState> step, CancellationToken cancellationToken)
    {
        // Global intents were acted on before this step saw the words; what is left here is the model's reading of
        // a request without products, which makes the re-prompt specific instead of "Sorry, I didn't catch that".
        var understood = _understanding.Classify(step.Context);
        var meant = understood.Band == IntentBand.Act ? understood.Intent : Intent.None;
        if (meant is Intent.Yes or Intent.No)
        {
            // A nod with nothing asked is neither a request nor a misunderstanding.
            return await LoopAsync(step, new ShoppingOptions(Intro: step.State.Intro, Failures: step.State.Failures), cancellationToken);
        }

        var failures = step.State.Failures + 1;
        if (failures >= MaxFailures)
        {
            // Offered, never started unasked: "yes" or "agent" brings a person in; anything else carries on here.
            await _failures.OfferAgentAsync(step.Context, HandoffReason.RepeatedFailures, "Could not understand the customer's cart requests.", acceptsYes: true, cancellationToken);
            return await LoopAsync(step, new ShoppingOptions(Intro: SalesTexts.TooManyFailures), cancellationToken);
        }

        var intro = meant switch
        {
            Intent.AddItems => SalesTexts.WhichProductsToAdd,
            Intent.ChangeCart => SalesTexts.WhatToChange,
            _ => SalesTexts.NotUnderstood,
        };
        return await LoopAsync(step, new ShoppingOptions(Intro: intro, Failures: failures), cancellationToken);
    }

    private Task<DialogTurnResult> LoopAsync(WaterfallStepContext<ShoppingState> step, ShoppingOptions options, CancellationToken cancellationToken)
        => step.ReplaceDialogAsync(Id, options, cancellationToken);
}
