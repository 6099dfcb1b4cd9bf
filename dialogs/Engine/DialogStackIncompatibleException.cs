namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// The saved dialog stack cannot run on this release: it names a dialog that no longer exists, or its
/// saved state no longer converts to the dialog's types. <see cref="DialogRunner"/> catches it and
/// restarts the conversation politely.
/// </summary>
public sealed class DialogStackIncompatibleException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public DialogStackIncompatibleException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public DialogStackIncompatibleException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the conversion error that caused it.</summary>
    public DialogStackIncompatibleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
