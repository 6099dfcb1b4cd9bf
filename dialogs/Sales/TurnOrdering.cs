using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// The customer's eligibility and open cart, remembered for the rest of the turn that asked: one turn used to ask
/// for the open cart up to four times (the root's expiry check, each product added, the next prompt). A change
/// returns the cart as it now is, which is what the next read would return, so it replaces the remembered one; a
/// quote, an order or a refused change forgets it. Nothing outlives the turn (it lives in the turn context), so
/// other conversations and instances always get the ordering service's answer, and a turn's calls run one after
/// another, so no lock is needed.
/// </summary>
public sealed class TurnOrdering(IOrderingService ordering, IEnumerable<IOrderConversations> conversations)
{
    public async Task<EligibilityResult> CheckEligibilityAsync(ITurnContext turnContext, string userId, CancellationToken cancellationToken)
    {
        var memo = MemoOf(turnContext);
        if (memo.Eligibility.TryGetValue(userId, out var known))
        {
            return known;
        }

        var eligibility = await ordering.CheckEligibilityAsync(userId, cancellationToken);
        memo.Eligibility[userId] = eligibility;
        return eligibility;
    }

    public async Task<Cart> GetOpenCartAsync(ITurnContext turnContext, string userId, CancellationToken cancellationToken)
    {
        if (MemoOf(turnContext).Carts.TryGetValue(userId, out var known))
        {
            return known;
        }

        return Remember(turnContext, userId, await ordering.GetOpenCartAsync(userId, cancellationToken));
    }

    public Task<Cart> AddToCartAsync(ITurnContext turnContext, string userId, string cartId, string sku, int quantity, CancellationToken cancellationToken) =>
        ChangeAsync(turnContext, userId, () => ordering.AddToCartAsync(userId, cartId, sku, quantity, cancellationToken));

    public Task<Cart> SetQuantityAsync(ITurnContext turnContext, string userId, string cartId, string sku, int quantity, CancellationToken cancellationToken) =>
        ChangeAsync(turnContext, userId, () => ordering.SetQuantityAsync(userId, cartId, sku, quantity, cancellationToken));

    public Task<Cart> RemoveFromCartAsync(ITurnContext turnContext, string userId, string cartId, string sku, CancellationToken cancellationToken) =>
        ChangeAsync(turnContext, userId, () => ordering.RemoveFromCartAsync(userId, cartId, sku, cancellationToken));

    public Task<Cart> EmptyCartAsync(ITurnContext turnContext, string userId, string cartId, CancellationToken cancellationToken) =>
        ChangeAsync(turnContext, userId, () => ordering.EmptyCartAsync(userId, cartId, cancellationToken));

    public Task<Cart> SetShippingMethodAsync(ITurnContext turnContext, string userId, string cartId, string shippingMethodCode, CancellationToken cancellationToken) =>
        ChangeAsync(turnContext, userId, () => ordering.SetShippingMethodAsync(userId, cartId, shippingMethodCode, cancellationToken));

    /// <summary>A quote keeps the cart from idling out (its expiry moves), so the remembered cart is dropped.</summary>
    public async Task<Quote> QuoteAsync(ITurnContext turnContext, string userId, string cartId, string? cardId, CancellationToken cancellationToken)
    {
        Forget(turnContext, userId);
        return await ordering.QuoteAsync(userId, cartId, cardId, cancellationToken);
    }

    public async Task<Order> PlaceOrderAsync(ITurnContext turnContext, PlaceOrderRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        // An order also changes the account's lines, which eligibility reports.
        Forget(turnContext, request.UserId);
        MemoOf(turnContext).Eligibility.Remove(request.UserId);
        var order = await ordering.PlaceOrderAsync(request, idempotencyKey, cancellationToken);
        TurnEffects.Record(turnContext);
        foreach (var remembering in conversations)
        {
            // Where to send its shipment notices; placing again with the same key remembers the same place again.
            await remembering.RememberAsync(turnContext, order, cancellationToken);
        }

        return order;
    }

    /// <summary>The order placed from the user's cart <paramref name="cartId"/>, or null while it has not been ordered.</summary>
    public Task<Order?> GetOrderForCartAsync(string userId, string cartId, CancellationToken cancellationToken) =>
        ordering.GetOrderForCartAsync(userId, cartId, cancellationToken);

    /// <summary>The order <paramref name="orderNumber"/> when it was placed from the user's cart <paramref name="cartId"/>; otherwise null.</summary>
    public async Task<Order?> GetOrderOfCartAsync(string userId, string cartId, string orderNumber, CancellationToken cancellationToken) =>
        await ordering.GetOrderAsync(orderNumber, cancellationToken) is { } order && order.UserId == userId && order.CartId == cartId ? order : null;

    private static async Task<Cart> ChangeAsync(ITurnContext turnContext, string userId, Func<Task<Cart>> change)
    {
        // Until the change answers, the remembered cart may be stale (a refusal can mean it expired or was ordered).
        Forget(turnContext, userId);
        var cart = await change();
        TurnEffects.Record(turnContext);
        return Remember(turnContext, userId, cart);
    }

    private static Cart Remember(ITurnContext turnContext, string userId, Cart cart)
    {
        // Only the customer's open cart stands for "their cart"; anything else is read again next time.
        if (cart.Status == CartStatus.Open && cart.UserId == userId)
        {
            MemoOf(turnContext).Carts[userId] = cart;
        }

        return cart;
    }

    private static void Forget(ITurnContext turnContext, string userId) => MemoOf(turnContext).Carts.Remove(userId);

    // Short: the SDK's turn state compares keys culture-aware (ICU), at a cost that grows with the key's length.
    private const string MemoKey = "sales.ordering";

    private static Memo MemoOf(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.Get<Memo>(MemoKey) is { } memo)
        {
            return memo;
        }

        memo = new Memo();
        turnContext.TurnState.Add(MemoKey, memo);
        return memo;
    }

    private sealed class Memo
    {
        public Dictionary<string, EligibilityResult> Eligibility { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Cart> Carts { get; } = new(StringComparer.Ordinal);
    }
}
