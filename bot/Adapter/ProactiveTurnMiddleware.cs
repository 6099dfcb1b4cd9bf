using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Adapter;

/// <summary>
/// Proactive turns (an agent's message, the card page's notification) start from a made-up continuation activity
/// whose id no channel has seen. Left as is, every message of such a turn says it replies to that unknown id, and
/// Web Chat holds a message back while it waits for the activity it replies to. Clearing the id sends them as plain
/// new messages.
/// </summary>
public sealed class ProactiveTurnMiddleware : Microsoft.Bot.Builder.IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (turnContext.Activity is { Type: ActivityTypes.Event, Name: ActivityEventNames.ContinueConversation })
        {
            turnContext.Activity.Id = null;
        }

        return next(cancellationToken);
    }
}
