using System.Collections.Concurrent;
using System.Data.Common;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Funnel;

namespace My8x8.SalesBot.Observability;

/// <summary>
/// The one way a funnel stage is recorded: a row in the shared <see cref="ISalesFunnelStore"/> for the day in the sales
/// time zone, and — only when that row is new — the OpenTelemetry counter. The supervisor's "today" (read from the
/// store, whichever instance recorded it) and the exported metrics therefore count the same conversations, carts,
/// orders and handoffs, each once a day. A store that cannot be reached costs the turn nothing: the stage is logged
/// and counted nowhere, so the two still agree.
/// </summary>
public sealed class SalesFunnelRecorder(ISalesFunnelStore store, SalesBotMetrics metrics, SalesHours hours, TimeProvider clock, ILogger<SalesFunnelRecorder> logger)
{
    // What this process already recorded today, so a conversation's every message is not a write. The day is the value:
    // an entry from yesterday records again. Cleared when it grows past a day's worth of busy traffic.
    private const int MaxRemembered = 100_000;
    private readonly ConcurrentDictionary<(string Stage, string Subject), DateOnly> _recorded = new();

    /// <summary>A conversation, cart or stage of the sales flow reached (<see cref="FunnelStages"/>).</summary>
    public Task StageReachedAsync(string stage, string subject, CancellationToken cancellationToken) =>
        RecordAsync(stage, subject, null, () => metrics.StageReached(stage), cancellationToken);

    /// <summary>An order placed: the funnel's last stage and the orders counter, once per order number.</summary>
    public Task OrderPlacedAsync(string orderNumber, CancellationToken cancellationToken) =>
        RecordAsync(FunnelStages.OrderPlaced, orderNumber, null, () =>
        {
            metrics.OrderPlaced();
            metrics.StageReached(FunnelStages.OrderPlaced);
        }, cancellationToken);

    /// <summary>A handoff the customer started, with its reason (whichever way it then goes).</summary>
    public Task HandoffStartedAsync(string handoffId, HandoffReason reason, CancellationToken cancellationToken) =>
        RecordAsync(FunnelStages.Handoff, handoffId, reason.ToString(), () => metrics.HandoffStarted(reason.ToString()), cancellationToken);

    private async Task RecordAsync(string stage, string subject, string? detail, Action count, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var day = hours.DayOf(now);
        if (_recorded.TryGetValue((stage, subject), out var known) && known == day)
        {
            return;
        }

        try
        {
            if (await store.TryRecordAsync(day, stage, subject, detail, now, cancellationToken))
            {
                count();
            }
        }
        catch (Exception exception) when (exception is DbException or TimeoutException)
        {
            logger.LogWarning(exception, "Funnel stage {Stage} was not recorded", stage);
            return;
        }

        if (_recorded.Count >= MaxRemembered)
        {
            _recorded.Clear();
        }

        _recorded[(stage, subject)] = day;
    }
}
