using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// A dialog made of dialogs: it runs its own inner stack (saved in its stack entry) starting with
/// <see cref="InitialDialogId"/>, and ends when that stack completes. Derive from it to group a flow and
/// to intercept the user's messages in one place (global commands: override <see cref="OnContinueDialogAsync"/>).
/// </summary>
/// <param name="dialogId">The component's id.</param>
public class ComponentDialog(string dialogId) : Dialog(dialogId)
{
    private const string InnerStackKey = "dialogs";
    private readonly DialogSet _dialogs = new();

    /// <summary>The inner dialog started when the component begins; defaults to the first dialog added.</summary>
    public string? InitialDialogId { get; protected set; }

    /// <inheritdoc />
    public sealed override async Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var inner = CreateInnerContext(dc, dc.ActiveDialog!);
        var turn = await OnBeginDialogAsync(inner, options, cancellationToken);
        return await AfterInnerTurnAsync(dc, turn, cancellationToken);
    }

    /// <inheritdoc />
    public sealed override async Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var inner = CreateInnerContext(dc, dc.ActiveDialog!);
        var turn = await OnContinueDialogAsync(inner, cancellationToken);
        return await AfterInnerTurnAsync(dc, turn, cancellationToken);
    }

    /// <summary>
    /// Inner dialogs run on the inner stack, so this is only reached when something was pushed on the
    /// outer stack above the component; ask the inner dialog again and keep waiting.
    /// </summary>
    public override async Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        await RepromptDialogAsync(dc.Context, dc.ActiveDialog!, cancellationToken);
        return EndOfTurn;
    }

    /// <inheritdoc />
    public sealed override async Task RepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var inner = CreateInnerContext(turnContext, instance, parent: null);
        await inner.RepromptDialogAsync(cancellationToken);
        await OnRepromptDialogAsync(turnContext, instance, cancellationToken);
    }

    /// <inheritdoc />
    public sealed override async Task EndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        if (reason == DialogReason.CancelCalled)
        {
            // Let inner dialogs (and nested components) clean up too.
            var inner = CreateInnerContext(turnContext, instance, parent: null);
            await inner.CancelAllDialogsAsync(cancellationToken);
        }

        await OnEndDialogAsync(turnContext, instance, reason, cancellationToken);
    }

    /// <summary>Adds an inner dialog; the first one added becomes <see cref="InitialDialogId"/> unless set.</summary>
    /// <returns>This component, for chaining.</returns>
    public ComponentDialog AddDialog(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        _dialogs.Add(dialog);
        InitialDialogId ??= dialog.Id;
        return this;
    }

    /// <summary>Finds an inner dialog by id.</summary>
    public Dialog? FindDialog(string dialogId) => _dialogs.Find(dialogId);

    /// <summary>Starts the inner stack. By default begins <see cref="InitialDialogId"/> with the component's options.</summary>
    protected virtual Task<DialogTurnResult> OnBeginDialogAsync(DialogContext innerDc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        var initial = InitialDialogId ?? throw new InvalidOperationException($"Component '{Id}' has no dialogs.");
        return innerDc.BeginDialogAsync(initial, options, cancellationToken);
    }

    /// <summary>
    /// Hands the user's message to the inner stack. Override to intercept global commands before the
    /// inner dialogs see the message (call the base to continue normally, or return
    /// <see cref="Dialog.EndOfTurn"/> after replying, or <c>innerDc.CancelAllDialogsAsync()</c>).
    /// </summary>
    protected virtual Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(innerDc);
        return innerDc.ContinueDialogAsync(cancellationToken);
    }

    /// <summary>Called when the component's entry leaves the stack (the inner stack was already cancelled if <paramref name="reason"/> says so).</summary>
    protected virtual Task OnEndDialogAsync(ITurnContext turnContext, DialogInstance instance, DialogReason reason, CancellationToken cancellationToken)
        => Task.CompletedTask;

    /// <summary>Called after the inner active dialog was asked to prompt again.</summary>
    protected virtual Task OnRepromptDialogAsync(ITurnContext turnContext, DialogInstance instance, CancellationToken cancellationToken)
        => Task.CompletedTask;

    /// <summary>The inner stack finished (completed or cancelled): end the component with <paramref name="result"/>.</summary>
    protected virtual Task<DialogTurnResult> EndComponentAsync(DialogContext outerDc, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outerDc);
        return outerDc.EndDialogAsync(result, cancellationToken);
    }

    private async Task<DialogTurnResult> AfterInnerTurnAsync(DialogContext outerDc, DialogTurnResult inner, CancellationToken cancellationToken)
    {
        if (inner.Status == DialogTurnStatus.Waiting)
        {
            return EndOfTurn;
        }

        var outer = await EndComponentAsync(outerDc, inner.Result, cancellationToken);

        // A cancelled flow that emptied the whole stack reports Cancelled to the host, not Complete.
        return inner.Status == DialogTurnStatus.Cancelled && outer.Status == DialogTurnStatus.Complete
            ? new DialogTurnResult(DialogTurnStatus.Cancelled)
            : outer;
    }

    private DialogContext CreateInnerContext(DialogContext outerDc, DialogInstance instance)
        => CreateInnerContext(outerDc.Context, instance, outerDc);

    private DialogContext CreateInnerContext(ITurnContext turnContext, DialogInstance instance, DialogContext? parent)
    {
        var innerState = StateValues.GetOrCreate(instance.State, InnerStackKey, () => new DialogState());
        return new DialogContext(_dialogs, turnContext, innerState, parent);
    }
}
