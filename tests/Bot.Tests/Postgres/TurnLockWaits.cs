using System.Collections.Concurrent;
using System.Diagnostics;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Turns;

namespace My8x8.SalesBot.Bot.Tests.Postgres;

/// <summary>
/// Signals when a turn starts waiting for another instance to release its conversation (the lock's "turn lock wait"
/// span, which starts once the database refused the lock), so tests act on that fact instead of sleeping and hoping the
/// other instance got there. Only the conversations a test asks about are tracked; other tests' spans are ignored.
/// </summary>
internal sealed class TurnLockWaits : IDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);
    private readonly ActivityListener _listener;

    public TurnLockWaits()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == SalesBotTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                options.Name == PostgresConversationTurnLock.WaitSpanName ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            ActivityStarted = activity =>
            {
                if (activity.OperationName == PostgresConversationTurnLock.WaitSpanName
                    && activity.GetTagItem(PostgresConversationTurnLock.ConversationTag) is string key
                    && _waiting.TryGetValue(key, out var signal))
                {
                    signal.TrySetResult();
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Completes when a turn of <paramref name="conversationKey"/> (channel/conversation id) waits for another instance.</summary>
    public Task WaitingFor(string conversationKey) =>
        _waiting.GetOrAdd(conversationKey, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Dispose() => _listener.Dispose();
}
