using System.Runtime.ExceptionServices;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Adapter;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Storage;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Turns;

/// <summary>
/// Makes each turn one outcome, whatever fails. Runs last, inside the turn lock, around the bot:
/// <list type="bullet">
/// <item>A channel's retry of an activity already processed (same channel, conversation and activity id) is answered
/// 200 with nothing done and nothing sent; the ids are kept with the conversation's state (<see cref="TurnRecord"/>),
/// so the record is saved exactly when the turn's effects on that state are, on whichever instance.</item>
/// <item>Conversation and user state are saved, within <see cref="StorageOptions.WriteTimeout"/>, before any reply
/// leaves: a reply never promises a step that was not saved.</item>
/// <item>When the turn fails or its state cannot be saved: if it already changed something elsewhere (the cart, an
/// order; see <see cref="TurnEffects"/>), the customer gets its replies and a note that nothing needs repeating —
/// the change is real, and repeating it would repeat it; otherwise the replies are dropped and the adapter's error
/// handler asks them to try again (a busy store: "in a moment").</item>
/// <item>A reply the channel does not accept after the state is saved is sent once more; if it still fails it is kept
/// and sent first in the conversation's next turn. The turn itself succeeded, so it is never reported as failed.</item>
/// </list>
/// </summary>
public sealed class TurnCommitMiddleware(
    ConversationState conversationState,
    UserState userState,
    IOptions<StorageOptions> storageOptions,
    IOptions<TurnLockOptions> turnOptions,
    TimeProvider clock,
    SalesBotMetrics metrics,
    ILogger<TurnCommitMiddleware> logger) : Microsoft.Bot.Builder.IMiddleware
{
    // In the current UI culture: the callers make the turn's language current first (HostTexts.LanguageOf).
    internal static string BusyMessage => Resources.HostTexts.Texts["Error.Busy"];

    internal static string KeptButNotSavedMessage => Resources.HostTexts.Texts["Error.KeptButNotSaved"];

    internal static string RedeliveredMessage => Resources.HostTexts.Texts["Error.Redelivered"];

    private readonly IStatePropertyAccessor<TurnRecord> _record = conversationState.Property<TurnRecord>("turns");
    private readonly StorageOptions _storage = storageOptions.Value;
    private readonly TurnLockOptions _turns = turnOptions.Value;

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (activity.Conversation?.Id is null || activity.Type == ActivityTypes.Invoke)
        {
            // No conversation to keep state for; an invoke expects its own response: the turn runs as is.
            await next(cancellationToken);
            return;
        }

        var outbox = TurnOutbox.Open(turnContext);
        var record = await _record.GetAsync(turnContext, () => new TurnRecord(), cancellationToken);
        if (!string.IsNullOrEmpty(activity.Id))
        {
            if (record.HasSeen(activity.Id))
            {
                metrics.DuplicateActivity(activity.ChannelId);
                logger.LogInformation("Activity {ActivityId} of conversation {ConversationId} on {ChannelId} was already processed; the retry is not run again",
                    activity.Id, activity.Conversation.Id, activity.ChannelId);
                outbox.Discard();
                return;
            }

            record.Remember(activity.Id, clock.GetUtcNow(), _turns.DeduplicationWindow, _turns.DeduplicationMaxActivities);
        }

        await RedeliverAsync(turnContext, outbox, record, cancellationToken);

        ExceptionDispatchInfo? failure = null;
        try
        {
            await next(cancellationToken);
            await SaveAsync(turnContext, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failure = ExceptionDispatchInfo.Capture(ex);
        }

        if (failure is null)
        {
            await DeliverAsync(turnContext, outbox, record, cancellationToken);
            return;
        }

        if (!TurnEffects.Any(turnContext))
        {
            // Nothing happened that the customer could repeat by mistake: no reply goes out but the error handler's.
            outbox.Discard();
            if (failure.SourceException is StateStoreBusyException)
            {
                metrics.TurnUnsaved("retry");
            }

            failure.Throw();
        }

        // The cart changed or an order was placed, but the turn then failed or its state could not be saved. What the
        // replies say happened did happen (it lives in the ordering service, not in this store), so they go out, with
        // the truth about the rest; the channel gets a 200, so it does not retry the activity into a second effect.
        metrics.TurnUnsaved("kept");
        logger.LogError(failure.SourceException,
            "Turn of conversation {ConversationId} on {ChannelId} changed the cart or an order, then failed before its state was saved; its replies are sent with a notice",
            activity.Conversation.Id, activity.ChannelId);
        Dialogs.Language.SalesLanguages.Use(Resources.HostTexts.LanguageOf(turnContext));
        var notice = KeptButNotSavedMessage;
        await turnContext.SendActivityAsync(MessageFactory.Text(notice, notice, InputHints.AcceptingInput), cancellationToken);
        await DeliverAsync(turnContext, outbox, record: null, cancellationToken);
    }

    /// <summary>Saves conversation and user state, waiting for the store at most <see cref="StorageOptions.WriteTimeout"/>.</summary>
    private async Task SaveAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(_storage.WriteTimeout, clock);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            await conversationState.SaveChangesAsync(turnContext, force: false, bounded.Token);
            await userState.SaveChangesAsync(turnContext, force: false, bounded.Token);
        }
        catch (OperationCanceledException ex) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("The state of conversation {ConversationId} could not be saved within {WriteTimeoutMs} ms; the customer is asked to try again",
                turnContext.Activity.Conversation?.Id, (long)_storage.WriteTimeout.TotalMilliseconds);
            throw new StateStoreBusyException(_storage.WriteTimeout, ex);
        }
    }

    /// <summary>Replies an earlier turn could not deliver go first, with a word on why they come again.</summary>
    private static async Task RedeliverAsync(ITurnContext turnContext, TurnOutbox outbox, TurnRecord record, CancellationToken cancellationToken)
    {
        if (record.Undelivered is not { Count: > 0 } undelivered)
        {
            return;
        }

        record.Undelivered = null;
        outbox.Redelivering = true;
        // Said in the language the kept replies are in (the bot has not resolved this turn's yet).
        var kept = undelivered.Select(json => json.ToObject<Activity>()!).ToList();
        Dialogs.Language.SalesLanguages.Use(kept.FirstOrDefault(reply => reply.Locale is not null)?.Locale is { } locale
            ? Languages.SalesLanguage.For(locale)
            : Resources.HostTexts.LanguageOf(turnContext));
        var replies = new List<IActivity> { MessageFactory.Text(RedeliveredMessage) };
        foreach (var reply in kept)
        {
            reply.Id = null;
            reply.ReplyToId = null;
            replies.Add(reply);
        }

        await turnContext.SendActivitiesAsync([.. replies], cancellationToken);
        outbox.Redelivering = false;
    }

    private async Task DeliverAsync(ITurnContext turnContext, TurnOutbox outbox, TurnRecord? record, CancellationToken cancellationToken)
    {
        var conversationId = turnContext.Activity.Conversation?.Id;
        var undelivered = await outbox.ReleaseAsync(ex =>
        {
            if (TurnOutbox.IsUnreachable(ex))
            {
                // Anyone can post an activity naming any serviceUrl: no stack trace for each.
                logger.LogInformation("The serviceUrl of conversation {ConversationId} does not answer: {Reason}", conversationId, ex.Message);
            }
            else
            {
                logger.LogWarning(ex, "A reply in conversation {ConversationId} was not accepted by the channel", conversationId);
            }
        });
        if (undelivered.Count == 0)
        {
            return;
        }

        metrics.RepliesUndelivered(undelivered.Count);
        if (record is null)
        {
            logger.LogWarning("{Count} replies of conversation {ConversationId} could not be delivered and are lost with its unsaved state", undelivered.Count, conversationId);
            ThrowWhenUnreachable(outbox);
            return;
        }

        record.Undelivered = [.. undelivered.Select(reply => JObject.FromObject(reply))];
        try
        {
            await SaveAsync(turnContext, cancellationToken);
            logger.LogWarning("{Count} replies of conversation {ConversationId} could not be delivered; they are sent again in its next turn", undelivered.Count, conversationId);
        }
#pragma warning disable CA1031 // The turn succeeded and is saved; keeping its lost replies is a best effort.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "{Count} undelivered replies of conversation {ConversationId} could not be kept for its next turn", undelivered.Count, conversationId);
        }

        ThrowWhenUnreachable(outbox);
    }

    /// <summary>
    /// A serviceUrl that does not answer at all is the caller's mistake, not a channel's hiccup: the turn is done and its
    /// replies are kept, and the messages endpoint still tells the caller (400) — see <see cref="SalesBotAdapter"/>.
    /// </summary>
    private static void ThrowWhenUnreachable(TurnOutbox outbox)
    {
        if (outbox.StoppedBy is { } stopped && TurnOutbox.IsUnreachable(stopped))
        {
            ExceptionDispatchInfo.Throw(stopped);
        }
    }
}
