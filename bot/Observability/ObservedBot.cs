using System.Diagnostics;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Funnel;
using My8x8.SalesBot.Handoff;
using Newtonsoft.Json;

namespace My8x8.SalesBot.Observability;

/// <summary>
/// Wraps the bot: a "turn" span, a logging scope with the conversation and turn ids (never the text, which may hold
/// card data before redaction), turn and error metrics, and the sales funnel — a conversation the customer writes in,
/// and the stage of the flow it is at, read from its dialog stack before and after the turn, recorded when it changes
/// (<see cref="SalesFunnelRecorder"/>: once a day per conversation and stage).
/// </summary>
internal sealed class ObservedBot(
    IBot inner, ConversationState conversationState, SalesBotMetrics metrics, SalesFunnelRecorder funnel, ILogger<ObservedBot> logger) : IBot
{
    /// <summary>The dialog runner keeps the stack under this property (see SalesBotServiceExtensions).</summary>
    internal const string DialogStateProperty = "dialogState";

    private readonly IStatePropertyAccessor<DialogState> _dialogState = conversationState.Property<DialogState>(DialogStateProperty);

    public async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        using var scope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["ConversationId"] = activity.Conversation?.Id,
            ["TurnId"] = activity.Id,
            ["ChannelId"] = activity.ChannelId,
        });
        using var span = SalesBotTelemetry.Source.StartActivity("turn");
        span?.SetTag("salesbot.channel", activity.ChannelId);
        span?.SetTag("salesbot.activity.type", activity.Type);
        span?.SetTag("salesbot.conversation.id", activity.Conversation?.Id);

        var started = Stopwatch.GetTimestamp();
        var tracksFunnel = activity.Type is ActivityTypes.Message or ActivityTypes.Event;
        var before = tracksFunnel ? await StageAsync(turnContext, cancellationToken) : null;
        try
        {
            await inner.OnTurnAsync(turnContext, cancellationToken);
        }
        catch (Exception ex)
        {
            metrics.TurnFailed(activity.ChannelId, ex);
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }

        if (activity.Type == ActivityTypes.Message)
        {
            await funnel.StageReachedAsync(FunnelStages.Conversation, TranscriptMiddleware.ConversationKey(activity), cancellationToken);
        }

        if (tracksFunnel && await StageAsync(turnContext, cancellationToken) is { } after && after != before)
        {
            await funnel.StageReachedAsync(after, TranscriptMiddleware.ConversationKey(activity), cancellationToken);
            span?.SetTag("salesbot.funnel.stage", after);
        }

        metrics.TurnCompleted(activity.ChannelId, activity.Type, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// The funnel stage of the conversation's dialog stack: the innermost sales step on it. The state is already
    /// loaded (or about to be) for the turn, so this reads the turn's cache, not the store.
    /// </summary>
    private async Task<string?> StageAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        DialogState? state;
        try
        {
            state = await _dialogState.GetAsync(turnContext, null, cancellationToken);
        }
        catch (JsonException)
        {
            // An unreadable stack is the dialog runner's to handle (it restarts the flow); the funnel just skips it.
            return null;
        }

        return state is null ? null : SalesFunnel.StageOf(state);
    }
}
