using Microsoft.Extensions.Options;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Every <see cref="HandoffOptions.SweepInterval"/>: offers a callback to customers nobody accepted within
/// <see cref="HandoffOptions.AcceptTimeout"/> (the customer's next message would too, but they may be waiting silently),
/// and deletes transcript lines past <see cref="HandoffOptions.TranscriptRetention"/>. A job of <see cref="SweepLoop"/>.
/// </summary>
public sealed class HandoffSweeper(IHandoffStore store, AgentDesk desk, IOptions<HandoffOptions> options, TimeProvider clock) : ISweepJob
{
    private readonly HandoffOptions _options = options.Value;

    public string Name => "handoffs and transcripts";

    public TimeSpan Interval => _options.SweepInterval;

    /// <summary>One sweep; returns how many handoffs were timed out and transcript lines deleted.</summary>
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

        return timedOut + await store.DeleteTranscriptsBeforeAsync(now - _options.TranscriptRetention, cancellationToken);
    }
}
