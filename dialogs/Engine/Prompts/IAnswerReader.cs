namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// A dialog that can tell, without acting, whether this turn's message answers its question. Interruption logic uses
/// it so that a step's own answer ("ground", "the second one", "I agree") is never taken for something else.
/// </summary>
public interface IAnswerReader
{
    /// <summary>
    /// Whether the active instance (<see cref="DialogContext.ActiveDialog"/>) would accept this turn's message. A
    /// free-text prompt without a validator accepts any text, so it says false: the text is not a specific answer.
    /// Validators run as for a real answer and must not act (they may set a retry prompt).
    /// </summary>
    Task<bool> ReadsAsAnswerAsync(DialogContext dc, CancellationToken cancellationToken);
}
