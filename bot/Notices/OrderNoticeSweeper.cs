using Microsoft.Extensions.Options;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Notices;

/// <summary>
/// Every <see cref="OrderNoticeOptions.SweepInterval"/>: deletes the shipment notices' bookkeeping past its retention —
/// the conversations orders were placed in (<see cref="OrderNoticeOptions.ConversationRetention"/>), the notices
/// delivered (<see cref="OrderNoticeOptions.NoticeRetention"/>) and, later, the ones the channel did not take
/// (<see cref="OrderNoticeOptions.UndeliveredRetention"/>) — so the tables stay bounded however many orders are placed.
/// A job of <see cref="SweepLoop"/>, on SQLite and PostgreSQL alike.
/// </summary>
internal sealed class OrderNoticeSweeper(OrderNoticeStore store, IOptions<OrderNoticeOptions> options, TimeProvider clock) : ISweepJob
{
    private readonly OrderNoticeOptions _options = options.Value;

    public string Name => "order notices";

    public TimeSpan Interval => _options.SweepInterval;

    /// <summary>One sweep; returns how many order conversations and notices were deleted.</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return store.DeleteExpiredAsync(now - _options.ConversationRetention, now - _options.NoticeRetention, now - _options.UndeliveredRetention, cancellationToken);
    }
}
