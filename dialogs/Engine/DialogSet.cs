using Microsoft.Bot.Builder;
using Newtonsoft.Json;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// A set of dialogs that can call each other by id, and the entry point that loads a conversation's
/// stack. Built once; holds no per-conversation data.
/// </summary>
public sealed class DialogSet
{
    private readonly IStatePropertyAccessor<DialogState>? _dialogState;
    private readonly Dictionary<string, Dialog> _dialogs = new(StringComparer.Ordinal);

    /// <summary>Creates a set whose stack is stored through <paramref name="dialogState"/> (a conversation state property).</summary>
    public DialogSet(IStatePropertyAccessor<DialogState> dialogState)
    {
        ArgumentNullException.ThrowIfNull(dialogState);
        _dialogState = dialogState;
    }

    /// <summary>An inner set of a <see cref="ComponentDialog"/>: its stack lives in the component's state.</summary>
    internal DialogSet()
    {
    }

    /// <summary>Adds a dialog. Ids are unique within the set.</summary>
    /// <returns>This set, for chaining.</returns>
    public DialogSet Add(Dialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        if (!_dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new ArgumentException($"A dialog with id '{dialog.Id}' is already in the set.", nameof(dialog));
        }

        return this;
    }

    /// <summary>Finds a dialog of this set by id, or <see langword="null"/>.</summary>
    public Dialog? Find(string dialogId) => _dialogs.GetValueOrDefault(dialogId);

    /// <summary>Loads the conversation's dialog stack and returns a context to run it this turn.</summary>
    /// <exception cref="DialogStackIncompatibleException">The saved stack cannot be read by this release.</exception>
    public async Task<DialogContext> CreateContextAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (_dialogState is null)
        {
            throw new InvalidOperationException("A component's inner dialog set has no state of its own.");
        }

        DialogState state;
        try
        {
            state = await _dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new DialogStackIncompatibleException("The saved dialog stack cannot be read.", ex);
        }

        // Storage without type names hands back a converted copy on every read; pin this instance in the
        // turn's state cache so the changes made during the turn are the ones saved.
        await _dialogState.SetAsync(turnContext, state, cancellationToken);
        return new DialogContext(this, turnContext, state);
    }
}
