using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;
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

    private readonly TurnOrdering _ordering;
    private readonly IHandoffService _handoff;
    private readonly SalesHours _hours;
    private readonly SubmitTickets _tickets;
    private readonly SalesMessages _messages;
    private readonly TimeProvider _clock;

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
        TimeProvider clock)
        : base(nameof(SalesDialog))
    {
        _clock = clock;
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
        AddDialog(new TextPrompt(TermsDialog.AgreePromptId, TermsDialog.ValidateAsync));
        InitialDialogId = flow.Id;
    }

    protected override async Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return await InterruptAsync(innerDc, cancellationToken) ?? await base.OnBeginDialogAsync(innerDc, options, cancellationToken);
    }

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        if (await InterruptAsync(innerDc, cancellationToken) is { } interrupted)
        {
            return interrupted;
        }

        if (await CartExpiredAsync(innerDc.Context, cancellationToken))
        {
            await innerDc.CancelAllDialogsAsync(cancellationToken);
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
            var intro = $"I couldn't do that: {refused.Message} Nothing was ordered or charged. Here's your cart.";
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

        if (activity.Type != ActivityTypes.Message)
        {
            return new DialogTurnResult(active ? DialogTurnStatus.Waiting : DialogTurnStatus.Empty);
        }

        if (CardSubmitText.TryRead(activity.Value, out var submit))
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

        switch (SalesCommandRecognizer.Recognize(activity.Text))
        {
            case SalesCommand.Help when await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken):
                // While shopping, a fresh neutral prompt beats repeating the last one (which may have been an apology).
                await context.SendActivityAsync(MessageFactory.Text(SalesTexts.Help), cancellationToken);
                await context.SendActivityAsync(await _messages.ShoppingPromptAsync(context, null, false, null, cancellationToken), cancellationToken);
                return Dialog.EndOfTurn;
            case SalesCommand.Help:
                await context.SendActivityAsync(MessageFactory.Text(SalesTexts.Help), cancellationToken);
                return await RepromptOrStartAsync(innerDc, cancellationToken);
            case SalesCommand.Hours:
                await context.SendActivityAsync(MessageFactory.Text(HoursText()), cancellationToken);
                return active ? Dialog.EndOfTurn : new DialogTurnResult(DialogTurnStatus.Complete);
            case SalesCommand.Agent:
                await _handoff.RequestAsync(context, new HandoffRequest(HandoffReason.CustomerAsked, CustomerIdentity.Of(context).UserId, "The customer asked for a person."), cancellationToken);
                return active ? Dialog.EndOfTurn : new DialogTurnResult(DialogTurnStatus.Complete);
            case SalesCommand.ShowCart when active && await _tickets.IsAtStepAsync(context, SalesSteps.Shop, cancellationToken):
                // While shopping, the cart card is the prompt: it lists what can be done next.
                var cart = await _ordering.GetOpenCartAsync(context, SalesFlowDialog.UserIdOf(context), cancellationToken);
                await context.SendActivityAsync(await _messages.ShoppingPromptAsync(context, null, false, cart, cancellationToken), cancellationToken);
                return Dialog.EndOfTurn;
            case SalesCommand.ShowCart:
                await ShowCartAsync(context, cancellationToken);
                return await RepromptOrStartAsync(innerDc, cancellationToken);
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
            default:
                return null;
        }
    }

    private async Task<DialogTurnResult> RepromptOrStartAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        if (innerDc.ActiveDialog is null)
        {
            return await innerDc.BeginDialogAsync(InitialDialogId!, null, cancellationToken);
        }

        await innerDc.RepromptDialogAsync(cancellationToken);
        return Dialog.EndOfTurn;
    }

    private async Task ShowCartAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        var userId = CustomerIdentity.Of(context).UserId;
        var eligible = userId is not null && (await _ordering.CheckEligibilityAsync(context, userId, cancellationToken)).IsEligible;
        var text = eligible
            ? CartDescriptions.Describe(await _ordering.GetOpenCartAsync(context, userId!, cancellationToken))
            : "There's no cart for you here yet.";
        await context.SendActivityAsync(MessageFactory.Text(text), cancellationToken);
    }

    private string HoursText() => _hours.IsOpen()
        ? $"Our sales team is available now ({_hours.DescribeHours()}). Call {_hours.Phone}, or say \"agent\" to chat with someone."
        : $"Sales is closed right now. We open again {_hours.Describe(_hours.NextOpening())}. Hours: {_hours.DescribeHours()}; phone {_hours.Phone}.";
}
