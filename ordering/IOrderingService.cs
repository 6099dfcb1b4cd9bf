namespace My8x8.SalesBot.Ordering;

/// <summary>
/// The ordering service: the authority for every self-service ordering rule. Operations that break a rule throw
/// <see cref="OrderingException"/>; nothing is written by a refused operation. Cart, quote and order operations
/// require an eligible user.
/// </summary>
public interface IOrderingService
{
    /// <summary>The user and their account, or null when unknown.</summary>
    Task<OrderingUser?> GetUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>The user signed in to Teams with this Entra ID tenant and object id, or null.</summary>
    Task<OrderingUser?> FindUserByAadAsync(string tenantId, string aadObjectId, CancellationToken cancellationToken);

    /// <summary>Checks every eligibility rule; never throws for an unknown user (reason <see cref="EligibilityReason.UnknownUser"/>).</summary>
    Task<EligibilityResult> CheckEligibilityAsync(string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Product>> GetCatalogAsync(CancellationToken cancellationToken);

    /// <summary>Cards on the user's account, newest first, each marked valid or expired.</summary>
    Task<IReadOnlyList<PaymentCard>> GetCardsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a one-time, expiring link to the hosted card page. <paramref name="conversationHint"/> is returned
    /// unchanged in the card-added notification so the bot can find the conversation again.
    /// </summary>
    Task<CardSetupLink> CreateCardSetupLinkAsync(string userId, string? conversationHint, CancellationToken cancellationToken);

    /// <summary>The user's open cart, opening an empty one when there is none (or the last one expired).</summary>
    Task<Cart> GetOpenCartAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="quantity"/> of a catalog item (adding to any quantity already in the cart).</summary>
    Task<Cart> AddToCartAsync(string userId, string cartId, string sku, int quantity, CancellationToken cancellationToken);

    Task<Cart> SetQuantityAsync(string userId, string cartId, string sku, int quantity, CancellationToken cancellationToken);

    Task<Cart> RemoveFromCartAsync(string userId, string cartId, string sku, CancellationToken cancellationToken);

    Task<Cart> EmptyCartAsync(string userId, string cartId, CancellationToken cancellationToken);

    /// <summary>
    /// A sales agent sets the cart's whole contents (quantity 0 leaves a product out); the cart records the agent and is
    /// held to the sales-assisted limits (<see cref="OrderingOptions.MaxLinesPerAssistedOrder"/>,
    /// <see cref="OrderingOptions.MaxDevicesPerAssistedOrder"/>; devices ≤ lines still holds). Only callers that
    /// authenticated the agent call this: the agent console, or a REST key with the <c>SalesAssisted</c> scope.
    /// </summary>
    Task<Cart> PrepareAssistedCartAsync(string userId, string cartId, AssistedCartRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<ShippingMethod>> GetShippingMethodsAsync(CancellationToken cancellationToken);

    /// <summary>Sets the shipping method; refused when the cart has no devices.</summary>
    Task<Cart> SetShippingMethodAsync(string userId, string cartId, string shippingMethodCode, CancellationToken cancellationToken);

    Task<Address> GetShipToAddressAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Prices the cart as it is now; the quote is void once the cart changes or it expires.</summary>
    Task<Quote> QuoteAsync(string userId, string cartId, string? cardId, CancellationToken cancellationToken);

    /// <summary>The Terms and Conditions currently in force.</summary>
    Task<Terms> GetTermsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Places the order. Idempotent by <paramref name="idempotencyKey"/>: the same key with the same request returns
    /// the same order; the same key with a different request is refused (<see cref="OrderingError.IdempotencyKeyReused"/>).
    /// </summary>
    Task<Order> PlaceOrderAsync(PlaceOrderRequest request, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>The order with this number, or null.</summary>
    Task<Order?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken);

    /// <summary>Orders placed by the user, newest first.</summary>
    Task<IReadOnlyList<Order>> GetOrdersAsync(string userId, CancellationToken cancellationToken);

    /// <summary>
    /// The order placed from the user's cart <paramref name="cartId"/>, or null while that cart has not been ordered
    /// (or is not the user's). A checkout that lost track of its own attempt (a reply that never arrived, a host that
    /// stopped before saving) asks this before saying anything about the order or trying again.
    /// </summary>
    Task<Order?> GetOrderForCartAsync(string userId, string cartId, CancellationToken cancellationToken);

    /// <summary>
    /// Applies a status change a fulfilment system reports (<paramref name="source"/> names it, for the history).
    /// Idempotent by <see cref="OrderEvent.EventId"/>; a change the lifecycle does not allow is refused
    /// (<see cref="OrderingError.IllegalStatusTransition"/>), an unknown order is <see cref="OrderingError.OrderNotFound"/>.
    /// </summary>
    Task<OrderEventResult> ApplyOrderEventAsync(string orderNumber, OrderEvent orderEvent, string source, CancellationToken cancellationToken);

    /// <summary>Status changes of every order recorded after <paramref name="afterSequence"/>, oldest first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<OrderStatusEvent>> GetOrderEventsAsync(long afterSequence, int max, CancellationToken cancellationToken);
}
