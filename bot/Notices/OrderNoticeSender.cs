using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Adapter;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Turns;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Notices;

/// <summary>
/// Follows the ordering service's status feed and, when an order placed in a conversation ships, is delivered or its
/// lines become active, continues that conversation (the SDK's proactive path, as the handoff uses it: same turn
/// lock, same state, Web Chat and Teams alike) so the customer reads it there. Each notice is claimed in the shared
/// store before it is sent — at most once per event, however many instances follow the feed — and its outcome is
/// recorded, including the ones the channel would not take.
/// </summary>
public sealed class OrderNoticeSender(
    IOrderingService ordering,
    OrderNoticeStore store,
    SalesBotAdapter adapter,
    IBot bot,
    IConfiguration configuration,
    IOptions<OrderNoticeOptions> options,
    TimeProvider clock,
    SalesBotMetrics metrics,
    ILogger<OrderNoticeSender> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PollInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
#pragma warning disable CA1031 // A round that fails (ordering or the store away) is tried again at the next tick.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Order notices could not be sent this round; trying again in {Interval}", options.Value.PollInterval);
            }
        }
    }

    /// <summary>Reads the feed from where every instance left it and sends what is due; returns how many notices this call sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        var events = await ordering.GetOrderEventsAsync(await store.CursorAsync(cancellationToken), options.Value.BatchSize, cancellationToken);
        foreach (var change in events)
        {
            if (change.Status is OrderStatus.Shipped or OrderStatus.Delivered or OrderStatus.Active
                && await store.GetConversationAsync(change.OrderNumber, cancellationToken) is { } placedIn
                && placedIn.UserId == change.UserId
                && await store.TryClaimAsync(change.EventId, change.OrderNumber, change.Status.ToString(), clock.GetUtcNow(), cancellationToken))
            {
                var (outcome, detail) = await DeliverAsync(placedIn.Reference, new OrderNotice(change.EventId, change.OrderNumber, change.UserId, change.Status), cancellationToken);
                await store.FinishAsync(change.EventId, outcome, detail, clock.GetUtcNow(), cancellationToken);
                metrics.OrderNoticeFinished(outcome switch
                {
                    OrderNoticeOutcome.Sent => "sent",
                    OrderNoticeOutcome.UpdatesOff => "updates_off",
                    _ => "undeliverable",
                });
                if (outcome == OrderNoticeOutcome.Undeliverable)
                {
                    // Not sent again: the customer still reads the status by asking, in this conversation or a new one.
                    logger.LogWarning("Notice of order {OrderNumber} {Status} (event {EventId}) could not be delivered to its conversation: {Reason}",
                        change.OrderNumber, change.Status, change.EventId, detail);
                }
                else
                {
                    logger.LogInformation("Notice of order {OrderNumber} {Status} (event {EventId}): {Outcome}", change.OrderNumber, change.Status, change.EventId, outcome);
                }
                sent += outcome == OrderNoticeOutcome.Sent ? 1 : 0;
            }

            await store.AdvanceCursorAsync(change.Sequence, cancellationToken);
        }

        return sent;
    }

    private async Task<(OrderNoticeOutcome, string?)> DeliverAsync(string referenceJson, OrderNotice notice, CancellationToken cancellationToken)
    {
        var reference = JsonConvert.DeserializeObject<ConversationReference>(referenceJson);
        if (reference?.Conversation?.Id is null || reference.ServiceUrl is null)
        {
            return (OrderNoticeOutcome.Undeliverable, "the conversation reference is incomplete");
        }

        TurnOutbox? outbox = null;
        bool? shown = null;
        try
        {
            await adapter.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? "", reference, async (turnContext, ct) =>
            {
                turnContext.Activity.Name = OrderStatusReplies.OrderNoticeEvent;
                turnContext.Activity.Value = JObject.FromObject(notice);
                outbox = TurnOutbox.Of(turnContext);
                await bot.OnTurnAsync(turnContext, ct);
                shown = turnContext.TurnState.TryGetValue(OrderStatusReplies.OrderNoticeEvent, out var value) ? value as bool? : null;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or Microsoft.Rest.HttpOperationException or ErrorResponseException or UnauthorizedAccessException or OperationCanceledException
            && !cancellationToken.IsCancellationRequested)
        {
            return (OrderNoticeOutcome.Undeliverable, Describe(ex));
        }

        if (outbox?.StoppedBy is { } stopped)
        {
            // The turn ran, but the channel refused its reply (an expired Direct Line conversation answers 404).
            return (OrderNoticeOutcome.Undeliverable, Describe(stopped));
        }

        return shown switch
        {
            true => (OrderNoticeOutcome.Sent, null),
            false => (OrderNoticeOutcome.UpdatesOff, null),
            // The conversation is with a live agent (the handoff layer took the turn): the agent sees the order, not a bot notice.
            null => (OrderNoticeOutcome.Undeliverable, "the conversation did not take the notice (with a live agent)"),
        };
    }

    private static string Describe(Exception ex) => ex switch
    {
        Microsoft.Rest.HttpOperationException { Response: { } response } => $"the channel answered {(int)response.StatusCode} {response.StatusCode}",
        ErrorResponseException { Response: { } response } => $"the channel answered {(int)response.StatusCode} {response.StatusCode}",
        HttpRequestException { StatusCode: { } status } => $"the channel answered {(int)status} {status}",
        _ => ex.Message,
    };
}
