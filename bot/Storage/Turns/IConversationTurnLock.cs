namespace My8x8.SalesBot.Turns;

/// <summary>
/// Serializes the turns of one conversation: two activities of the same conversation never run interleaved,
/// while different conversations run in parallel. In-process by default; a shared store can serialize across
/// instances behind the same interface.
/// </summary>
public interface IConversationTurnLock
{
    /// <summary>Waits for the conversation's turn; dispose the result to let the next turn in.</summary>
    ValueTask<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken);
}
