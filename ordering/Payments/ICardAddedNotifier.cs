namespace My8x8.SalesBot.Ordering.Payments;

/// <summary>Raised after a card was added on the hosted card page. Carries no card number: only brand, last four and expiry.</summary>
public sealed record CardAdded(string UserId, string CardId, string Brand, string Last4, int ExpiryMonth, int ExpiryYear, string? ConversationHint);

/// <summary>
/// Told when a card is added on the hosted card page, so the bot can send a proactive "card ending 4242 added" message.
/// The default does nothing; the bot replaces it. Failures are logged and never undo the stored card.
/// </summary>
public interface ICardAddedNotifier
{
    Task NotifyAsync(CardAdded cardAdded, CancellationToken cancellationToken);
}

/// <summary>The default notifier: nobody is listening.</summary>
public sealed class NullCardAddedNotifier : ICardAddedNotifier
{
    public Task NotifyAsync(CardAdded cardAdded, CancellationToken cancellationToken) => Task.CompletedTask;
}
