using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Dialogs.Understanding;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// The root of the conversation. Global commands (help, cart, start over, cancel, agent, hours), card submits and
/// the card page's notification are handled here, in one place, before the active step sees the message.
/// </summary>
public sealed class SalesDialog : ComponentDialog
{
    public const string TextPromptId = "text";
    public const string ChoicePromptId = "choice";

    /// <summary>The event the host sends into the conversation when the customer added a card on the secure page.</summary>
    public const string CardAddedEvent = "salesbot.cardAdded";

    /// <summary>
    /// The event the host sends when the conversation comes back from a detour outside the dialogs (a live agent,
    /// the agent queue, a callback request): the step asks again, as a return rather than a replay of its last reply.
    /// </summary>
    public const string ResumeEvent = "salesbot.resume";

    /// <summary>
    /// The event the host sends when a sales agent sent the customer a cart they prepared: the flow starts again at
    /// that cart. Acted on only with an in-process <see cref="AssistedCartSent"/> value, which no channel can send.
    /// </summary>
    public const string AssistedCartEvent = "salesbot.assistedCart";

    private readonly TurnOrdering _ordering;
    private readonly IHandoffService _handoff;
    private readonly SalesHours _hours;
    private readonly SubmitTickets _tickets;
    private readonly SalesMessages _messages;
    private readonly IOptions<SalesDialogOptions> _options;
    private readonly TimeProvider _clock;
    private readonly SalesFlowDialog _flow;
    private readonly TermsDialog _terms;
    private readonly SalesUnderstanding _understanding;
    private readonly CatalogCache _catalog;
    private readonly OrderStatusReplies _orders;
    private readonly TurnLanguage _language;

    public SalesDialog(
        SalesFlowDialog flow,
        ShoppingDialog shopping,
        PaymentCardDialog payment,
        ShippingDialog shipping,
        QuoteDialog quote,
        TermsDialog terms,
        TurnOrdering ordering,
        IHandoffService handoff,
        SalesHours hours,
        SubmitTickets tickets,
        SalesMessages messages,
        IOptions<SalesDialogOptions> options,
        TimeProvider clock,
        SalesUnderstanding understanding,
        CatalogCache catalog,
        OrderStatusReplies orders,
        PlanAdvisorDialog advisor,
        TurnLanguage language)
        : base(nameof(SalesDialog))
    {
        _language = language;
        _orders = orders;
        _terms = terms;
        _understanding = understanding;
        _catalog = catalog;
        _clock = clock;
        _options = options;
        _flow = flow;
        _messages = messages;
        _ordering = ordering;
        _handoff = handoff;
        _hours = hours;
        _tickets = tickets;
        AddDialog(flow);
        AddDialog(shopping);
        AddDialog(payment);
        AddDialog(shipping);
        AddDialog(quote);
        AddDialog(terms);
        AddDialog(new TextPrompt(TextPromptId));
        // Each step's card and text already list the choices; the prompt adds them as buttons only.
        AddDialog(new ChoicePrompt(ChoicePromptId) { Style = ChoiceListStyle.None });
        AddDialog(new TextPrompt(TermsDialog.AgreePromptId, terms.ValidateAsync));
        AddDialog(advisor);
        AddDialog(new TextPrompt(PlanAdvisorDialog.AnswerPromptId, advisor.ValidateAsync));
        InitialDialogId = flow.Id;
    }

    protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        // The host set the turn's language already; whoever else runs the dialogs (a proactive turn, a test) gets it here.
        SalesLanguages.Use(await _language.ResolveAsync(innerDc.Context, cancellationToken));
        return await InterruptAsync(innerDc, cancellationToken) ?? await base.OnBeginDialogAsync(innerDc, options, cancellationToken);
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        SalesLanguages.Use(await _language.ResolveAsync(innerDc.Context, cancellationToken));
        if (await InterruptAsync(innerDc, cancellationToken) is { } interrupted)
        {
            return interrupted;
        }

