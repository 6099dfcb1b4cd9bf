using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>A request to bring in a sales agent, with what the agent needs to pick up the conversation.</summary>
public sealed record HandoffRequest(HandoffReason Reason, string? UserId, string Detail);

/// <summary>
/// Brings a sales agent into the conversation (or arranges a callback outside sales hours). The conversation
/// calls this one seam; the agent console, callbacks and external contact centers plug in behind it.
/// </summary>
public interface IHandoffService
{
    /// <summary>Starts the handoff and tells the customer what happens next.</summary>
    Task RequestAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken);
}
