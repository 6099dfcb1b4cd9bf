using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;
using Newtonsoft.Json;

namespace My8x8.SalesBot.Notices;

/// <summary>Remembers where each order was placed: the conversation reference its notices go to.</summary>
internal sealed class OrderConversations(OrderNoticeStore store, TimeProvider clock, ILogger<OrderConversations> logger) : IOrderConversations
{
    public async Task RememberAsync(ITurnContext turnContext, Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(order);
        var reference = JsonConvert.SerializeObject(turnContext.Activity.GetConversationReference());
        try
        {
            await store.RememberConversationAsync(order.Number, order.UserId, reference, clock.GetUtcNow(), cancellationToken);
        }
#pragma warning disable CA1031 // The order is placed either way; its confirmation must not fail because its notices cannot be arranged.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Order {OrderNumber} is placed, but its conversation could not be recorded for shipment notices", order.Number);
        }
    }
}
