using Microsoft.Bot.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// Runs a root dialog for a turn: continues the conversation's active dialog, or begins the root when
/// nothing is active. A stack saved with another <see cref="DialogRunnerOptions.FlowVersion"/>, or one
/// that names dialogs or state this release cannot read, is dropped: the customer gets
/// <see cref="DialogRunnerOptions.RestartMessage"/> and the root starts again. Built once (a singleton);
/// the caller saves conversation state after the turn, as with the Bot Builder SDK.
/// </summary>
public sealed class DialogRunner
{
    private readonly Dialog _rootDialog;
    private readonly IStatePropertyAccessor<DialogState> _dialogState;
    private readonly DialogSet _dialogs;
    private readonly DialogRunnerOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a runner.</summary>
    /// <param name="rootDialog">The dialog every conversation starts with (usually a <see cref="ComponentDialog"/>).</param>
    /// <param name="dialogState">Where the stack is kept, e.g. <c>conversationState.CreateProperty&lt;DialogState&gt;("DialogState")</c>.</param>
    /// <param name="options">The flow version and restart message; defaults when omitted.</param>
    /// <param name="logger">Logs restarts.</param>
    public DialogRunner(
        Dialog rootDialog, IStatePropertyAccessor<DialogState> dialogState, DialogRunnerOptions? options = null, ILogger<DialogRunner>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(rootDialog);
        ArgumentNullException.ThrowIfNull(dialogState);
        _rootDialog = rootDialog;
        _dialogState = dialogState;
        _dialogs = new DialogSet(dialogState).Add(rootDialog);
        _options = options ?? new DialogRunnerOptions();
        _logger = logger ?? NullLogger<DialogRunner>.Instance;
    }

    /// <summary>Runs one turn.</summary>
    /// <returns>The stack's status after the turn (<see cref="DialogTurnStatus.Waiting"/> while a dialog waits for the user).</returns>
    public async Task<DialogTurnResult> RunAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        DialogContext dc;
        try
        {
            dc = await _dialogs.CreateContextAsync(turnContext, cancellationToken);
        }
        catch (DialogStackIncompatibleException ex)
        {
            _logger.LogWarning(ex, "Saved dialog state of conversation {ConversationId} is unreadable; restarting the flow", turnContext.Activity.Conversation?.Id);
            await _dialogState.SetAsync(turnContext, new DialogState(), cancellationToken);
            dc = await _dialogs.CreateContextAsync(turnContext, cancellationToken);
            return await RestartAsync(dc, cancellationToken);
        }

        if (dc.Stack.Count > 0)
        {
            var saved = dc.State.FlowVersion;
            if (!string.Equals(saved, _options.FlowVersion, StringComparison.Ordinal))
            {
                _logger.LogInformation(
                    "Conversation {ConversationId} was saved by flow version {SavedVersion}, now {FlowVersion}; restarting the flow",
                    turnContext.Activity.Conversation?.Id, saved, _options.FlowVersion);
                return await RestartAsync(dc, cancellationToken);
            }

            try
            {
                if (dc.Stack.Any(d => d.Id != _rootDialog.Id))
                {
                    throw new DialogStackIncompatibleException("The saved stack does not start with this runner's root dialog.");
                }

                var result = await dc.ContinueDialogAsync(cancellationToken);
                if (result.Status != DialogTurnStatus.Empty)
                {
                    return result;
                }
            }
            catch (DialogStackIncompatibleException ex)
            {
                _logger.LogWarning(ex, "Saved dialog stack of conversation {ConversationId} does not fit this release; restarting the flow", turnContext.Activity.Conversation?.Id);
                return await RestartAsync(dc, cancellationToken);
            }
        }

        return await BeginRootAsync(dc, cancellationToken);
    }

    /// <summary>
    /// Asks the active step its question again (after a detour outside the dialogs, e.g. a live-agent handoff);
    /// when nothing is active, or the saved stack cannot be resumed, the root begins as for a new conversation.
    /// </summary>
    public async Task<DialogTurnResult> RepromptAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        DialogContext dc;
        try
        {
            dc = await _dialogs.CreateContextAsync(turnContext, cancellationToken);
        }
        catch (DialogStackIncompatibleException)
        {
            return await RunAsync(turnContext, cancellationToken);
        }

        if (dc.Stack.Count == 0 || !string.Equals(dc.State.FlowVersion, _options.FlowVersion, StringComparison.Ordinal))
        {
            return await RunAsync(turnContext, cancellationToken);
        }

        await dc.RepromptDialogAsync(cancellationToken);
        return new DialogTurnResult(DialogTurnStatus.Waiting);
    }

    /// <summary>Drops the conversation's dialog stack without running the dialogs' end handlers; the next turn begins the root.</summary>
    public Task ResetAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        _dialogState.SetAsync(turnContext, new DialogState(), cancellationToken);

    private async Task<DialogTurnResult> RestartAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        // The old stack's dialogs may not exist any more, so it is dropped without running their end handlers.
        dc.State.DialogStack.Clear();
        await dc.Context.SendActivityAsync(_options.RestartMessage, cancellationToken: cancellationToken);
        return await BeginRootAsync(dc, cancellationToken);
    }

    private Task<DialogTurnResult> BeginRootAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        dc.State.FlowVersion = _options.FlowVersion;
        return dc.BeginDialogAsync(_rootDialog.Id, null, cancellationToken);
    }
}
