using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Language;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>How a callback capture ended.</summary>
public enum CallbackOutcome
{
    /// <summary>A phone number and a time inside sales hours were given (and a moved time confirmed).</summary>
    Booked,
    /// <summary>The customer said "cancel" (or "no" to being called).</summary>
    Cancelled,
    /// <summary>A question was answered with something unreadable too many times in a row.</summary>
    GaveUp,
}

/// <summary>The end of a callback capture: the phone number and the time to call when <see cref="CallbackOutcome.Booked"/>.</summary>
public sealed record CallbackCaptured(CallbackOutcome Outcome, CallbackPhone? Phone = null, DateTimeOffset? At = null);

/// <summary>
/// Where a run of the capture starts: the question asked first (null when the caller already asked it), and what is
/// already known — after a "no" to a proposed time the phone number, after a new time in place of a yes the time.
/// </summary>
public sealed record CallbackStart(string? Ask = null, CallbackPhone? Phone = null, CallbackTime? Time = null);

/// <summary>What the capture has so far.</summary>
public sealed class CallbackDraft
{
    public CallbackPhone? Phone { get; set; }

    /// <summary>The time inside sales hours offered in place of the one asked for, while waiting for the yes.</summary>
    public DateTimeOffset? Proposed { get; set; }
}

/// <summary>
/// Takes a callback request: phone number, then a time inside sales hours, then — when the time asked for was outside
/// them — a yes to the nearest time that is not. A message may carry both ("408-555-0100 tomorrow at 9"). "cancel"
/// (or "no" to the phone or time question) ends it without a booking; each question is asked at most
/// <see cref="MaxAttempts"/> times. The dialog only captures: the handoff layer stores the request and hands back.
/// </summary>
public sealed class CallbackDialog : ComponentDialog
{
    public const string DialogId = "callback";

    /// <summary>Answers to one question before the capture gives up (the customer is then given the sales number).</summary>
    public const int MaxAttempts = 3;

    private const string FlowId = "callback.flow";
    private const string PhonePromptId = "callback.phone";
    private const string TimePromptId = "callback.time";
    private const string ConfirmPromptId = "callback.confirm";

    private readonly CallbackRecognizer _recognizer;
    private readonly SalesUnderstanding _understanding;
    private readonly SalesHours _hours;

    public CallbackDialog(CallbackRecognizer recognizer, SalesUnderstanding understanding, SalesHours hours)
        : base(DialogId)
    {
        _recognizer = recognizer;
        _understanding = understanding;
        _hours = hours;
        AddDialog(new WaterfallDialog<CallbackDraft>(FlowId, [PhoneStepAsync, TimeStepAsync, ConfirmStepAsync, AnswerStepAsync]));
        AddDialog(new TextPrompt(PhonePromptId, (context, ct) => Task.FromResult(CallbackRecognizer.TryRecognizePhone(context.Context.Activity.Text, out _, out _))));
        AddDialog(new TextPrompt(TimePromptId, (context, ct) => Task.FromResult(_recognizer.TryRecognizeTime(context.Context.Activity.Text, out _))));
        AddDialog(new TextPrompt(ConfirmPromptId, (context, ct) => Task.FromResult(
            _understanding.Confirm(context.Context) is not null || _recognizer.TryRecognizeTime(context.Context.Activity.Text, out _))));
    }

