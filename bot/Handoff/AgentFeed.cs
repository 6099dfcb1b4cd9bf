using System.Collections.Concurrent;
using System.Threading.Channels;

namespace My8x8.SalesBot.Handoff;

/// <summary>What changed, for the agent console's live updates (the console then reads what it shows).</summary>
/// <param name="Kind">"queue" (a handoff started, was accepted or ended), "transcript" (new lines in a conversation), "callbacks".</param>
/// <param name="SessionId">The handoff, when one is concerned.</param>
/// <param name="ConversationKey">The conversation whose transcript grew.</param>
public sealed record AgentFeedEvent(string Kind, string? SessionId = null, string? ConversationKey = null)
{
    public const string Queue = "queue";
    public const string Transcript = "transcript";
    public const string Callbacks = "callbacks";
}

/// <summary>In-process fan-out of <see cref="AgentFeedEvent"/>s to the consoles connected to this instance.</summary>
public sealed class AgentFeed
{
    private readonly ConcurrentDictionary<Guid, Channel<AgentFeedEvent>> _subscribers = new();

    public void Publish(AgentFeedEvent feedEvent)
    {
        foreach (var subscriber in _subscribers.Values)
        {
            subscriber.Writer.TryWrite(feedEvent);
        }
    }

    /// <summary>Events from now until <paramref name="cancellationToken"/> fires.</summary>
    public async IAsyncEnumerable<AgentFeedEvent> SubscribeAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Bounded, dropping the oldest: a stalled console must not hold memory; it refetches on the next event anyway.
        var channel = Channel.CreateBounded<AgentFeedEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        _subscribers[id] = channel;
        try
        {
            await foreach (var feedEvent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return feedEvent;
            }
        }
        finally
        {
            _subscribers.TryRemove(id, out _);
        }
    }
}
