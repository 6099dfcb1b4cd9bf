using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>
/// Runs <see cref="CallbackDialog"/> beside the sales dialogs: its stack is a conversation state property of its own,
/// so the sales stack stays exactly as the customer left it (and its step is asked again afterwards), while both are
/// saved with the conversation, on whichever instance takes the next turn. The handoff session says whether a capture
/// is going on; this holds where it is.
/// </summary>
public sealed class CallbackCapture
{
    /// <summary>The conversation state property that holds the capture's stack.</summary>
    public const string StateProperty = "callbackDialogState";

    private readonly IStatePropertyAccessor<DialogState> _state;
    private readonly DialogSet _dialogs;

    public CallbackCapture(CallbackDialog dialog, IStatePropertyAccessor<DialogState> state)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _dialogs = new DialogSet(state).Add(dialog);
    }

    /// <summary>
    /// Starts a capture whose first question (<see cref="HandoffTexts.AskPhone"/>, inside the handoff layer's own
    /// message) was already sent: the next message is read as the phone number. Any older capture is dropped.
    /// </summary>
    public async Task BeginAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await ResetAsync(turnContext, cancellationToken);
        var dc = await ContextAsync(turnContext, cancellationToken);
        await dc.BeginDialogAsync(CallbackDialog.DialogId, new CallbackStart(), cancellationToken);
    }

    /// <summary>
    /// Reads this turn's message as the answer to the capture's question: null while the capture waits for more,
    /// else how it ended. A capture with no saved stack (begun by an earlier release) starts at the phone number.
    /// </summary>
    public async Task<CallbackCaptured?> ContinueAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var dc = await ContextAsync(turnContext, cancellationToken);
        if (dc.Stack.Count == 0)
        {
            await dc.BeginDialogAsync(CallbackDialog.DialogId, new CallbackStart(), cancellationToken);
        }

        var result = await dc.ContinueDialogAsync(cancellationToken);
        return result.Status == DialogTurnStatus.Waiting ? null : result.Result as CallbackCaptured ?? new CallbackCaptured(CallbackOutcome.Cancelled);
    }

    /// <summary>Drops the capture (it timed out or its handoff ended another way).</summary>
    public Task ResetAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        _state.SetAsync(turnContext, new DialogState(), cancellationToken);

    private async Task<DialogContext> ContextAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        try
        {
            return await _dialogs.CreateContextAsync(turnContext, cancellationToken);
        }
        catch (DialogStackIncompatibleException)
        {
            // Saved by a release whose capture this one cannot read: the capture starts again at the phone number.
            await _state.SetAsync(turnContext, new DialogState(), cancellationToken);
            return await _dialogs.CreateContextAsync(turnContext, cancellationToken);
        }
    }
}
