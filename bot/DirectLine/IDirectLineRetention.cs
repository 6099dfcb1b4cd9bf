namespace My8x8.SalesBot.DirectLine;

/// <summary>
/// A Direct Line store that holds conversations itself (in memory) and forgets those idle past
/// <see cref="DirectLineOptions.ConversationIdleTimeout"/> when asked; the host asks every
/// <see cref="DirectLineOptions.SweepInterval"/>.
/// </summary>
public interface IDirectLineRetention
{
    /// <summary>Removes the idle conversations; returns how many.</summary>
    Task<int> RemoveIdleConversationsAsync(CancellationToken cancellationToken);
}
