using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Typing indicators between a customer and the agent holding their chat, handled before the turn lock so they never
/// wait behind (or hold up) a turn, and never reach the state, the transcript or the dialogs:
/// the customer's typing becomes a "typing" event on the agent feed (every instance's consoles) when an agent is with
/// them — and nothing otherwise; the agent's typing (<see cref="AgentTypingEndpoints"/>) becomes a typing activity to
/// the customer's channel.
/// </summary>
public sealed class TypingRelayMiddleware(IHandoffStore store, AgentFeed feed, TypingThrottle throttle) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (activity is { Type: ActivityTypes.Event, Name: AgentTypingEndpoints.AgentTypingEvent })
        {
            await turnContext.SendActivityAsync(new Activity(ActivityTypes.Typing), cancellationToken);
            return;
        }

        if (activity.Type != ActivityTypes.Typing)
        {
            await next(cancellationToken);
            return;
        }

        // The dialogs have nothing to do with typing: it ends here either way.
        if (activity.Conversation?.Id is null)
        {
            return;
        }

        var key = TranscriptMiddleware.ConversationKey(activity);
        if (throttle.TryPass("customer/" + key)
            && await store.GetActiveAsync(key, cancellationToken) is { Status: HandoffStatus.WithAgent } session)
        {
            feed.Publish(new AgentFeedEvent(AgentFeedEvent.Typing, session.Id, key));
        }
    }
}
