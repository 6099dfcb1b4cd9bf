using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Handoff;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>What a checkout step does when its question ran out of attempts.</summary>
internal static class RepeatedFailures
{
    /// <summary>Offers a sales agent (the customer's reason travels with it), then asks the same step again.</summary>
    public static async Task<DialogTurnResult> OfferAgentAndAskAgainAsync<TState>(
        WaterfallStepContext<TState> step, IHandoffService handoff, string stepName, CancellationToken cancellationToken)
        where TState : class, new()
    {
        var request = new HandoffRequest(HandoffReason.RepeatedFailures, CustomerIdentity.Of(step.Context).UserId, $"Could not get an answer at the {stepName} step.");
        await handoff.RequestAsync(step.Context, request, cancellationToken);
        return await step.ReplaceDialogAsync(step.DialogContext.ActiveDialog!.Id, step.Options, cancellationToken);
    }
}
