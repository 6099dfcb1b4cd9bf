namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>What a dialog operation produced: the stack's status and, on completion, the result.</summary>
/// <param name="Status">The state of the dialog stack.</param>
/// <param name="Result">The completed dialog's result, when <paramref name="Status"/> is <see cref="DialogTurnStatus.Complete"/>.</param>
public sealed record DialogTurnResult(DialogTurnStatus Status, object? Result = null);
