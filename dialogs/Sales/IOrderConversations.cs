using Microsoft.Bot.Builder;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// Remembers the conversation an order was placed in, so the host can tell it later when the order ships or is
/// delivered. The host implements it (it knows channels and stores); without one nothing is remembered.
/// </summary>
public interface IOrderConversations
{
    Task RememberAsync(ITurnContext turnContext, Order order, CancellationToken cancellationToken);
}