        var trackedCart = await _tickets.TrackedCartAsync(innerDc.Context, cancellationToken);
        if (await CartExpiredAsync(innerDc.Context, cancellationToken))
        {
            await innerDc.CancelAllDialogsAsync(cancellationToken);
            // A cart that is no longer open was ordered or expired; only an expired one may be called that.
            if (trackedCart is not null
                && await _ordering.GetOrderForCartAsync(SalesFlowDialog.UserIdOf(innerDc.Context), trackedCart, cancellationToken) is { } placed)
            {
                await innerDc.Context.SendActivityAsync(MessageFactory.Text(SalesTexts.OrderAlreadyPlaced), cancellationToken);
                await _flow.SendConfirmationAsync(innerDc.Context, placed, cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Complete);
            }

            await innerDc.Context.SendActivityAsync(MessageFactory.Text(SalesTexts.CartExpired), cancellationToken);
            return await innerDc.BeginDialogAsync(InitialDialogId!, null, cancellationToken);
        }

        try
        {
            return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }
        catch (OrderingException refused) when (refused.Error is not OrderingError.ServiceUnavailable)
        {
            // The ordering service refused something the conversation did not foresee (a rule changed under us, a
            // stale id): explain, keep the cart, and go back to it rather than failing the turn.
            await innerDc.CancelAllDialogsAsync(cancellationToken);
            var intro = SalesTexts.CouldNotDoThat(RefusalTexts.Explain(refused));
            return await innerDc.BeginDialogAsync(InitialDialogId!, new SalesFlowOptions(BackToCart: true, Intro: intro), cancellationToken);
        }
    }

    private async Task<bool> CartExpiredAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        var userId = CustomerIdentity.Of(context).UserId;
        if (userId is null
            || !await _tickets.CartNeedsCheckAsync(context, _clock.GetUtcNow(), cancellationToken)
            || !(await _ordering.CheckEligibilityAsync(context, userId, cancellationToken)).IsEligible)
        {
            return false;
        }

        var cart = await _ordering.GetOpenCartAsync(context, userId, cancellationToken);
        return await _tickets.TrackCartAsync(context, cart, cancellationToken);
    }

    /// <summary>Handles what must work at every step; null lets the active step handle the turn.</summary>
    private async Task<DialogTurnResult?> InterruptAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var context = innerDc.Context;
        var activity = context.Activity;
        var active = innerDc.ActiveDialog is not null;

        if (activity.Type == ActivityTypes.Event && activity.Name == CardAddedEvent)
        {
            // The card page told us a card was added: the payment step checks, exactly as if the customer typed "done".
            if (!active)
            {
                return new DialogTurnResult(DialogTurnStatus.Empty);
            }

            activity.Type = ActivityTypes.Message;
            activity.Text = PaymentCardDialog.CardAddedText;
            return null;
        }

        if (activity.Type == ActivityTypes.Event && activity.Name == AssistedCartEvent && activity.Value is AssistedCartSent assisted)
        {
            // Whatever step the customer was at, the cart the agent prepared is now what they check out.
            await innerDc.CancelAllDialogsAsync(cancellationToken);
            return await innerDc.BeginDialogAsync(InitialDialogId!, new SalesFlowOptions(BackToCart: true, Intro: SalesTexts.AssistedCartSent(assisted.AgentName)), cancellationToken);
        }

        if (activity.Type == ActivityTypes.Event && activity.Name == ResumeEvent)
        {
            // Nothing active (the stack was reset): the flow begins as for a new conversation.
            return active ? await AskAgainAsync(innerDc, null, cancellationToken) : null;
        }

        if (activity.Type == ActivityTypes.Event && activity.Name == OrderStatusReplies.OrderNoticeEvent)
        {
            // An order placed here shipped (or was delivered): told at whatever step, which stays where it is.
            var notice = activity.Value is Newtonsoft.Json.Linq.JToken json ? json.ToObject<OrderNotice>() : activity.Value as OrderNotice;
            var sent = notice is not null && await _orders.NotifyAsync(context, notice, cancellationToken);
            context.TurnState[OrderStatusReplies.OrderNoticeEvent] = sent;
            return new DialogTurnResult(active ? DialogTurnStatus.Waiting : DialogTurnStatus.Empty);
        }

        if (activity.Type != ActivityTypes.Message)
        {
            return new DialogTurnResult(active ? DialogTurnStatus.Waiting : DialogTurnStatus.Empty);
        }

        var clicked = CardSubmitText.TryRead(activity.Value, out var submit);
        if (clicked)
        {
            if (active && submit!.Submit.UnreadableQuantities() is { Count: > 0 } unreadable)
            {
                // Nothing of a half-readable card is applied; the card stays usable, so the customer fixes the box and sends again.
                await context.SendActivityAsync(MessageFactory.Text(SalesTexts.UnreadableQuantities(unreadable.Values)), cancellationToken);
                return Dialog.EndOfTurn;
            }

            if (!active || !await _tickets.TryRedeemAsync(context, submit!.Submit.Step, submit.Submit.Prompt, cancellationToken))
            {
                await context.SendActivityAsync(MessageFactory.Text(SalesTexts.StaleSubmit), cancellationToken);
                if (active)
                {
                    await innerDc.RepromptDialogAsync(cancellationToken);
                    return Dialog.EndOfTurn;
                }

                return await innerDc.BeginDialogAsync(InitialDialogId!, new SalesFlowOptions(Restarted: true), cancellationToken);
            }

            // A click is the same as typing its words: one path, the same recognizers, the same service checks.
            activity.Text = submit.Text;
            activity.Value = null;
        }

        // An offer of an agent in the last reply is answered by this message, or lapses.
        var offer = await _tickets.TakeOfferAsync(context, cancellationToken);
        // So are plans the last reply recommended, described or compared ("yes, 4 lines", "add 4 of those").
        var planOffer = await _tickets.TakePlanOfferAsync(context, cancellationToken);
        if (active && await UnconfirmedOrderAsync(context, cancellationToken) is { } unconfirmed)
        {
            // The customer is at the terms, but the order went through in a turn whose answer never reached them
            // (a reply the channel refused, a host that stopped before saving). Whatever they say now — "no", "cart",
            // "start over" — the truth comes first, and the checkout is over.
            await innerDc.CancelAllDialogsAsync(cancellationToken);
            await context.SendActivityAsync(MessageFactory.Text(SalesTexts.OrderAlreadyPlaced), cancellationToken);
            await _flow.SendConfirmationAsync(context, unconfirmed, cancellationToken);
            return new DialogTurnResult(DialogTurnStatus.Complete);
        }

        if (activity.Text?.Length > _options.Value.MaxMessageLength)
        {
            // Not read at all (a paste, a log): not a misunderstanding, and nothing in it is acted on.
            await context.SendActivityAsync(MessageFactory.Text(SalesTexts.TooLong(_options.Value.MaxMessageLength)), cancellationToken);
            return active ? await AskAgainAsync(innerDc, null, cancellationToken) : new DialogTurnResult(DialogTurnStatus.Complete);
        }

        if (!clicked && LanguageSwitch.TryRecognize(activity.Text, out var language))
        {
            // "español", "English": from this reply on in that language, remembered; the step and the cart stay as
            // they are and are shown again, so nothing is lost by switching (an offer just made lapses, as it would).
            await _language.ChooseAsync(context, language!, cancellationToken);
            SalesLanguages.Use(language!);
            var switched = SalesTexts.LanguageSwitched;
            if (planOffer is not null)
            {
                // Plans just shown stay on offer: "4" after "español" still answers "how many?", which is asked again.
                await _tickets.OfferPlansAsync(context, planOffer, cancellationToken);
                if (planOffer is { Skus: [var sku], Quantity: null } && active
                    && await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken)
                    && (await _catalog.GetAsync(cancellationToken)).Find(sku) is { } plan)
                {
                    switched = $"{switched}\n\n{SalesTexts.HowManyOf(plan.Name)}";
                }
            }

            return await AskAgainAsync(innerDc, switched, cancellationToken, fromScratch: true);
        }

        var command = SalesCommandRecognizer.Recognize(activity.Text);
        var noWords = command == SalesCommand.None && !clicked && !SalesCommandRecognizer.HasWords(activity.Text);
        if (noWords && active)
        {
            // An empty message, an emoji, a stray "!": nothing to read and nothing wrong; the step asks again, uncounted.
            // (A click always means something, even with no words: its step reads it.)
            return await AskAgainAsync(innerDc, string.IsNullOrWhiteSpace(activity.Text) ? SalesTexts.NothingToRead : null, cancellationToken);
        }

        // What the last reply asked — an offer of an agent, or "Did you want …?" when the bot was not sure what the
        // customer meant — is answered yes or no by the one yes/no recognizer, or lapses. A message the step reads
        // as its own answer ("no, 3 lines", "ground") is not an answer to it.
        var suggested = await _tickets.TakeSuggestionAsync(context, cancellationToken);
        if (planOffer is not null && active && !clicked && PlanOfferReader.TryRead(activity.Text, out _)
            && await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken))
        {
            // Taking up the plans just shown is the shopping step's to read, yes and all.
            return null;
        }

        bool? answer = null;
        if (!clicked && (offer is { AcceptsYes: true } || suggested is not null))
        {
            answer = command switch
            {
                SalesCommand.Yes => true,
                SalesCommand.No => false,
                SalesCommand.None when !await StepReadsAsync(innerDc, cancellationToken) => _understanding.Confirm(context),
                _ => null,
            };
        }

        if (suggested is not null && IntentLabels.TryParse(suggested, out var meant) && answer is { } yes)
        {
            if (!yes)
            {
                return await AskAgainAsync(innerDc, SalesTexts.SuggestionDeclined, cancellationToken);
            }

            // Confirmed: exactly as if the customer had said it plainly.
            var confirmed = await MoveForAsync(innerDc, meant, cancellationToken);
            if (confirmed.StepText is { } said)
            {
                activity.Text = said;
                return null;
            }

            command = confirmed.Command;
        }
        else if (offer is { AcceptsYes: true } && answer is { } accepted)
        {
            if (!accepted)
            {
                return await AskAgainAsync(innerDc, SalesTexts.OfferDeclined, cancellationToken);
            }

            var request = new HandoffRequest(offer.Reason, CustomerIdentity.Of(context).UserId, $"{offer.Detail} The bot offered a sales agent and the customer accepted.");
            await _handoff.RequestAsync(context, request, cancellationToken);
            return active ? Dialog.EndOfTurn : new DialogTurnResult(DialogTurnStatus.Complete);
        }
        else if (command == SalesCommand.None && !clicked && !noWords && !await StepReadsAsync(innerDc, cancellationToken))
        {
            // Words neither the shortcuts nor the step can read: the intent model says what they probably mean.
            var understood = _understanding.Classify(context);
            var move = understood.Band == IntentBand.Fallback ? default : await MoveForAsync(innerDc, understood.Intent, cancellationToken);
            if (understood.Band == IntentBand.Ask && (move.Command != SalesCommand.None || move.StepText is not null)
                && SalesTexts.DidYouMean(understood.Intent) is { } question)
            {
                // Probably, not surely: asked back as a yes-or-no question (buttons, or typed), never acted on unasked.
                await _tickets.SuggestAsync(context, understood.Intent.Label(), cancellationToken);
                await context.SendActivityAsync(SalesMessages.WithSuggestions(MessageFactory.Text(question), Commands.Yes, Commands.No), cancellationToken);
                return active ? Dialog.EndOfTurn : new DialogTurnResult(DialogTurnStatus.Complete);
            }

            if (understood.Band == IntentBand.Act)
            {
                if (move.StepText is { } said)
                {
                    // A move the step itself makes (empty the cart, check out, go back to the cart): the step reads it
                    // in its own words, as it reads a click.
                    activity.Text = said;
                    return null;
                }

                command = move.Command;
            }

            // Otherwise (unsure, or nothing to act on) the step re-prompts in its own way.
        }

        if (!active && (noWords || command is SalesCommand.Yes or SalesCommand.Acknowledge)
            && await _tickets.OrdersAsync(context, cancellationToken) is { Count: > 0 } placed)
        {
            // "ok", "great", a thumbs-up after the confirmation: an acknowledgement, not a request for a new order.
            await context.SendActivityAsync(MessageFactory.Text(SalesTexts.AcknowledgedAfterOrder(placed)), cancellationToken);
            return new DialogTurnResult(DialogTurnStatus.Complete);
        }

        switch (command)
        {
            case SalesCommand.Help:
                await context.SendActivityAsync(MessageFactory.Text(SalesTexts.Help), cancellationToken);
                return await AskAgainAsync(innerDc, null, cancellationToken);
            case SalesCommand.Hours:
                await context.SendActivityAsync(MessageFactory.Text(HoursText()), cancellationToken);
                return active ? Dialog.EndOfTurn : new DialogTurnResult(DialogTurnStatus.Complete);
            case SalesCommand.Agent:
            {
                // "agent" after an offer accepts it, with the reason it was offered.
                var userId = CustomerIdentity.Of(context).UserId;
                var request = offer is null
                    ? new HandoffRequest(HandoffReason.CustomerAsked, userId, "The customer asked for a person.")
                    : new HandoffRequest(offer.Reason, userId, $"{offer.Detail} The bot offered a sales agent and the customer accepted.");
                await _handoff.RequestAsync(context, request, cancellationToken);
                return active ? Dialog.EndOfTurn : new DialogTurnResult(DialogTurnStatus.Complete);
            }

            case SalesCommand.PlanAdvice:
                // While shopping the step itself advises (the intent model's reading comes as its words); elsewhere
                // the customer is told where, or that the advisor is already asking.
                return await AskAgainAsync(
                    innerDc,
                    await _tickets.IsAtStepAsync(context, SalesSteps.Advice, cancellationToken) ? SalesTexts.AdvisorAlreadyAsking : SalesTexts.PlanAdviceAtCheckout,
                    cancellationToken);
            case SalesCommand.Upgrade:
            {
                // Not self-service: the truth, and a sales agent offered. A plain "yes" accepts it only where the
                // step's own question is not a yes-or-no one (at the terms "yes" is an agreement).
                var sayYes = !active || await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken)
                    || await _tickets.IsAtStepAsync(context, SalesSteps.ShopChoice, cancellationToken);
                var text = sayYes ? SalesTexts.UpgradeNotSelfService : SalesTexts.UpgradeNotSelfServiceAtStep;
                await _tickets.OfferAgentAsync(context, new AgentOffer(HandoffReason.UpgradeRequest, "The customer asked to upgrade existing service.", AcceptsYes: sayYes), cancellationToken);
                if (!active)
                {
                    await context.SendActivityAsync(MessageFactory.Text(text), cancellationToken);
                    return new DialogTurnResult(DialogTurnStatus.Complete);
                }

                return await AskAgainAsync(innerDc, text, cancellationToken);
            }

            case SalesCommand.Acknowledge or SalesCommand.Greeting when active:
                // Small talk in the middle of a step is not a misunderstanding: the step asks its question again.
                return await AskAgainAsync(innerDc, command == SalesCommand.Greeting ? SalesTexts.HelloAgain : null, cancellationToken);
            case SalesCommand.No when planOffer is not null && active && await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken):
                return await AskAgainAsync(innerDc, SalesTexts.PlanOfferDeclined, cancellationToken);
            case SalesCommand.Yes or SalesCommand.No when active && await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken):
                // The shopping step asks no yes-or-no question (the checkout steps read their own "yes"), so with no
                // offer to answer this is a nod, not a request nor a misunderstanding.
                return await AskAgainAsync(innerDc, null, cancellationToken);
            case SalesCommand.ShowCart when active && await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken):
                // While shopping, the cart card is the prompt: it lists what can be done next.
                var cart = await _ordering.GetOpenCartAsync(context, SalesFlowDialog.UserIdOf(context), cancellationToken);
                await context.SendActivityAsync(await _messages.ShoppingPromptAsync(context, null, false, cart, cancellationToken), cancellationToken);
                return Dialog.EndOfTurn;
            case SalesCommand.ShowCart when !active:
                // The greeting shows the cart (once): "cart" as a first message is acted on, not answered twice.
                return await innerDc.BeginDialogAsync(InitialDialogId!, new SalesFlowOptions(Restarted: true, ShowCart: true), cancellationToken);
            case SalesCommand.ShowCart:
                await ShowCartAsync(context, cancellationToken);
                return await AskAgainAsync(innerDc, null, cancellationToken);
            case SalesCommand.StartOver:
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                await _tickets.ClearAsync(context, cancellationToken);
                await context.SendActivityAsync(MessageFactory.Text(SalesTexts.StartingOver), cancellationToken);
                return await innerDc.BeginDialogAsync(InitialDialogId!, new SalesFlowOptions(Restarted: true), cancellationToken);
            case SalesCommand.Cancel:
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                await _tickets.ClearAsync(context, cancellationToken);
                await context.SendActivityAsync(MessageFactory.Text(SalesTexts.Cancelled), cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Cancelled);
            case SalesCommand.Thanks:
                return await ThanksAsync(innerDc, cancellationToken);
            case SalesCommand.Goodbye:
            case SalesCommand.ThatsAll or SalesCommand.No when !active:
                // A closing never ends in a queue; the step and the cart are kept for whenever the customer comes back.
                await context.SendActivityAsync(MessageFactory.Text(await GoodbyeAsync(context, active, cancellationToken)), cancellationToken);
                return active ? Dialog.EndOfTurn : new DialogTurnResult(DialogTurnStatus.Complete);
            case SalesCommand.OrderStatus:
                await _orders.AnswerAsync(context, cancellationToken);
                return active ? Dialog.EndOfTurn : new DialogTurnResult(DialogTurnStatus.Complete);
            case SalesCommand.StopUpdates or SalesCommand.StartUpdates:
                await _orders.SetUpdatesAsync(context, command == SalesCommand.StartUpdates, cancellationToken);
                return active ? Dialog.EndOfTurn : new DialogTurnResult(DialogTurnStatus.Complete);
            case SalesCommand.Reorder:
            {
                if (await _orders.ReorderAsync(context, cancellationToken) is not { } reordered)
                {
                    return active ? Dialog.EndOfTurn : new DialogTurnResult(DialogTurnStatus.Complete);
                }

                // The cart was empty, so no step had anything to lose: the new cart is shown as the shopping step.
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                return await innerDc.BeginDialogAsync(InitialDialogId!, new SalesFlowOptions(BackToCart: true, Intro: reordered), cancellationToken);
            }
            case SalesCommand.AddCard when active && await _tickets.IsAtStepAsync(context, SalesSteps.Payment, cancellationToken):
                // The card step itself reads "add a new card".
                activity.Text = "add a new card";
                return null;
            case SalesCommand.AddCard when active && !await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken)
                && !await _tickets.IsAtStepAsync(context, SalesSteps.ShopChoice, cancellationToken):
                // Past the payment step: checkout starts again there, with the secure card page for the new card.
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                return await innerDc.BeginDialogAsync(InitialDialogId!, new SalesFlowOptions(Restarted: true, CheckoutWithNewCard: true), cancellationToken);
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the active step reads this message itself: the shopping step (and a first message, which the flow
    /// hands to it) its cart requests, a choice its choices, the terms their agreement. The intent model is asked only
    /// about words the step cannot read, so "ground", "the second one" or "cancel the headset" stay the step's.
    /// </summary>
    private async Task<bool> StepReadsAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var context = innerDc.Context;
        if (innerDc.ActiveDialog is not { } instance)
        {
            return await _catalog.IsShoppingRequestAsync(context.Activity.Text ?? "", cancellationToken);
        }

        if (await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken))
        {
            var snapshot = await _catalog.GetAsync(cancellationToken);
            return snapshot.Plans.Parse(context.Activity.Text).Kind != PlanQuestionKind.None
                || snapshot.Parser.Parse(context.Activity.Text).Intent != CartIntent.None;
        }

        return innerDc.FindDialog(instance.Id) is IAnswerReader reader && await reader.ReadsAsAnswerAsync(innerDc, cancellationToken);
    }

    /// <summary>
    /// What an intent does at the current step: a global command, or words for the step to read as if typed
    /// (moves only the step can make: empty the cart, check out, go back to the cart). Neither when the intent means
    /// nothing here — then the step's own re-prompt applies.
    /// </summary>
    private async Task<(SalesCommand Command, string? StepText)> MoveForAsync(DialogContext innerDc, Intent intent, CancellationToken cancellationToken)
    {
        var context = innerDc.Context;
        var shopping = innerDc.ActiveDialog is null || await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken);
        return intent switch
        {
            Intent.Agent => (SalesCommand.Agent, null),
            Intent.Help => (SalesCommand.Help, null),
            Intent.ShowCart => (SalesCommand.ShowCart, null),
            Intent.Hours => (SalesCommand.Hours, null),
            Intent.Cancel => (SalesCommand.Cancel, null),
            Intent.StartOver => (SalesCommand.StartOver, null),
            Intent.AddCard => (SalesCommand.AddCard, null),
            Intent.OrderStatus => (SalesCommand.OrderStatus, null),
            Intent.PlanAdvice => shopping ? (SalesCommand.None, SalesWords.PlanAdvice) : (SalesCommand.PlanAdvice, null),
            Intent.Thanks => (SalesCommand.Thanks, null),
            Intent.Goodbye => (SalesCommand.Goodbye, null),
            Intent.Upgrade => shopping ? (SalesCommand.None, SalesWords.Upgrade) : (SalesCommand.Upgrade, null),
            Intent.EmptyCart when shopping => (SalesCommand.None, SalesWords.EmptyCart),
            Intent.Checkout when shopping => (SalesCommand.None, SalesWords.Checkout),
            Intent.ChangeCart when await _tickets.IsAtStepAsync(context, SalesSteps.Shipping, cancellationToken)
                || await _tickets.IsAtStepAsync(context, SalesSteps.Quote, cancellationToken)
                || await _tickets.IsAtStepAsync(context, SalesSteps.Terms, cancellationToken) => (SalesCommand.None, SalesWords.ChangeCart),
            _ => (SalesCommand.None, null),
        };
    }

    /// <summary>
    /// At the terms step, the order already placed from the conversation's cart, if any. "I agree" is left to the
    /// checkout itself (placing again with the same key returns that order), so the usual turn costs no extra call.
    /// </summary>
    private async Task<Order?> UnconfirmedOrderAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        if (CustomerIdentity.Of(context).UserId is not { } userId
            || !await _tickets.IsAtStepAsync(context, SalesSteps.Terms, cancellationToken)
            || _terms.Recognize(context) == true
            || await _tickets.TrackedCartAsync(context, cancellationToken) is not { } cartId)
        {
            return null;
        }

        return await _ordering.GetOrderForCartAsync(userId, cartId, cancellationToken);
    }

    /// <summary>
    /// Asks the active step its question again. While shopping that is a fresh prompt (the cart, or what to add) rather
    /// than the last reply again, which may have been an apology or "Added 2 × X4 line" and would read as news.
    /// </summary>
    // fromScratch: the step's question is built again rather than resent as saved, as its words and its card were
    // written in the language the customer just left.
    private async Task<DialogTurnResult> AskAgainAsync(DialogContext innerDc, string? intro, CancellationToken cancellationToken, bool fromScratch = false)
    {
        var context = innerDc.Context;
        if (innerDc.ActiveDialog is null)
        {
            if (intro is not null)
            {
                await context.SendActivityAsync(MessageFactory.Text(intro), cancellationToken);
            }

            return await innerDc.BeginDialogAsync(InitialDialogId!, new SalesFlowOptions(Restarted: true), cancellationToken);
        }

        if (await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken))
        {
            var cart = await _ordering.GetOpenCartAsync(context, SalesFlowDialog.UserIdOf(context), cancellationToken);
            await context.SendActivityAsync(await _messages.ShoppingPromptAsync(context, intro, false, cart.IsEmpty ? null : cart, cancellationToken), cancellationToken);
            return Dialog.EndOfTurn;
        }

        if (intro is not null)
        {
            await context.SendActivityAsync(MessageFactory.Text(intro), cancellationToken);
        }

        if (fromScratch)
        {
            return await innerDc.AskAgainFromScratchAsync(cancellationToken);
        }

        await innerDc.RepromptDialogAsync(cancellationToken);
        return Dialog.EndOfTurn;
    }

    private async Task<DialogTurnResult> ThanksAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        var context = innerDc.Context;
        if (innerDc.ActiveDialog is not null)
        {
            return await AskAgainAsync(innerDc, SalesTexts.YoureWelcome, cancellationToken);
        }

        var ordered = (await _tickets.OrdersAsync(context, cancellationToken)).Count > 0;
        await context.SendActivityAsync(MessageFactory.Text(ordered ? SalesTexts.ThanksAfterOrder : SalesTexts.ThanksNothingGoingOn), cancellationToken);
        return new DialogTurnResult(DialogTurnStatus.Complete);
    }

    private async Task<string> GoodbyeAsync(ITurnContext context, bool active, CancellationToken cancellationToken)
    {
        if (active)
        {
            return SalesTexts.GoodbyeCartSaved;
        }

        var orders = await _tickets.OrdersAsync(context, cancellationToken);
        return orders.Count > 0 ? SalesTexts.GoodbyeAfterOrder(orders) : SalesTexts.GoodbyeNothingGoingOn;
    }

    private async Task ShowCartAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        var userId = CustomerIdentity.Of(context).UserId;
        var eligible = userId is not null && (await _ordering.CheckEligibilityAsync(context, userId, cancellationToken)).IsEligible;
        var text = eligible
            ? CartDescriptions.Describe(await _ordering.GetOpenCartAsync(context, userId!, cancellationToken))
            : SalesTexts.NoCartHere;
        await context.SendActivityAsync(MessageFactory.Text(text), cancellationToken);
    }

    private string HoursText() => SalesTexts.Hours(_hours);
}
