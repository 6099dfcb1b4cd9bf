using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// After the purchase, at any step: "where's my order", "status of SO-2026-12345", "my orders", "what did I buy"
/// answer with the customer's own orders only — an order number that is not theirs is answered exactly like one that
/// does not exist —; "order the same again" fills a new cart with the last order's items, checked against today's
/// catalog and rules; "stop updates" / "start updates" switch this conversation's shipment notices.
/// </summary>
public sealed partial class OrderStatusReplies(IOrderingService ordering, TurnOrdering turn, CatalogCache catalog, SubmitTickets tickets, SalesHours hours)
{
    /// <summary>The event the host sends into the conversation where an order was placed when it ships, is delivered or becomes active.</summary>
    public const string OrderNoticeEvent = "salesbot.orderNotice";

    private const int OthersListed = 5;

    /// <summary>Answers a status question; the customer's identity comes only from what the host verified.</summary>
    public async Task AnswerAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CustomerIdentity.Of(context).UserId is not { } userId)
        {
            await context.SendActivityAsync(MessageFactory.Text(SalesTexts.OrdersNeedSignIn), cancellationToken);
            return;
        }

        if (TryReadOrderNumber(context.Activity.Text, out var number))
        {
            var order = await ordering.GetOrderAsync(number, cancellationToken);
            await context.SendActivityAsync(
                order is not null && order.UserId == userId
                    ? SalesMessages.OrderStatus(context, order, hours, null, Suggestions(order))
                    : MessageFactory.Text(SalesTexts.NoSuchOrder(number)),
                cancellationToken);
            return;
        }

        var orders = await ordering.GetOrdersAsync(userId, cancellationToken);
        if (orders.Count == 0)
        {
            await context.SendActivityAsync(MessageFactory.Text(SalesTexts.NoOrdersYet), cancellationToken);
            return;
        }

        var latest = orders[0];
        await context.SendActivityAsync(SalesMessages.OrderStatus(context, latest, hours, SalesTexts.YourOrders(orders.Count), Suggestions(latest, orders.Skip(1))), cancellationToken);
        if (orders.Count > 1)
        {
            await context.SendActivityAsync(MessageFactory.Text(SalesTexts.OtherOrders(orders.Skip(1).Take(OthersListed)
                .Select(o => (o.Number, SalesTexts.OrderDate(o.PlacedAt, hours), SalesTexts.OrderStatusWords(o.Status).Status)))), cancellationToken);
        }
    }

    /// <summary>
    /// Puts the last order's items into the (empty) open cart through the ordering service, which applies today's
    /// prices and rules; returns what to say before the cart is shown, or null when the cart was not touched (the
    /// reason already sent).
    /// </summary>
    public async Task<string?> ReorderAsync(ITurnContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CustomerIdentity.Of(context).UserId is not { } userId)
        {
            await context.SendActivityAsync(MessageFactory.Text(SalesTexts.OrdersNeedSignIn), cancellationToken);
            return null;
        }

        var orders = await ordering.GetOrdersAsync(userId, cancellationToken);
        if (orders.Count == 0)
        {
            await context.SendActivityAsync(MessageFactory.Text(SalesTexts.ReorderNothingToRepeat), cancellationToken);
            return null;
        }

        var last = orders[0];
        var cart = await turn.GetOpenCartAsync(context, userId, cancellationToken);
        if (!cart.IsEmpty)
        {
            // Never a lost cart: what the customer is building stays as it is.
            await context.SendActivityAsync(MessageFactory.Text(SalesTexts.ReorderCartNotEmpty(last.Number)), cancellationToken);
            return null;
        }

        var products = await catalog.GetAsync(cancellationToken);
        var changes = new List<string>();
        foreach (var item in last.Items)
        {
            if (products.Find(item.Sku) is not { } product)
            {
                changes.Add(SalesTexts.NoLongerSold(item.Name));
                continue;
            }

            cart = await turn.AddToCartAsync(context, userId, cart.Id, product.Sku, item.Quantity, cancellationToken);
            if (product.Price != item.UnitPrice)
            {
                changes.Add(SalesTexts.PriceChanged(product.Name, item.UnitPrice, product.Price, product.Kind == ProductKind.Line));
            }
        }

        // The rules are the cart's: whatever they say now about this cart (a limit, phones beyond the lines) is listed.
        changes.AddRange(CartDescriptions.Notices(cart).Where(_ => cart.Problems.Count > 0));
        return SalesTexts.Reordered(last.Number, changes);
    }

    public async Task SetUpdatesAsync(ITurnContext context, bool on, CancellationToken cancellationToken)
    {
        await tickets.SetOrderUpdatesAsync(context, on, cancellationToken);
        await context.SendActivityAsync(MessageFactory.Text(on ? SalesTexts.UpdatesStarted : SalesTexts.UpdatesStopped), cancellationToken);
    }

    /// <summary>
    /// A notice the host delivers into this conversation (<see cref="OrderNoticeEvent"/>, value <see cref="OrderNotice"/>):
    /// the order as it is now, unless the customer said "stop updates" here. Returns whether it was sent.
    /// </summary>
    public async Task<bool> NotifyAsync(ITurnContext context, OrderNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(notice);
        if (!await tickets.OrderUpdatesOnAsync(context, cancellationToken))
        {
            return false;
        }

        var order = await ordering.GetOrderAsync(notice.OrderNumber, cancellationToken);
        if (order is null || order.UserId != notice.UserId)
        {
            return false;
        }

        await context.SendActivityAsync(SalesMessages.OrderStatus(context, order, hours, SalesTexts.OrderNotice(order.Number, notice.Status), Suggestions(order)), cancellationToken);
        return true;
    }

    public static bool TryReadOrderNumber(string? text, out string number)
    {
        var match = text is null ? Match.Empty : OrderNumberPattern().Match(text);
        number = match.Success ? $"SO-{match.Groups[1].Value}-{match.Groups[2].Value}" : "";
        return match.Success;
    }

    private static IReadOnlyList<string> Suggestions(Order order, IEnumerable<Order>? others = null) =>
        [.. (others ?? []).Take(2).Select(o => Commands.StatusOf(o.Number)), Commands.OrderTheSameAgain, Commands.StopUpdates];

    [GeneratedRegex(@"\bSO[-\s]?(\d{4})[-\s]?(\d{5,8})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OrderNumberPattern();
}

/// <summary>The value of an <see cref="OrderStatusReplies.OrderNoticeEvent"/>: which order changed, whose it is, and to what.</summary>
public sealed record OrderNotice(string EventId, string OrderNumber, string UserId, OrderStatus Status);
