using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Handoff;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// What a step does when the customer's answers ran out of attempts: it offers a sales agent and keeps going. The
/// customer decides — only "agent" (or "yes", where the step's own question is not a yes-or-no one) starts a handoff.
/// </summary>
public sealed class RepeatedFailures(SubmitTickets tickets)
{
    /// <summary>Offers a sales agent (the reason travels with the offer), then asks the same step again.</summary>
    public async Task<DialogTurnResult> OfferAgentAndAskAgainAsync<TState>(
        WaterfallStepContext<TState> step, HandoffReason reason, string stepName, CancellationToken cancellationToken)
        where TState : class, new()
    {
        ArgumentNullException.ThrowIfNull(step);
        await OfferAgentAsync(step.Context, reason, $"Could not get an answer at the {stepName} step.", acceptsYes: false, cancellationToken);
        await step.Context.SendActivityAsync(MessageFactory.Text(SalesTexts.OfferAgentAtStep), cancellationToken);
        return await step.ReplaceDialogAsync(step.DialogContext.ActiveDialog!.Id, step.Options, cancellationToken);
    }

    /// <summary>Records the offer the caller's reply makes; the customer's next message accepts it or lets it go.</summary>
    public Task OfferAgentAsync(ITurnContext turnContext, HandoffReason reason, string detail, bool acceptsYes, CancellationToken cancellationToken) =>
        tickets.OfferAgentAsync(turnContext, new AgentOffer(reason, detail, acceptsYes), cancellationToken);
}
