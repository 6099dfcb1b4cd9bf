using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// Base class of every dialog. Dialogs are built once (DI singletons) and shared by all conversations:
/// keep per-conversation data in the <see cref="DialogInstance.State"/> of the stack entry, never in fields.
/// </summary>
/// <param name="dialogId">The dialog's id, unique within its <see cref="DialogSet"/>; use <c>nameof</c>.</param>
public abstract class Dialog(string dialogId)
{
    /// <summary>The result that says "waiting for the user's next message".</summary>
    public static readonly DialogTurnResult EndOfTurn = new(DialogTurnStatus.Waiting);

    /// <summary>The dialog's id, unique within its <see cref="DialogSet"/>.</summary>
    public string Id { get; } = !string.IsNullOrWhiteSpace(dialogId)
        ? dialogId
        : throw new ArgumentException("A dialog needs an id.", nameof(dialogId));

    /// <summary>Starts the dialog; its stack entry is already <see cref="DialogContext.ActiveDialog"/>.</summary>
    public abstract Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken);

    /// <summary>Handles the user's next message while this dialog is active. By default the dialog ends.</summary>
    public virtual Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(null, cancellationToken);
    }

    /// <summary>A dialog this one started has ended with <paramref name="result"/>. By default this dialog ends with it.</summary>
    public virtual Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return dc.EndDialogAsync(result, cancellationToken);
    }

    /// <summary>Asks the user again for what the dialog is waiting for (after an interruption). By default does nothing.</summary>
    public virtual Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
        => Task.CompletedTask;

    /// <summary>The dialog's stack entry is being removed; <paramref name="reason"/> tells why. By default does nothing.</summary>
    public virtual Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken)
        => Task.CompletedTask;
}