    /// <inheritdoc />
    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var context = innerDc.Context;
        if (context.Activity.Type == ActivityTypes.Message)
        {
            // A yes or no to a proposed time is that answer ("no" picks another time); otherwise "cancel", or "no" to
            // being called at all, ends the capture.
            var answersProposal = innerDc.ActiveDialog?.Id == ConfirmPromptId && _understanding.Confirm(context) is not null;
            var words = HandoffWords.Normalize(context.Activity.Text);
            if (!answersProposal && (HandoffWords.IsLeave(words) || words is "no" or "no thanks" or "no thank you"))
            {
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Complete, new CallbackCaptured(CallbackOutcome.Cancelled));
            }
        }

        return await base.OnContinueDialogAsync(innerDc, cancellationToken);
    }

    private static async Task<DialogTurnResult> PhoneStepAsync(WaterfallStepContext<CallbackDraft> step, CancellationToken cancellationToken)
    {
        var start = step.GetOptions<CallbackStart>() ?? new CallbackStart();
        if (start.Phone is not null)
        {
            step.State.Phone = start.Phone;
            return await step.NextAsync(null, cancellationToken);
        }

        return await step.PromptAsync(PhonePromptId, Ask(start.Ask, HandoffTexts.PhoneNotRecognized), cancellationToken);
    }

    private async Task<DialogTurnResult> TimeStepAsync(WaterfallStepContext<CallbackDraft> step, CancellationToken cancellationToken)
    {
        if (step.Result is PromptAttemptsExhausted)
        {
            return await step.EndDialogAsync(new CallbackCaptured(CallbackOutcome.GaveUp), cancellationToken);
        }

        var start = step.GetOptions<CallbackStart>() ?? new CallbackStart();
        if (start.Phone is not null)
        {
            return start.Time is not null
                ? await step.NextAsync(start.Time, cancellationToken)
                : await step.PromptAsync(TimePromptId, Ask(start.Ask ?? HandoffTexts.TimeNotRecognized, HandoffTexts.TimeNotRecognized), cancellationToken);
        }

        // The phone prompt accepted the message, so it has a number; what follows it may already be the time.
        CallbackRecognizer.TryRecognizePhone(step.Result as string, out var phone, out var rest);
        step.State.Phone = phone;
        if (_recognizer.TryRecognizeTime(rest, out var time))
        {
            return await step.NextAsync(time, cancellationToken);
        }

        return await step.PromptAsync(TimePromptId, Ask(HandoffTexts.AskTime(_hours, phone!), HandoffTexts.TimeNotRecognized), cancellationToken);
    }

    private async Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext<CallbackDraft> step, CancellationToken cancellationToken)
    {
        if (step.Result is PromptAttemptsExhausted)
        {
            return await step.EndDialogAsync(new CallbackCaptured(CallbackOutcome.GaveUp), cancellationToken);
        }

        var time = step.Result as CallbackTime;
        if (time is null)
        {
            _recognizer.TryRecognizeTime(step.Result as string, out time);
        }

        if (!time!.WasMoved)
        {
            return await step.EndDialogAsync(new CallbackCaptured(CallbackOutcome.Booked, step.State.Phone, time.Proposed), cancellationToken);
        }

        step.State.Proposed = time.Proposed;
        return await step.PromptAsync(ConfirmPromptId, Ask(HandoffTexts.ProposeTime(_hours, time), HandoffTexts.ConfirmNotRecognized), cancellationToken);
    }

    private async Task<DialogTurnResult> AnswerStepAsync(WaterfallStepContext<CallbackDraft> step, CancellationToken cancellationToken)
    {
        if (step.Result is PromptAttemptsExhausted)
        {
            return await step.EndDialogAsync(new CallbackCaptured(CallbackOutcome.GaveUp), cancellationToken);
        }

        var phone = step.State.Phone!;
        switch (_understanding.Confirm(step.Context))
        {
            case true:
                return await step.EndDialogAsync(new CallbackCaptured(CallbackOutcome.Booked, phone, step.State.Proposed), cancellationToken);
            case false:
                // Not that time: ask for another.
                return await step.ReplaceDialogAsync(FlowId, new CallbackStart(HandoffTexts.TimeNotRecognized, phone), cancellationToken);
            default:
                // Another time instead of a yes: book it, or propose the nearest one to it.
                _recognizer.TryRecognizeTime(step.Result as string, out var time);
                return await step.ReplaceDialogAsync(FlowId, new CallbackStart(null, phone, time), cancellationToken);
        }
    }

    private static PromptOptions Ask(string? prompt, string retry) => new()
    {
        Prompt = prompt is null ? null : Message(prompt),
        RetryPrompt = Message(retry),
        MaxAttempts = MaxAttempts,
    };

    private static Activity Message(string text) => MessageFactory.Text(text, text, InputHints.ExpectingInput);
}
