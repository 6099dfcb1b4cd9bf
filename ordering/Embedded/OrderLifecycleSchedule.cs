using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Ordering.Embedded;

/// <summary>
/// Moves orders of the embedded service along their lifecycle every <see cref="OrderLifecycleOptions.CheckInterval"/>
/// on the injected clock (a demo shows an order shipped and delivered within minutes; tests advance a fake clock).
/// Every instance may run it: <see cref="EmbeddedOrderingService.AdvanceDueOrdersAsync"/> moves each order once.
/// </summary>
internal sealed class OrderLifecycleSchedule(EmbeddedOrderingService ordering, IOptions<OrderingOptions> options, TimeProvider time, ILogger<OrderLifecycleSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = options.Value.Lifecycle;
        if (!schedule.AutoAdvance)
        {
            return;
        }

        using var timer = new PeriodicTimer(schedule.CheckInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ordering.AdvanceDueOrdersAsync(stoppingToken);
            }
#pragma warning disable CA1031 // A failed round (the database busy or away) is retried at the next tick; the host keeps running.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.LogWarning(ex, "Orders could not be moved along their lifecycle; trying again in {Interval}", schedule.CheckInterval);
            }
        }
    }
}
