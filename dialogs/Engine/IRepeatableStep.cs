namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// A dialog whose current question can be asked again from scratch, its words and cards built anew, rather than
/// resent as saved (<see cref="DialogContext.AskAgainFromScratchAsync"/>).
/// </summary>
internal interface IRepeatableStep
{
    /// <summary>
    /// Whether the step that asked the current question builds it from the dialog's options alone. A waterfall's
    /// first step does (it never has a previous step's result); a later step may ask from a result no longer kept.
    /// </summary>
    bool AsksFromItsOptions(DialogInstance instance);

    /// <summary>Runs that step again; the dialog is the active one.</summary>
    Task<DialogTurnResult> RepeatStepAsync(DialogContext dc, CancellationToken cancellationToken);
}
