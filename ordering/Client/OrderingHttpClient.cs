using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using My8x8.SalesBot.Ordering.Api;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace My8x8.SalesBot.Ordering.Client;

/// <summary>
/// <see cref="IOrderingService"/> over a remote ordering service's REST API. Refusals come back as the same
/// <see cref="OrderingException"/>s the embedded service throws; transport failures and timeouts become
/// <see cref="OrderingError.ServiceUnavailable"/>.
/// </summary>
public sealed class OrderingHttpClient(HttpClient http, ILogger<OrderingHttpClient> logger) : IOrderingService
{
    public async Task<OrderingUser?> GetUserAsync(string userId, CancellationToken cancellationToken) =>
        await NullWhenAsync(OrderingError.UnknownUser, () => SendAsync<OrderingUser>(HttpMethod.Get, $"users/{E(userId)}", null, cancellationToken));

    public async Task<OrderingUser?> FindUserByAadAsync(string tenantId, string aadObjectId, CancellationToken cancellationToken) =>
        await NullWhenAsync(OrderingError.UnknownUser, () => SendAsync<OrderingUser>(HttpMethod.Get, $"users/?aadTenantId={E(tenantId)}&aadObjectId={E(aadObjectId)}", null, cancellationToken));

    public Task<EligibilityResult> CheckEligibilityAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync<EligibilityResult>(HttpMethod.Get, $"users/{E(userId)}/eligibility", null, cancellationToken);

    public async Task<IReadOnlyList<Product>> GetCatalogAsync(CancellationToken cancellationToken) =>
        await SendAsync<List<Product>>(HttpMethod.Get, "catalog", null, cancellationToken);

    public async Task<IReadOnlyList<PaymentCard>> GetCardsAsync(string userId, CancellationToken cancellationToken) =>
        await SendAsync<List<PaymentCard>>(HttpMethod.Get, $"users/{E(userId)}/cards", null, cancellationToken);

    public Task<CardSetupLink> CreateCardSetupLinkAsync(string userId, string? conversationHint, CancellationToken cancellationToken) =>
        SendAsync<CardSetupLink>(HttpMethod.Post, $"users/{E(userId)}/card-setup-links", new CreateCardSetupLinkBody(conversationHint), cancellationToken);

    public Task<Cart> GetOpenCartAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync<Cart>(HttpMethod.Get, $"users/{E(userId)}/cart", null, cancellationToken);

    public Task<Cart> AddToCartAsync(string userId, string cartId, string sku, int quantity, CancellationToken cancellationToken) =>
        SendAsync<Cart>(HttpMethod.Post, $"{CartPath(userId, cartId)}/items", new AddCartItemBody(sku, quantity), cancellationToken);

    public Task<Cart> SetQuantityAsync(string userId, string cartId, string sku, int quantity, CancellationToken cancellationToken) =>
        SendAsync<Cart>(HttpMethod.Put, $"{CartPath(userId, cartId)}/items/{E(sku)}", new SetQuantityBody(quantity), cancellationToken);

    public Task<Cart> RemoveFromCartAsync(string userId, string cartId, string sku, CancellationToken cancellationToken) =>
        SendAsync<Cart>(HttpMethod.Delete, $"{CartPath(userId, cartId)}/items/{E(sku)}", null, cancellationToken);

    public Task<Cart> EmptyCartAsync(string userId, string cartId, CancellationToken cancellationToken) =>
        SendAsync<Cart>(HttpMethod.Delete, $"{CartPath(userId, cartId)}/items", null, cancellationToken);

    public Task<Cart> PrepareAssistedCartAsync(string userId, string cartId, AssistedCartRequest request, CancellationToken cancellationToken) =>
        SendAsync<Cart>(HttpMethod.Put, $"{CartPath(userId, cartId)}/sales-assisted", request, cancellationToken);

    public async Task<IReadOnlyList<ShippingMethod>> GetShippingMethodsAsync(CancellationToken cancellationToken) =>
        await SendAsync<List<ShippingMethod>>(HttpMethod.Get, "shipping-methods", null, cancellationToken);

    public Task<Cart> SetShippingMethodAsync(string userId, string cartId, string shippingMethodCode, CancellationToken cancellationToken) =>
        SendAsync<Cart>(HttpMethod.Put, $"{CartPath(userId, cartId)}/shipping", new SetShippingMethodBody(shippingMethodCode), cancellationToken);

    public Task<Address> GetShipToAddressAsync(string userId, CancellationToken cancellationToken) =>
        SendAsync<Address>(HttpMethod.Get, $"users/{E(userId)}/ship-to", null, cancellationToken);

