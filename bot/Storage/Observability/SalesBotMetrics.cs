using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace My8x8.SalesBot.Observability;

/// <summary>
/// The bot's metrics (meter <see cref="SalesBotTelemetry.Name"/>), created through <see cref="IMeterFactory"/> so each
/// host has its own meter. Instruments with no listener are no-ops, so recording on the hot path is cheap.
/// </summary>
public sealed class SalesBotMetrics
{
    private readonly Counter<long> _turns;
    private readonly Histogram<double> _turnDuration;
    private readonly Counter<long> _turnErrors;
    private readonly Counter<long> _funnel;
    private readonly Counter<long> _orders;
    private readonly Counter<long> _handoffs;
    private readonly Counter<long> _callbacks;
    private readonly Counter<long> _etagConflicts;
    private readonly Counter<long> _lockWaits;
    private readonly Histogram<double> _lockWaitDuration;
    private readonly Counter<long> _orderingErrors;
    private readonly Counter<long> _storeBusy;
    private readonly Counter<long> _unsaved;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _undelivered;
    private readonly Counter<long> _orderNotices;

    public SalesBotMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(SalesBotTelemetry.Name);
        _turns = meter.CreateCounter<long>("salesbot.turns", "{turn}", "Turns processed, by channel and activity type.");
        _turnDuration = meter.CreateHistogram<double>("salesbot.turn.duration", "s", "Time the bot spent on a turn (after the turn lock was acquired).");
        _turnErrors = meter.CreateCounter<long>("salesbot.turn.errors", "{turn}", "Turns that failed with an exception, by exception type.");
        _funnel = meter.CreateCounter<long>("salesbot.funnel.stage_reached", "{conversation}",
            "Conversations entering a stage of the sales flow (identify, products, payment_card, shipping, quote, terms, order_placed).");
        _orders = meter.CreateCounter<long>("salesbot.orders", "{order}", "Orders placed through the bot.");
        _handoffs = meter.CreateCounter<long>("salesbot.handoffs", "{handoff}", "Handoffs to a sales agent, by reason.");
        _callbacks = meter.CreateCounter<long>("salesbot.callbacks", "{callback}", "Callback requests taken.");
        _etagConflicts = meter.CreateCounter<long>("salesbot.storage.etag_conflicts", "{conflict}", "State writes refused because another writer got there first.");
        _lockWaits = meter.CreateCounter<long>("salesbot.turn_lock.waits", "{wait}",
            "Turns that had to wait for another turn of their conversation, by outcome (acquired, timeout).");
        _lockWaitDuration = meter.CreateHistogram<double>("salesbot.turn_lock.wait_duration", "s", "How long contended turns waited for the conversation's turn lock.");
        _storeBusy = meter.CreateCounter<long>("salesbot.storage.busy_waits", "{write}",
            "State writes that found the database locked by another connection and had to wait.");
        _unsaved = meter.CreateCounter<long>("salesbot.turn.unsaved", "{turn}",
            "Turns whose state could not be saved in time, by what the customer was told (retry, or the change that was kept).");
        _duplicates = meter.CreateCounter<long>("salesbot.turn.duplicates", "{activity}", "Channel retries of an activity already processed, answered without a second effect.");
        _undelivered = meter.CreateCounter<long>("salesbot.replies.undelivered", "{activity}", "Replies the channel did not accept, even when sent again; kept for the next turn.");
        _orderNotices = meter.CreateCounter<long>("salesbot.order_notices", "{notice}",
            "Shipment notices by outcome: sent, updates_off (the customer said stop updates) or undeliverable (the channel did not take it; kept in order_notices with its reason).");
        _orderingErrors = meter.CreateCounter<long>("salesbot.ordering.errors", "{error}", "Ordering service refusals and failures, by code.");
    }

    public void TurnCompleted(string? channelId, string? activityType, TimeSpan duration)
    {
        var tags = new TagList { { "channel", channelId ?? "unknown" }, { "activity.type", activityType ?? "unknown" } };
        _turns.Add(1, tags);
        _turnDuration.Record(duration.TotalSeconds, tags);
    }

    public void TurnFailed(string? channelId, Exception exception) =>
        _turnErrors.Add(1, new KeyValuePair<string, object?>("channel", channelId ?? "unknown"), new KeyValuePair<string, object?>("error.type", exception.GetType().Name));

    public void StageReached(string stage) => _funnel.Add(1, new KeyValuePair<string, object?>("stage", stage));

    public void OrderPlaced() => _orders.Add(1);

    public void HandoffStarted(string reason) => _handoffs.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void CallbackRequested() => _callbacks.Add(1);

    public void ETagConflict() => _etagConflicts.Add(1);

    public void StateStoreBusy() => _storeBusy.Add(1);

    public void TurnUnsaved(string outcome) => _unsaved.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void DuplicateActivity(string? channelId) => _duplicates.Add(1, new KeyValuePair<string, object?>("channel", channelId));

    public void RepliesUndelivered(int count) => _undelivered.Add(count);

    public void TurnLockWaited(TimeSpan waited, bool acquired)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", acquired ? "acquired" : "timeout");
        _lockWaits.Add(1, outcome);
        _lockWaitDuration.Record(waited.TotalSeconds, outcome);
    }

    public void OrderNoticeFinished(string outcome) => _orderNotices.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void OrderingError(string code) => _orderingErrors.Add(1, new KeyValuePair<string, object?>("code", code));
}
