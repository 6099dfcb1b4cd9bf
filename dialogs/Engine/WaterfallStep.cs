namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>One step of a <see cref="WaterfallDialog{TState}"/>; name implementations <c>…StepAsync</c>.</summary>
/// <typeparam name="TState">The dialog's typed state, saved between steps.</typeparam>
public delegate Task<DialogTurnResult> WaterfallStep<TState>(WaterfallStepContext<TState> stepContext, CancellationToken cancellationToken)
    where TState : class, new();
