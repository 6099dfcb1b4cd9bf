using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Turns;

/// <summary>Holds the conversation's turn lock for the whole turn, so state is loaded and saved by one turn at a time.</summary>
public sealed class ConversationTurnLockMiddleware(IConversationTurnLock turnLock) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var key = $"{activity.ChannelId}/{activity.Conversation?.Id}";
        await using var lease = await turnLock.AcquireAsync(key, cancellationToken);
        await next(cancellationToken);
    }
}
