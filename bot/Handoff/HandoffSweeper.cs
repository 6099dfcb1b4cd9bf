using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Every <see cref="HandoffOptions.SweepInterval"/> (on the injected clock): offers a callback to customers nobody
/// accepted within <see cref="HandoffOptions.AcceptTimeout"/> (the customer's next message would too, but they may be
/// waiting silently), and deletes transcripts past their retention.
/// </summary>
public sealed class HandoffSweeper(IHandoffStore store, AgentDesk desk, IOptions<HandoffOptions> options, TimeProvider clock, ILogger<HandoffSweeper> logger)
    : BackgroundService
{
    private readonly HandoffOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Handoff sweep failed; trying again in {SweepInterval}", _options.SweepInterval);
            }
        }
    }

    /// <summary>One sweep; returns how many handoffs were timed out.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var timedOut = 0;
        foreach (var session in await store.ListActiveAsync(cancellationToken))
        {
            if (session.Status is HandoffStatus.Queued or HandoffStatus.WaitingForHub
                && now - (session.QueuedAt ?? session.CreatedAt) >= _options.AcceptTimeout
                && await desk.TimeOutAsync(session.Id, cancellationToken) == HandoffCommandOutcome.Done)
            {
                timedOut++;
            }
        }

        await store.DeleteTranscriptsBeforeAsync(now - _options.TranscriptRetention, cancellationToken);
        return timedOut;
    }
}
