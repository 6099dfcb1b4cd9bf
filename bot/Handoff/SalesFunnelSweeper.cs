using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Funnel;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Every hour: deletes the funnel's rows of days more than <see cref="HandoffOptions.FunnelRetentionDays"/> before
/// today in the sales time zone (the day the supervisor reads), so one row per conversation and stage does not grow
/// the table for ever. A job of <see cref="SweepLoop"/>; on PostgreSQL any instance may run it, a second is a no-op.
/// </summary>
public sealed class SalesFunnelSweeper(ISalesFunnelStore store, SalesHours hours, IOptions<HandoffOptions> options, TimeProvider clock) : ISweepJob
{
    public string Name => "sales funnel days";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public Task<int> SweepAsync(CancellationToken cancellationToken) =>
        store.DeleteDaysBeforeAsync(hours.DayOf(clock.GetUtcNow()).AddDays(-options.Value.FunnelRetentionDays), cancellationToken);
}
