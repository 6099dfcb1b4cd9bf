namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Handoffs, transcripts and callback requests. SQLite is the embedded default; a shared database (PostgreSQL)
/// plugs in here when several instances serve one conversation.
/// </summary>
public interface IHandoffStore
{
    /// <summary>The conversation's active handoff (not ended), or null.</summary>
    Task<HandoffSession?> GetActiveAsync(string conversationKey, CancellationToken cancellationToken);

    Task<HandoffSession?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every active handoff, oldest first.</summary>
    Task<IReadOnlyList<HandoffSession>> ListActiveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// How many handoffs wait in the queue for an agent (<see cref="HandoffStatus.Queued"/>): the position a customer who
    /// just joined is told. Counted by an index, without reading the handoffs.
    /// </summary>
    Task<int> CountQueuedAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the handoff.</summary>
    Task SaveAsync(HandoffSession session, CancellationToken cancellationToken);

    /// <summary>
    /// Assigns a queued handoff to <paramref name="agent"/> in one atomic step: of agents accepting at once, through
    /// any handle on the store (any instance), exactly one gets the handoff back, now <see cref="HandoffStatus.WithAgent"/>;
    /// the others — and anyone accepting a handoff that is missing or no longer queued — get null.
    /// </summary>
    Task<HandoffSession?> TryAcceptAsync(string id, AgentIdentity agent, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Appends to the conversation's transcript, keeping at most <paramref name="maxEntries"/> entries.</summary>
    Task AppendTranscriptAsync(string conversationKey, IReadOnlyList<TranscriptEntry> entries, int maxEntries, CancellationToken cancellationToken);

    Task<IReadOnlyList<TranscriptEntry>> GetTranscriptAsync(string conversationKey, CancellationToken cancellationToken);

    /// <summary>Deletes transcript entries older than <paramref name="before"/>.</summary>
    Task<int> DeleteTranscriptsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);

    Task SaveCallbackAsync(CallbackRequest callback, CancellationToken cancellationToken);

    Task<CallbackRequest?> GetCallbackAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Changes a callback request in one atomic step, through any handle on the store (any instance): <paramref name="change"/>
    /// sees the request as stored, with no other change in between, and returns it changed, or null to leave it as it is.
    /// Null when there is no such request.
    /// </summary>
    Task<CallbackUpdate?> UpdateCallbackAsync(string id, Func<CallbackRequest, CallbackRequest?> change, CancellationToken cancellationToken);

    /// <summary>Callback requests, open ones first, then by preferred time.</summary>
    Task<IReadOnlyList<CallbackRequest>> ListCallbacksAsync(CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="agent"/>'s console is connected now (inserts or refreshes their presence, name included).</summary>
    Task SeeAgentAsync(AgentIdentity agent, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Removes the agent's presence (they signed out).</summary>
    Task ForgetAgentAsync(string agentId, CancellationToken cancellationToken);

    /// <summary>The agent's presence as last recorded, however old, or null when there is none.</summary>
    Task<AgentPresence?> GetAgentPresenceAsync(string agentId, CancellationToken cancellationToken);

    /// <summary>Agents seen at or after <paramref name="since"/>, by name.</summary>
    Task<IReadOnlyList<AgentPresence>> ListAgentsSeenSinceAsync(DateTimeOffset since, CancellationToken cancellationToken);
}
