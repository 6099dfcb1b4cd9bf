using My8x8.SalesBot.Dialogs.Engine;

namespace My8x8.SalesBot.Dialogs.Tests.Engine.Flows;

/// <summary>
/// The one place global commands are handled (like core-bot's CancelAndHelpDialog): every flow component
/// derives from it; the outermost one sees the message first, so inner ones never handle a command twice.
/// </summary>
internal abstract class GlobalCommandsDialog(string dialogId) : ComponentDialog(dialogId)
{
    public const string HelpText = "You can say help, cart, agent or cancel at any time.";
    public const string CancelledText = "Okay, I've cancelled that.";
    public const string AgentText = "I'll connect you with a sales agent.";
    public const string AgentRequested = "agent requested";

    protected override async Task<DialogTurnResult> OnContinueDialogAsync(DialogContext innerDc, CancellationToken cancellationToken)
    {
        switch (innerDc.Context.Activity.Text?.Trim().ToUpperInvariant())
        {
            case "HELP":
                await innerDc.Context.SendActivityAsync(HelpText, cancellationToken: cancellationToken);
                await innerDc.RepromptDialogAsync(cancellationToken);
                return EndOfTurn;
            case "CANCEL":
                await innerDc.Context.SendActivityAsync(CancelledText, cancellationToken: cancellationToken);
                return await innerDc.CancelAllDialogsAsync(cancellationToken);
            case "AGENT":
                await innerDc.Context.SendActivityAsync(AgentText, cancellationToken: cancellationToken);
                await innerDc.CancelAllDialogsAsync(cancellationToken);
                return new DialogTurnResult(DialogTurnStatus.Complete, AgentRequested);
            default:
                return await base.OnContinueDialogAsync(innerDc, cancellationToken);
        }
    }
}
