using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>The Bot Builder SDK's familiar one-liner for running a dialog.</summary>
public static class DialogExtensions
{
    /// <summary>
    /// Runs <paramref name="dialog"/> as the root for this turn with default <see cref="DialogRunnerOptions"/>.
    /// Hosts that configure a flow version use a <see cref="DialogRunner"/> singleton instead.
    /// </summary>
    public static Task<DialogTurnResult> RunAsync(
        this Dialog dialog, ITurnContext turnContext, IStatePropertyAccessor<DialogState> accessor, CancellationToken cancellationToken)
        => new DialogRunner(dialog, accessor).RunAsync(turnContext, cancellationToken);
}
