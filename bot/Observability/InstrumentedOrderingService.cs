using System.Diagnostics;
using System.Runtime.CompilerServices;
using My8x8.SalesBot.Funnel;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Observability;

/// <summary>
/// The ordering service as the bot sees it, embedded or remote: one "ordering …" span per call, refusals counted by
/// code, and the funnel's stages the ordering service sees: a cart that holds something, and each placed order.
/// </summary>
internal sealed class InstrumentedOrderingService(IOrderingService inner, SalesBotMetrics metrics, SalesFunnelRecorder funnel) : IOrderingService
{
    public Task<OrderingUser?> GetUserAsync(string userId, CancellationToken cancellationToken) => Run(() => inner.GetUserAsync(userId, cancellationToken));

    public Task<OrderingUser?> FindUserByAadAsync(string tenantId, string aadObjectId, CancellationToken cancellationToken) =>
        Run(() => inner.FindUserByAadAsync(tenantId, aadObjectId, cancellationToken));

    public Task<EligibilityResult> CheckEligibilityAsync(string userId, CancellationToken cancellationToken) => Run(() => inner.CheckEligibilityAsync(userId, cancellationToken));

    public Task<IReadOnlyList<Product>> GetCatalogAsync(CancellationToken cancellationToken) => Run(() => inner.GetCatalogAsync(cancellationToken));

    public Task<IReadOnlyList<PaymentCard>> GetCardsAsync(string userId, CancellationToken cancellationToken) => Run(() => inner.GetCardsAsync(userId, cancellationToken));

    public Task<CardSetupLink> CreateCardSetupLinkAsync(string userId, string? conversationHint, CancellationToken cancellationToken) =>
        Run(() => inner.CreateCardSetupLinkAsync(userId, conversationHint, cancellationToken));

    public Task<Cart> GetOpenCartAsync(string userId, CancellationToken cancellationToken) => Run(() => inner.GetOpenCartAsync(userId, cancellationToken));

    public async Task<Cart> AddToCartAsync(string userId, string cartId, string sku, int quantity, CancellationToken cancellationToken) =>
        await FilledAsync(await Run(() => inner.AddToCartAsync(userId, cartId, sku, quantity, cancellationToken)), cancellationToken);

    public async Task<Cart> SetQuantityAsync(string userId, string cartId, string sku, int quantity, CancellationToken cancellationToken) =>
        await FilledAsync(await Run(() => inner.SetQuantityAsync(userId, cartId, sku, quantity, cancellationToken)), cancellationToken);

    public Task<Cart> RemoveFromCartAsync(string userId, string cartId, string sku, CancellationToken cancellationToken) =>
        Run(() => inner.RemoveFromCartAsync(userId, cartId, sku, cancellationToken));

    public Task<Cart> EmptyCartAsync(string userId, string cartId, CancellationToken cancellationToken) => Run(() => inner.EmptyCartAsync(userId, cartId, cancellationToken));

    public Task<IReadOnlyList<ShippingMethod>> GetShippingMethodsAsync(CancellationToken cancellationToken) => Run(() => inner.GetShippingMethodsAsync(cancellationToken));

    public async Task<Cart> PrepareAssistedCartAsync(string userId, string cartId, AssistedCartRequest request, CancellationToken cancellationToken) =>
        await FilledAsync(await Run(() => inner.PrepareAssistedCartAsync(userId, cartId, request, cancellationToken)), cancellationToken);

    public Task<Cart> SetShippingMethodAsync(string userId, string cartId, string shippingMethodCode, CancellationToken cancellationToken) =>
        Run(() => inner.SetShippingMethodAsync(userId, cartId, shippingMethodCode, cancellationToken));

    public Task<Address> GetShipToAddressAsync(string userId, CancellationToken cancellationToken) => Run(() => inner.GetShipToAddressAsync(userId, cancellationToken));

    public Task<Quote> QuoteAsync(string userId, string cartId, string? cardId, CancellationToken cancellationToken) =>
        Run(() => inner.QuoteAsync(userId, cartId, cardId, cancellationToken));

    public Task<Terms> GetTermsAsync(CancellationToken cancellationToken) => Run(() => inner.GetTermsAsync(cancellationToken));

    public async Task<Order> PlaceOrderAsync(PlaceOrderRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var order = await Run(() => inner.PlaceOrderAsync(request, idempotencyKey, cancellationToken));
        await funnel.OrderPlacedAsync(order.Number, cancellationToken);
        return order;
    }

    public Task<Order?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken) => Run(() => inner.GetOrderAsync(orderNumber, cancellationToken));

    public Task<IReadOnlyList<Order>> GetOrdersAsync(string userId, CancellationToken cancellationToken) => Run(() => inner.GetOrdersAsync(userId, cancellationToken));

    public Task<Order?> GetOrderForCartAsync(string userId, string cartId, CancellationToken cancellationToken) => Run(() => inner.GetOrderForCartAsync(userId, cartId, cancellationToken));

    public Task<OrderEventResult> ApplyOrderEventAsync(string orderNumber, OrderEvent orderEvent, string source, CancellationToken cancellationToken) =>
        Run(() => inner.ApplyOrderEventAsync(orderNumber, orderEvent, source, cancellationToken));

    public Task<IReadOnlyList<OrderStatusEvent>> GetOrderEventsAsync(long afterSequence, int max, CancellationToken cancellationToken) =>
        Run(() => inner.GetOrderEventsAsync(afterSequence, max, cancellationToken));

    /// <summary>A cart that holds something reached the funnel's cart stage (once a day per cart).</summary>
    private async Task<Cart> FilledAsync(Cart cart, CancellationToken cancellationToken)
    {
        if (!cart.IsEmpty)
        {
            await funnel.StageReachedAsync(FunnelStages.Cart, cart.Id, cancellationToken);
        }

        return cart;
    }

    private async Task<T> Run<T>(Func<Task<T>> call, [CallerMemberName] string operation = "")
    {
        // The span name is only built when someone listens.
        using var span = SalesBotTelemetry.Source.HasListeners() ? SalesBotTelemetry.Source.StartActivity("ordering " + operation, ActivityKind.Client) : null;
        try
        {
            return await call();
        }
        catch (OrderingException ex)
        {
            metrics.OrderingError(ex.Error.ToString());
            span?.SetStatus(ActivityStatusCode.Error, ex.Error.ToString());
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.OrderingError("unavailable");
            span?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }
}
