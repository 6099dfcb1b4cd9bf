using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine.Prompts;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// One turn's view of a dialog stack: the turn, the dialogs that can be started, and the stack itself.
/// Created by <see cref="DialogSet.CreateContextAsync"/> (or by a <see cref="ComponentDialog"/> for its inner stack).
/// </summary>
public sealed class DialogContext
{
    internal DialogContext(DialogSet dialogs, ITurnContext turnContext, DialogState state, DialogContext? parent = null)
    {
        Dialogs = dialogs;
        Context = turnContext;
        State = state;
        Parent = parent;
    }

    /// <summary>The dialogs this context can start (its parents' dialogs can be started too).</summary>
    public DialogSet Dialogs { get; }

    /// <summary>The current turn.</summary>
    public ITurnContext Context { get; }

    /// <summary>The context of the component that owns this stack, or <see langword="null"/> at the top level.</summary>
    public DialogContext? Parent { get; }

    /// <summary>The stack, active dialog first.</summary>
    public IReadOnlyList<DialogInstance> Stack => State.DialogStack;

    /// <summary>The active dialog's stack entry, or <see langword="null"/> when the stack is empty.</summary>
    public DialogInstance? ActiveDialog => State.DialogStack.Count > 0 ? State.DialogStack[0] : null;

    internal DialogState State { get; }

    /// <summary>Pushes dialog <paramref name="dialogId"/> onto the stack and starts it.</summary>
    /// <exception cref="ArgumentException">No dialog with that id is in this set or a parent's.</exception>
    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dialogId);
        var dialog = FindDialog(dialogId)
            ?? throw new ArgumentException($"No dialog with id '{dialogId}' is in this dialog set or its parents.", nameof(dialogId));
        State.DialogStack.Insert(0, new DialogInstance(dialogId));
        return dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    /// <summary>Starts the prompt <paramref name="dialogId"/> with <paramref name="options"/>.</summary>
    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Hands the user's message to the active dialog; <see cref="DialogTurnStatus.Empty"/> when there is none.</summary>
    /// <exception cref="DialogStackIncompatibleException">The active dialog no longer exists.</exception>
    public Task<DialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default)
    {
        var active = ActiveDialog;
        if (active is null)
        {
            return Task.FromResult(new DialogTurnResult(DialogTurnStatus.Empty));
        }

        return FindActiveDialog(active).ContinueDialogAsync(this, cancellationToken);
    }

    /// <summary>Ends the active dialog with <paramref name="result"/> and resumes the one below it.</summary>
    /// <returns><see cref="DialogTurnStatus.Complete"/> with the result when the stack is now empty.</returns>
    public async Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.EndCalled, cancellationToken);
        var parent = ActiveDialog;
        if (parent is null)
        {
            return new DialogTurnResult(DialogTurnStatus.Complete, result);
        }

        return await FindActiveDialog(parent).ResumeDialogAsync(this, DialogReason.EndCalled, result, cancellationToken);
    }

    /// <summary>Ends the active dialog without resuming its parent and starts <paramref name="dialogId"/> in its place (loops, restarts).</summary>
    public async Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken);
        return await BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Ends every dialog on this stack, top first, without resuming any.</summary>
    /// <returns><see cref="DialogTurnStatus.Cancelled"/>, or <see cref="DialogTurnStatus.Empty"/> when the stack was already empty.</returns>
    public async Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (State.DialogStack.Count == 0)
        {
            return new DialogTurnResult(DialogTurnStatus.Empty);
        }

        while (State.DialogStack.Count > 0)
        {
            await EndActiveDialogAsync(DialogReason.CancelCalled, cancellationToken);
        }

        return new DialogTurnResult(DialogTurnStatus.Cancelled);
    }

    /// <summary>Asks the active dialog to prompt the user again.</summary>
    public Task RepromptDialogAsync(CancellationToken cancellationToken = default)
    {
        var active = ActiveDialog;
        return active is null
            ? Task.CompletedTask
            : FindActiveDialog(active).RepromptDialogAsync(Context, active, cancellationToken);
    }

    /// <summary>
    /// Asks the current question again from scratch: a prompt asked by a waterfall's first step is dropped and that
    /// step runs again from the waterfall's options, so its words and cards are built anew — in the turn's language
    /// when the customer just switched (a reprompt resends the saved question as it was first written). Any other
    /// active dialog is reprompted.
    /// </summary>
    public async Task<DialogTurnResult> AskAgainFromScratchAsync(CancellationToken cancellationToken = default)
    {
        if (Stack.Count > 1 && FindDialog(Stack[0].Id) is IAnswerReader
            && FindDialog(Stack[1].Id) is IRepeatableStep asker && asker.AsksFromItsOptions(Stack[1]))
        {
            await EndActiveDialogAsync(DialogReason.ReplaceCalled, cancellationToken);
            return await asker.RepeatStepAsync(this, cancellationToken);
        }

        await RepromptDialogAsync(cancellationToken);
        return Dialog.EndOfTurn;
    }

    /// <summary>Finds a dialog in this context's set, then in its parents' sets.</summary>
    public Dialog? FindDialog(string dialogId) => Dialogs.Find(dialogId) ?? Parent?.FindDialog(dialogId);

    private Dialog FindActiveDialog(DialogInstance instance) => FindDialog(instance.Id)
        ?? throw new DialogStackIncompatibleException(
            $"The saved dialog stack refers to dialog '{instance.Id}', which this release does not have.");

    private async Task EndActiveDialogAsync(DialogReason reason, CancellationToken cancellationToken)
    {
        var instance = ActiveDialog;
        if (instance is null)
        {
            return;
        }

        // A dialog missing from this release has nothing to clean up; drop its entry all the same.
        var dialog = FindDialog(instance.Id);
        if (dialog is not null)
        {
            await dialog.EndDialogAsync(Context, instance, reason, cancellationToken);
        }

        State.DialogStack.Remove(instance);
    }
}
