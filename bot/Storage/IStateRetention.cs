namespace My8x8.SalesBot.Storage;

/// <summary>A state store that can forget conversations nobody has written to for a while (see <see cref="StateSweeper"/>).</summary>
public interface IStateRetention
{
    /// <summary>
    /// Deletes the conversation state (keys <c>{channel}/conversations/{id}…</c>, with the activity ids and undelivered
    /// replies kept in it) last written more than <paramref name="idleFor"/> ago, measured on the clock the store
    /// stamps its writes with. User state is kept. Returns how many conversations were deleted.
    /// </summary>
    Task<int> DeleteIdleConversationsAsync(TimeSpan idleFor, CancellationToken cancellationToken);
}
