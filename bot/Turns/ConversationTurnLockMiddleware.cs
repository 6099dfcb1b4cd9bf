using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Turns;

/// <summary>Holds the conversation's turn lock for the whole turn, so state is loaded and saved by one turn at a time.</summary>
public sealed class ConversationTurnLockMiddleware(IConversationTurnLock turnLock) : Microsoft.Bot.Builder.IMiddleware
{
    internal static string BusyMessage => Resources.HostTexts.Texts["Error.StillWorking"];

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var key = $"{activity.ChannelId}/{activity.Conversation?.Id}";
        IAsyncDisposable lease;
        try
        {
            lease = await turnLock.AcquireAsync(key, cancellationToken);
        }
        catch (ConversationBusyException)
        {
            // The bounded wait ran out (a shared lock across instances): the turn is not run, nothing is written,
            // and the customer is asked to resend rather than left without an answer.
            if (activity.Type == ActivityTypes.Message)
            {
                // The turn never ran, so the channel's locale is all that says the customer's language.
                Dialogs.Language.SalesLanguages.Use(Resources.HostTexts.LanguageOf(turnContext));
                var busy = BusyMessage;
                await turnContext.SendActivityAsync(MessageFactory.Text(busy, busy, InputHints.AcceptingInput), cancellationToken);
            }

            return;
        }

        await using (lease)
        {
            await next(cancellationToken);
        }
    }
}
