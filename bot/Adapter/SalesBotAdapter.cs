using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Redaction;
using My8x8.SalesBot.Teams;
using My8x8.SalesBot.Turns;

namespace My8x8.SalesBot.Adapter;

/// <summary>The SDK's <see cref="CloudAdapter"/> with the turn lock and an error handler that keeps the customer's place.</summary>
public sealed class SalesBotAdapter : CloudAdapter
{
    /// <summary>The apology of a failed turn, with the sales phone as configured (SalesBot:SalesHours:Phone).</summary>
    internal static string ErrorMessage(SalesHours hours) => Resources.HostTexts.Texts.Format("Error.Turn", hours.Phone, hours.DescribeHours());

    public SalesBotAdapter(
        BotFrameworkAuthentication authentication,
        IConversationTurnLock turnLock,
        TranscriptMiddleware transcript,
        TeamsMiddleware teams,
        SalesHours hours,
        TurnCommitMiddleware commit,
        TypingRelayMiddleware typing,
        ILogger<SalesBotAdapter> logger)
        : base(authentication, logger)
    {
        // Redaction first: nothing after it, not even the error handler's log, sees a card number.
        Use(new RedactionMiddleware());
        Use(new ProactiveTurnMiddleware());
        // Typing between a customer and their agent is relayed here, before the turn lock: it never waits for a turn.
        Use(typing);
        Use(new ConversationTurnLockMiddleware(turnLock));
        // Teams before the transcript: channel chatter not addressed to the bot is dropped, and nobody's cart is recorded as shown to a channel.
        Use(teams);
        // Records the (already redacted) messages in and out, for the agent who may take over.
        Use(transcript);
        // A turn that takes longer than half a second (a slow ordering call) shows "typing…"; quick turns send nothing extra.
        Use(new TypingIndicatorMiddleware(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeProvider.System));
        // Last, around the bot: retried activities are not run twice, state is saved before any reply leaves, and a
        // reply the channel refuses never turns a done step into an error (see TurnCommitMiddleware).
        Use(commit);

        // State is deliberately not cleared here: the cart and the dialog step survive a failed turn.
        OnTurnError = async (turnContext, exception) =>
        {
            // The apologies in the turn's language, with the sales hours written in it.
            Dialogs.Language.SalesLanguages.Use(Resources.HostTexts.LanguageOf(turnContext));
            if (TurnOutbox.StoppedDelivery(turnContext, exception))
            {
                // The turn is done and saved, but its serviceUrl does not answer at all: nothing more can be sent there,
                // and the messages endpoint answers the caller 400 with the reason.
                ExceptionDispatchInfo.Throw(exception);
            }

            if (exception is StateStoreBusyException)
            {
                // Already logged where the wait ran out; nothing was saved or changed, and the customer can simply resend.
                if (turnContext.Activity.Type == ActivityTypes.Message)
                {
                    var busy = TurnCommitMiddleware.BusyMessage;
                    await turnContext.SendActivityAsync(MessageFactory.Text(busy, busy, InputHints.AcceptingInput));
                }

                return;
            }

            logger.LogError(
                exception,
                "Turn failed in conversation {ConversationId} on {ChannelId} for activity {ActivityType}",
                turnContext.Activity.Conversation?.Id,
                turnContext.Activity.ChannelId,
                turnContext.Activity.Type);

            if (turnContext.Activity.Type == ActivityTypes.Message)
            {
                var errorMessage = ErrorMessage(hours);
                await turnContext.SendActivityAsync(MessageFactory.Text(errorMessage, errorMessage, InputHints.AcceptingInput));
            }
        };
    }

    /// <summary>
    /// The last step before the channel: while the turn's state is not saved yet its replies wait here (see
    /// <see cref="TurnOutbox"/>), after every send handler of the turn has seen them.
    /// </summary>
    public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken) =>
        TurnOutbox.TryHold(turnContext, activities, () => base.SendActivitiesAsync(turnContext, activities, cancellationToken)) is { } held
            ? Task.FromResult(held)
            : base.SendActivitiesAsync(turnContext, activities, cancellationToken);
}