    public Task<Quote> QuoteAsync(string userId, string cartId, string? cardId, CancellationToken cancellationToken) =>
        SendAsync<Quote>(HttpMethod.Post, $"{CartPath(userId, cartId)}/quotes", new CreateQuoteBody(cardId), cancellationToken);

    public Task<Terms> GetTermsAsync(CancellationToken cancellationToken) =>
        SendAsync<Terms>(HttpMethod.Get, "terms", null, cancellationToken);

    public Task<Order> PlaceOrderAsync(PlaceOrderRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            throw new OrderingException(OrderingError.IdempotencyKeyRequired);
        }

        return SendAsync<Order>(HttpMethod.Post, "orders", request, cancellationToken, idempotencyKey);
    }

    public async Task<Order?> GetOrderAsync(string orderNumber, CancellationToken cancellationToken) =>
        await NullWhenAsync(OrderingError.OrderNotFound, () => SendAsync<Order>(HttpMethod.Get, $"orders/{E(orderNumber)}", null, cancellationToken));

    public async Task<IReadOnlyList<Order>> GetOrdersAsync(string userId, CancellationToken cancellationToken) =>
        await SendAsync<List<Order>>(HttpMethod.Get, $"orders?userId={E(userId)}", null, cancellationToken);

    public async Task<Order?> GetOrderForCartAsync(string userId, string cartId, CancellationToken cancellationToken) =>
        await NullWhenAsync(OrderingError.OrderNotFound, () => SendAsync<Order>(HttpMethod.Get, $"{CartPath(userId, cartId)}/order", null, cancellationToken));

    private static string E(string value) => Uri.EscapeDataString(value ?? string.Empty);

    private static string CartPath(string userId, string cartId) => $"users/{E(userId)}/carts/{E(cartId)}";

    private static async Task<T?> NullWhenAsync<T>(OrderingError notFound, Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (OrderingException ex) when (ex.Error == notFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Posts the event; the service records the caller by its key, so <paramref name="source"/> is not sent. The event
    /// id goes as the Idempotency-Key too, so the resilience handler may retry it (a retry is answered without a second effect).
    /// </summary>
    public Task<OrderEventResult> ApplyOrderEventAsync(string orderNumber, OrderEvent orderEvent, string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orderEvent);
        return SendAsync<OrderEventResult>(HttpMethod.Post, $"orders/{E(orderNumber)}/events", orderEvent, cancellationToken, idempotencyKey: orderEvent.EventId);
    }

    public async Task<IReadOnlyList<OrderStatusEvent>> GetOrderEventsAsync(long afterSequence, int max, CancellationToken cancellationToken) =>
        await SendAsync<List<OrderStatusEvent>>(HttpMethod.Get, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"order-events?after={afterSequence}&max={max}"), null, cancellationToken);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(method, "ordering/v1/" + path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: OrderingJson.Options);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add(OrderingApi.IdempotencyKeyHeader, idempotencyKey);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(ex, "Ordering service call {Method} {Path} failed", method.Method, path);
            throw new OrderingException(OrderingError.ServiceUnavailable, innerException: ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw await ToRefusalAsync(response, method, path, cancellationToken);
            }

            try
            {
                return await response.Content.ReadFromJsonAsync<T>(OrderingJson.Options, cancellationToken)
                    ?? throw new JsonException("The response body was empty.");
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException)
            {
                logger.LogWarning(ex, "Ordering service answered {Method} {Path} with an unreadable body", method.Method, path);
                throw new OrderingException(OrderingError.ServiceUnavailable, new Dictionary<string, string> { ["problem"] = "unreadable answer" }, ex);
            }
        }
    }

    private async Task<OrderingException> ToRefusalAsync(HttpResponseMessage response, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        ProblemBody? problem = null;
        try
        {
            problem = await response.Content.ReadFromJsonAsync<ProblemBody>(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            // Not a ProblemDetails (a proxy's error page, say); fall through to the status code.
        }

        if (problem?.Code is { } code && Enum.TryParse<OrderingError>(code, out var error))
        {
            return new OrderingException(error, problem.Details);
        }

        logger.LogWarning("Ordering service answered {Method} {Path} with {StatusCode} and no error code", method.Method, path, (int)response.StatusCode);
        return response.StatusCode is >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests
            ? new OrderingException(OrderingError.ServiceUnavailable, new Dictionary<string, string> { ["status"] = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) })
            : new OrderingException(OrderingError.InvalidRequest, new Dictionary<string, string> { ["status"] = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private sealed record ProblemBody(string? Title, string? Detail, int? Status, string? Code, Dictionary<string, string>? Details);
}
