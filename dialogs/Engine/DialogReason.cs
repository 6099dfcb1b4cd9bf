namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>Why a dialog is being resumed or ended.</summary>
public enum DialogReason
{
    /// <summary>A dialog was started with <see cref="DialogContext.BeginDialogAsync"/>.</summary>
    BeginCalled,

    /// <summary>The user sent a message to the active dialog.</summary>
    ContinueCalled,

    /// <summary>A dialog ended with <see cref="DialogContext.EndDialogAsync"/>.</summary>
    EndCalled,

    /// <summary>A dialog was replaced with <see cref="DialogContext.ReplaceDialogAsync"/>.</summary>
    ReplaceCalled,

    /// <summary>A dialog was cancelled with <see cref="DialogContext.CancelAllDialogsAsync"/>.</summary>
    CancelCalled,

    /// <summary>A waterfall step called <c>NextAsync</c>.</summary>
    NextCalled,

    /// <summary>
    /// The step asks its question again from scratch (<see cref="DialogContext.AskAgainFromScratchAsync"/>): its words are
    /// built anew, and what it said before the question, in the words of the moment, is not said again.
    /// </summary>
    RepeatCalled,
}
