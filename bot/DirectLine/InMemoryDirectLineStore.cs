using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Newtonsoft.Json;

namespace My8x8.SalesBot.DirectLine;

/// <summary>
/// Conversations in process memory, bounded: at most <see cref="DirectLineOptions.MaxConversations"/> (the least recently
/// active is evicted), <see cref="DirectLineOptions.MaxActivitiesPerConversation"/> each (oldest dropped; watermarks stay
/// absolute), removed after <see cref="DirectLineOptions.ConversationIdleTimeout"/> without activity — by the sweep loop
/// every <see cref="DirectLineOptions.SweepInterval"/>, when a conversation is looked up, and when a new one finds the store full.
/// </summary>
internal sealed class InMemoryDirectLineStore(IOptions<DirectLineOptions> options, TimeProvider time) : IDirectLineStore, IDirectLineRetention
{
    internal static readonly JsonSerializerSettings SerializerSettings = new()
    {
        NullValueHandling = NullValueHandling.Ignore,
        Formatting = Formatting.None,
    };

    private readonly Dictionary<string, Conversation> _conversations = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public ValueTask<bool> TryCreateConversationAsync(string conversationId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryCreate(conversationId, lastSequence: 0));

    public ValueTask<bool> TryResumeConversationAsync(string conversationId, long watermark, CancellationToken cancellationToken) =>
        ValueTask.FromResult(TryCreate(conversationId, lastSequence: Math.Clamp(watermark, 0, int.MaxValue)));

    private bool TryCreate(string conversationId, long lastSequence)
    {
        lock (_lock)
        {
            if (TryGetLive(conversationId, out _))
            {
                return false;
            }

            // Only when full: a scan of every conversation per new one made creating them quadratic at large limits;
            // the sweep loop removes idle ones otherwise.
            if (_conversations.Count >= options.Value.MaxConversations && RemoveExpired() == 0)
            {
                var leastRecent = _conversations.MinBy(entry => entry.Value.LastActive);
                Remove(leastRecent.Key);
            }

            _conversations[conversationId] = new Conversation { LastActive = time.GetUtcNow(), LastSequence = lastSequence };
            return true;
        }
    }

    public ValueTask<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(TryGetLive(conversationId, out _));
        }
    }

    public ValueTask<string?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        TaskCompletionSource signal;
        string id;
        lock (_lock)
        {
            if (!TryGetLive(conversationId, out var conversation))
            {
                return ValueTask.FromResult<string?>(null);
            }

            var sequence = ++conversation.LastSequence;
            activity.Id ??= $"{conversationId}|{conversation.Incarnation}.{sequence:D7}";
            id = activity.Id;
            var now = time.GetUtcNow();
            // A typing indicator is over once anything follows it: it is kept only while it is the newest activity, so
            // a page that reads the history again (a reload, a resumed chat) is never shown the bot typing in the past.
            if (conversation.Activities.Last?.Value.IsTyping == true)
            {
                conversation.Activities.RemoveLast();
            }

            conversation.Activities.AddLast(new Entry(sequence, JsonConvert.SerializeObject(activity, SerializerSettings), activity.Type == ActivityTypes.Typing, now));
            while (conversation.Activities.Count > options.Value.MaxActivitiesPerConversation)
            {
                conversation.Activities.RemoveFirst();
            }

            conversation.LastActive = now;
            signal = conversation.Changed;
            conversation.Changed = NewSignal();
        }

        signal.TrySetResult();
        return ValueTask.FromResult<string?>(id);
    }

    public ValueTask<DirectLineActivitySet?> GetActivitiesAsync(string conversationId, long? watermark, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!TryGetLive(conversationId, out var conversation))
            {
                return ValueTask.FromResult<DirectLineActivitySet?>(null);
            }

            var after = watermark ?? 0;
            // The newest activity may be a typing indicator: served while it is fresh (Web Chat shows one for 5 s).
            var staleTyping = time.GetUtcNow() - TypingLifetime;
            var activities = conversation.Activities
                .Where(entry => entry.Sequence > after && !(entry.IsTyping && entry.At < staleTyping))
                .Select(entry => entry.Json)
                .ToList();
            return ValueTask.FromResult<DirectLineActivitySet?>(new DirectLineActivitySet(activities, Math.Max(after, conversation.LastSequence)));
        }
    }

    public async Task WaitForActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_lock)
        {
            if (!TryGetLive(conversationId, out var conversation) || conversation.LastSequence > watermark)
            {
                return;
            }

            changed = conversation.Changed.Task;
        }

        await changed.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Removes the conversations idle past their timeout, a batch at a time so a stream or a reply waiting for the
    /// store's lock waits for one batch at most; returns how many were removed.
    /// </summary>
    public Task<int> RemoveIdleConversationsAsync(CancellationToken cancellationToken)
    {
        var removed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            int batch;
            lock (_lock)
            {
                batch = RemoveExpired(SweepBatch);
            }

            removed += batch;
            if (batch < SweepBatch)
            {
                break;
            }
        }

        return Task.FromResult(removed);
    }

    private const int SweepBatch = 500;

    internal int Count
    {
        get
        {
            lock (_lock)
            {
                return _conversations.Count;
            }
        }
    }

    private bool TryGetLive(string conversationId, out Conversation conversation)
    {
        if (_conversations.TryGetValue(conversationId, out conversation!))
        {
            if (time.GetUtcNow() - conversation.LastActive < options.Value.ConversationIdleTimeout)
            {
                return true;
            }

            Remove(conversationId);
        }

        return false;
    }

    /// <summary>Removes up to <paramref name="max"/> conversations idle past their timeout; the caller holds the lock.</summary>
    private int RemoveExpired(int max = int.MaxValue)
    {
        var cutoff = time.GetUtcNow() - options.Value.ConversationIdleTimeout;
        var expired = _conversations.Where(entry => entry.Value.LastActive <= cutoff).Select(entry => entry.Key).Take(max).ToList();
        expired.ForEach(Remove);
        return expired.Count;
    }

    private void Remove(string conversationId)
    {
        if (_conversations.Remove(conversationId, out var conversation))
        {
            // Wake any stream waiting on it, so it notices the conversation is gone.
            conversation.Changed.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>How long after it was sent a typing indicator is still served (then the bot has either spoken or stopped).</summary>
    internal static readonly TimeSpan TypingLifetime = TimeSpan.FromSeconds(5);

    private sealed record Entry(long Sequence, string Json, bool IsTyping, DateTimeOffset At);

    private sealed class Conversation
    {
        public LinkedList<Entry> Activities { get; } = new();

        public long LastSequence { get; set; }

        /// <summary>
        /// Tells this copy of the conversation from an earlier one: a chat resumed on another replica (or after a
        /// restart) starts counting again, and its activity ids must not repeat ids the bot has already processed —
        /// it would take the customer's next messages for channel retries and answer nothing.
        /// </summary>
        public string Incarnation { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));

        public DateTimeOffset LastActive { get; set; }

        public TaskCompletionSource Changed { get; set; } = NewSignal();
    }
}
