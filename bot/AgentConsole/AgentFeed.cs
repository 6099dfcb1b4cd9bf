using System.Collections.Concurrent;
using System.Threading.Channels;

namespace My8x8.SalesBot.Handoff;

/// <summary>What changed, for the agent console's live updates (the console then reads what it shows).</summary>
/// <param name="Kind">"queue" (a handoff started, was accepted or ended), "transcript" (new lines in a conversation), "callbacks", "typing" (the customer with an agent is typing).</param>
/// <param name="SessionId">The handoff, when one is concerned.</param>
/// <param name="ConversationKey">The conversation whose transcript grew.</param>
public sealed record AgentFeedEvent(string Kind, string? SessionId = null, string? ConversationKey = null)
{
    public const string Queue = "queue";
    public const string Transcript = "transcript";
    public const string Callbacks = "callbacks";
    public const string Typing = "typing";
}

/// <summary>
/// Tells the other instances serving the bot about a change, so the consoles connected to them update too; they hand
/// it to their own <see cref="AgentFeed"/> with <see cref="AgentFeed.PublishHere"/>. Never blocks and never fails the
/// caller: the events are hints to re-read, and a lost one costs a console one refresh.
/// </summary>
public interface IAgentFeedNotifier
{
    void NotifyOtherInstances(AgentFeedEvent feedEvent);
}

/// <summary>The embedded default: one instance, nobody else to tell.</summary>
public sealed class SingleInstanceAgentFeedNotifier : IAgentFeedNotifier
{
    public void NotifyOtherInstances(AgentFeedEvent feedEvent)
    {
    }
}

/// <summary>
/// Fan-out of <see cref="AgentFeedEvent"/>s to the consoles connected to this instance, and through
/// <see cref="IAgentFeedNotifier"/> to those of the other instances (PostgreSQL LISTEN/NOTIFY when the bot runs on
/// PostgreSQL).
/// </summary>
public sealed class AgentFeed(IAgentFeedNotifier notifier)
{
    private readonly ConcurrentDictionary<Guid, Channel<AgentFeedEvent>> _subscribers = new();

    /// <summary>A change every instance's consoles should see.</summary>
    public void Publish(AgentFeedEvent feedEvent)
    {
        PublishHere(feedEvent);
        notifier.NotifyOtherInstances(feedEvent);
    }

    /// <summary>A change for this instance's consoles only (or one another instance announced).</summary>
    public void PublishHere(AgentFeedEvent feedEvent)
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
