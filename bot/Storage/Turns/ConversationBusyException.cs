namespace My8x8.SalesBot.Turns;

/// <summary>
/// Another turn of the same conversation held the turn lock for longer than the bounded wait. The turn is not run;
/// the host's <c>ConversationTurnLockMiddleware</c> tells the customer to send the message again.
/// </summary>
public sealed class ConversationBusyException(string conversationKey, TimeSpan waited)
    : Exception($"The previous turn of conversation '{conversationKey}' was still running after {waited.TotalSeconds:0.#} s.")
{
    public string ConversationKey { get; } = conversationKey;
}
