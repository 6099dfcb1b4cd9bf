using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// A dialog that runs its steps in order, one user message per step that waits. Each step sees the
/// previous step's result and a typed <typeparamref name="TState"/> that is saved with the stack
/// (as JSON) between turns.
/// </summary>
/// <typeparam name="TState">
/// The dialog's state: a small class that round-trips through Newtonsoft.Json. It starts as a copy of the
/// dialog's options when they are a <typeparamref name="TState"/>, otherwise as <c>new TState()</c>.
/// </typeparam>
public class WaterfallDialog<TState> : Dialog, IRepeatableStep
    where TState : class, new()
{
    internal const string OptionsKey = "options";
    internal const string StateKey = "state";
    private const string StepIndexKey = "stepIndex";

    private readonly List<WaterfallStep<TState>> _steps;

    /// <summary>Creates the dialog with its steps.</summary>
    public WaterfallDialog(string dialogId, IEnumerable<WaterfallStep<TState>>? steps = null)
        : base(dialogId)
    {
        _steps = steps is null ? [] : [.. steps];
    }

    /// <summary>Appends a step.</summary>
    /// <returns>This dialog, for chaining.</returns>
    public WaterfallDialog<TState> AddStep(WaterfallStep<TState> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    /// <inheritdoc />
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog!;
        if (options is not null)
        {
            instance.State[OptionsKey] = StateValues.ToJson(options);
        }

        // A copy, so the caller's object and this dialog's state never alias (they would not after a reload either).
        instance.State[StateKey] = options is TState seed
            ? StateValues.Copy(seed, StateKey)
            : new TState();
        return RunStepAsync(dc, instance, 0, DialogReason.BeginCalled, null, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<DialogTurnResult> ContinueDialogAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        // Only messages move a waterfall on; events and other activities are not answers.
        return dc.Context.Activity.Type == ActivityTypes.Message
            ? ResumeDialogAsync(dc, DialogReason.ContinueCalled, dc.Context.Activity.Text, cancellationToken)
            : Task.FromResult(EndOfTurn);
    }

    /// <inheritdoc />
    public override Task<DialogTurnResult> ResumeDialogAsync(DialogContext dc, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        var instance = dc.ActiveDialog!;
        var index = StateValues.Get<int>(instance.State, StepIndexKey);
        return RunStepAsync(dc, instance, index + 1, reason, result, cancellationToken);
    }

    /// <summary>
    /// Runs step <paramref name="index"/>; past the last step the dialog ends with <paramref name="result"/>.
    /// Override to observe steps (telemetry); call the base to run them.
    /// </summary>
    protected virtual async Task<DialogTurnResult> RunStepAsync(
        DialogContext dc, DialogInstance instance, int index, DialogReason reason, object? result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        ArgumentNullException.ThrowIfNull(instance);
        if (index >= _steps.Count)
        {
            return await dc.EndDialogAsync(result, cancellationToken);
        }

        instance.State[StepIndexKey] = index;
        var state = StateValues.GetOrCreate(instance.State, StateKey, () => new TState());
        var stepContext = new WaterfallStepContext<TState>(this, dc, instance, state, index, reason, result);
        return await _steps[index](stepContext, cancellationToken);
    }

    /// <inheritdoc />
    bool IRepeatableStep.AsksFromItsOptions(DialogInstance instance) => StateValues.Get<int>(instance.State, StepIndexKey) == 0;

    /// <inheritdoc />
    Task<DialogTurnResult> IRepeatableStep.RepeatStepAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dc);
        return RunStepAsync(dc, dc.ActiveDialog!, 0, DialogReason.RepeatCalled, null, cancellationToken);
    }

    internal Task<DialogTurnResult> NextAsync(DialogContext dc, object? result, CancellationToken cancellationToken)
        => ResumeDialogAsync(dc, DialogReason.NextCalled, result, cancellationToken);
}
