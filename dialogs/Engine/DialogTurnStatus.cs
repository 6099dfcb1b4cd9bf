namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>The state of the dialog stack after a turn.</summary>
public enum DialogTurnStatus
{
    /// <summary>The stack was empty: nothing ran.</summary>
    Empty,

    /// <summary>The active dialog is waiting for the user's next message.</summary>
    Waiting,

    /// <summary>The last dialog on the stack completed; <see cref="DialogTurnResult.Result"/> holds its result.</summary>
    Complete,

    /// <summary>The stack was cancelled.</summary>
    Cancelled,
}
