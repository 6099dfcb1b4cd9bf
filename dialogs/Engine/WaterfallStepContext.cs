using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine.Prompts;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>What a waterfall step sees: the turn, the typed state, the previous step's result, and the dialog operations.</summary>
/// <typeparam name="TState">The dialog's typed state, saved between steps.</typeparam>
public sealed class WaterfallStepContext<TState>
    where TState : class, new()
{
    private readonly WaterfallDialog<TState> _dialog;
    private readonly DialogInstance _instance;
    private TState _state;
    private bool _nextCalled;

    internal WaterfallStepContext(
        WaterfallDialog<TState> dialog, DialogContext dc, DialogInstance instance, TState state, int index, DialogReason reason, object? result)
    {
        _dialog = dialog;
        DialogContext = dc;
        _instance = instance;
        _state = state;
        Index = index;
        Reason = reason;
        Result = result;
    }

    /// <summary>The current turn.</summary>
    public ITurnContext Context => DialogContext.Context;

    /// <summary>The dialog context the waterfall runs in (for operations the pass-throughs below do not cover).</summary>
    public DialogContext DialogContext { get; }

    /// <summary>
    /// The dialog's typed state. Changes to it are saved with the stack; assigning a new object
    /// (e.g. a <c>with</c> copy of a record) replaces it.
    /// </summary>
    public TState State
    {
        get => _state;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            _state = value;
            _instance.State[WaterfallDialog<TState>.StateKey] = value;
        }
    }

    /// <summary>
    /// The previous step's result: the value a prompt recognized, a child dialog's result, the user's text,
    /// or a <see cref="PromptAttemptsExhausted"/> when a prompt ran out of attempts.
    /// </summary>
    public object? Result { get; }

    /// <summary>The zero-based index of this step.</summary>
    public int Index { get; }

    /// <summary>Why this step runs.</summary>
    public DialogReason Reason { get; }

    /// <summary>The options the dialog was begun with, as saved JSON (a <c>JToken</c>); read them with <see cref="GetOptions{TOptions}"/>.</summary>
    public object? Options => _instance.State.TryGetValue(WaterfallDialog<TState>.OptionsKey, out var options) ? options : null;

    /// <summary>The options the dialog was begun with, converted to <typeparamref name="TOptions"/>; <see langword="default"/> when there were none.</summary>
    public TOptions? GetOptions<TOptions>() => StateValues.Get<TOptions>(_instance.State, WaterfallDialog<TState>.OptionsKey);

    /// <summary>Skips to the next step now, handing it <paramref name="result"/>.</summary>
    public Task<DialogTurnResult> NextAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        if (_nextCalled)
        {
            throw new InvalidOperationException($"NextAsync was already called in step {Index} of '{_dialog.Id}'.");
        }

        _nextCalled = true;
        return _dialog.NextAsync(DialogContext, result, cancellationToken);
    }

    /// <summary>Starts a child dialog; its result arrives as the next step's <see cref="Result"/>.</summary>
    public Task<DialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
        => DialogContext.BeginDialogAsync(dialogId, options, cancellationToken);

    /// <summary>Starts a prompt; its result arrives as the next step's <see cref="Result"/>.</summary>
    public Task<DialogTurnResult> PromptAsync(string dialogId, PromptOptions options, CancellationToken cancellationToken = default)
        => DialogContext.PromptAsync(dialogId, options, cancellationToken);

    /// <summary>Ends this dialog with <paramref name="result"/>.</summary>
    public Task<DialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
        => DialogContext.EndDialogAsync(result, cancellationToken);

    /// <summary>Ends this dialog and starts <paramref name="dialogId"/> in its place.</summary>
    public Task<DialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
        => DialogContext.ReplaceDialogAsync(dialogId, options, cancellationToken);

    /// <summary>Cancels every dialog on this stack.</summary>
    public Task<DialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
        => DialogContext.CancelAllDialogsAsync(cancellationToken);
}
