using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace My8x8.SalesBot.Ordering.Api;

/// <summary>The ordering service's REST API under /ordering/v1. Every refusal is a ProblemDetails with a "code".</summary>
public static class OrderingApi
{
    public const string DocumentName = "ordering-v1";
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string ApiKeyHeader = "X-Api-Key";
    internal const string ProblemTypeBase = "https://my8x8.salesbot/problems/ordering/";

    /// <summary>
    /// Maps /ordering/v1/... and its OpenAPI document at /ordering/v1/openapi.json. Every call carries a key
    /// (<c>X-Api-Key</c>: the service key or a scoped one) or a user's own token (<c>Authorization: Bearer</c>, that user
    /// only, read-only); see <see cref="OrderingApiCallers"/>.
    /// </summary>
    public static RouteGroupBuilder MapOrderingApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/ordering/v1")
            .WithTags("Ordering")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithGroupName(DocumentName)
            .AddEndpointFilter(OrderingApiCallers.AuthorizeAsync)
            .AddEndpointFilter(RefusalsAsProblemsAsync)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/openapi.json", WriteOpenApiDocumentAsync).ExcludeFromDescription();

        var users = api.MapGroup("/users").ProducesProblem(StatusCodes.Status403Forbidden);
        users.MapGet("/", async Task<Ok<OrderingUser>> (string? aadTenantId, string? aadObjectId, IOrderingService ordering, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(aadTenantId) || string.IsNullOrWhiteSpace(aadObjectId))
            {
                throw Invalid("aadTenantId and aadObjectId are both required");
            }

            return TypedResults.Ok(await ordering.FindUserByAadAsync(aadTenantId, aadObjectId, ct) ?? throw UnknownUser(aadObjectId));
        }).WithName("FindUserByAad").WithSummary("Finds the user signed in to Teams with this Entra ID tenant and object id.");

        users.MapGet("/{userId}", async Task<Ok<OrderingUser>> (string userId, IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.GetUserAsync(userId, ct) ?? throw UnknownUser(userId))).WithName("GetUser");

        users.MapGet("/{userId}/eligibility", async Task<Ok<EligibilityResult>> (string userId, IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.CheckEligibilityAsync(userId, ct))).WithName("CheckEligibility");

        users.MapGet("/{userId}/cards", async Task<Ok<IReadOnlyList<PaymentCard>>> (string userId, IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.GetCardsAsync(userId, ct))).WithName("GetCards");

        users.MapPost("/{userId}/card-setup-links", async Task<Ok<CardSetupLink>> (string userId, HttpRequest request, IOrderingService ordering, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync<CreateCardSetupLinkBody>(request, allowEmpty: true, ct);
            return TypedResults.Ok(await ordering.CreateCardSetupLinkAsync(userId, body?.ConversationHint, ct));
        }).WithJsonBody<CreateCardSetupLinkBody>().WithName("CreateCardSetupLink");

        users.MapGet("/{userId}/ship-to", async Task<Ok<Address>> (string userId, IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.GetShipToAddressAsync(userId, ct))).WithName("GetShipToAddress");

        users.MapGet("/{userId}/cart", async Task<Ok<Cart>> (string userId, IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.GetOpenCartAsync(userId, ct)))
            .WithName("GetOpenCart").WithDescription("Returns the user's open cart, opening an empty one when there is none.");

        var cart = users.MapGroup("/{userId}/carts/{cartId}")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        cart.MapPost("/items", async Task<Ok<Cart>> (string userId, string cartId, HttpRequest request, IOrderingService ordering, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync<AddCartItemBody>(request, allowEmpty: false, ct);
            return TypedResults.Ok(await ordering.AddToCartAsync(userId, cartId, body!.Sku, body.Quantity, ct));
        }).WithJsonBody<AddCartItemBody>().WithName("AddToCart");

        cart.MapPut("/items/{sku}", async Task<Ok<Cart>> (string userId, string cartId, string sku, HttpRequest request, IOrderingService ordering, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync<SetQuantityBody>(request, allowEmpty: false, ct);
            return TypedResults.Ok(await ordering.SetQuantityAsync(userId, cartId, sku, body!.Quantity, ct));
        }).WithJsonBody<SetQuantityBody>().WithName("SetQuantity");

        cart.MapDelete("/items/{sku}", async Task<Ok<Cart>> (string userId, string cartId, string sku, IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.RemoveFromCartAsync(userId, cartId, sku, ct))).WithName("RemoveFromCart");

        cart.MapDelete("/items", async Task<Ok<Cart>> (string userId, string cartId, IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.EmptyCartAsync(userId, cartId, ct))).WithName("EmptyCart");

        cart.MapPut("/sales-assisted", async Task<Ok<Cart>> (string userId, string cartId, HttpRequest request, IOrderingService ordering, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync<AssistedCartRequest>(request, allowEmpty: false, ct);
            return TypedResults.Ok(await ordering.PrepareAssistedCartAsync(userId, cartId, body!, ct));
        }).WithJsonBody<AssistedCartRequest>().WithName("PrepareAssistedCart")
            .WithMetadata(new RequiresSalesAssistedScope())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithDescription(
                "A sales agent sets the cart's whole contents (quantity 0 leaves a product out). The cart records the agent and is held to the " +
                "sales-assisted limits instead of the self-service ones (devices still need lines); the customer completes checkout themselves, and the " +
                "order's assistedBy names the agent. Needs a key with the SalesAssisted scope: customers and ordinary integrations get 403. A customer's " +
                "later increase makes the cart self-service again; lowering or removing keeps it assisted.");

        cart.MapPut("/shipping", async Task<Ok<Cart>> (string userId, string cartId, HttpRequest request, IOrderingService ordering, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync<SetShippingMethodBody>(request, allowEmpty: false, ct);
            return TypedResults.Ok(await ordering.SetShippingMethodAsync(userId, cartId, body!.ShippingMethodCode, ct));
        }).WithJsonBody<SetShippingMethodBody>().WithName("SetShippingMethod");

        cart.MapPost("/quotes", async Task<Ok<Quote>> (string userId, string cartId, HttpRequest request, IOrderingService ordering, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync<CreateQuoteBody>(request, allowEmpty: true, ct);
            return TypedResults.Ok(await ordering.QuoteAsync(userId, cartId, body?.CardId, ct));
        }).WithJsonBody<CreateQuoteBody>().WithName("CreateQuote");

        cart.MapGet("/order", async Task<Ok<Order>> (string userId, string cartId, IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.GetOrderForCartAsync(userId, cartId, ct)
                ?? throw new OrderingException(OrderingError.OrderNotFound, new Dictionary<string, string> { ["cartId"] = cartId })))
            .WithName("GetOrderForCart")
            .WithDescription("The order placed from this cart; 404 while the cart has not been ordered. A caller that lost track of a checkout asks this before placing again.");

        api.MapGet("/catalog", async Task<Ok<IReadOnlyList<Product>>> (IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.GetCatalogAsync(ct))).WithName("GetCatalog");

        api.MapGet("/shipping-methods", async Task<Ok<IReadOnlyList<ShippingMethod>>> (IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.GetShippingMethodsAsync(ct))).WithName("GetShippingMethods");

        api.MapGet("/terms", async Task<Ok<Terms>> (IOrderingService ordering, CancellationToken ct) =>
            TypedResults.Ok(await ordering.GetTermsAsync(ct))).WithName("GetTerms");

        var orders = api.MapGroup("/orders");
        orders.MapPost("/", async Task<Created<Order>> (HttpRequest request, [FromHeader(Name = IdempotencyKeyHeader)] string? idempotencyKey, IOrderingService ordering, CancellationToken ct) =>
        {
            var body = await ReadBodyAsync<PlaceOrderRequest>(request, allowEmpty: false, ct);
            var order = await ordering.PlaceOrderAsync(body!, idempotencyKey ?? string.Empty, ct);
            return TypedResults.Created($"/ordering/v1/orders/{Uri.EscapeDataString(order.Number)}", order);
        }).WithJsonBody<PlaceOrderRequest>().WithName("PlaceOrder")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithDescription("Places the order. Requires an Idempotency-Key header: a retry with the same key and request returns the same order.");

        orders.MapGet("/{orderNumber}", async Task<Ok<Order>> (string orderNumber, HttpContext http, IOrderingService ordering, CancellationToken ct) =>
        {
            // Someone else's order is answered like one that does not exist: a user token learns nothing about it.
            var order = await ordering.GetOrderAsync(orderNumber, ct);
            return order is not null && OrderingApiCaller.Of(http)?.MaySee(order.UserId) != false
                ? TypedResults.Ok(order)
                : throw new OrderingException(OrderingError.OrderNotFound, new Dictionary<string, string> { ["orderNumber"] = orderNumber });
        }).WithName("GetOrder");

        orders.MapGet("/", async Task<Ok<IReadOnlyList<Order>>> (string? userId, HttpContext http, IOrderingService ordering, CancellationToken ct) =>
        {
            // A user's own token lists its own orders without naming itself; a service names the user.
            var user = string.IsNullOrWhiteSpace(userId) ? OrderingApiCaller.Of(http)?.OwnUserId : userId;
            return TypedResults.Ok(await ordering.GetOrdersAsync(user ?? throw Invalid("the userId query parameter is required"), ct));
        }).WithName("GetOrders")
            .WithDescription("The user's orders, newest first, each with its status, status history and shipments. With a user token, userId may be left out: the token's own user.");

        orders.MapPost("/{orderNumber}/events", OrderEventsEndpoint.PostAsync)
            .WithJsonBody<OrderEvent>().WithName("PostOrderEvent")
            .WithMetadata(new OrderEventsEndpoint.SignedWebhook())
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithDescription(
                "A fulfilment system reports a status change (Processing, Shipped with carrier, tracking number and devices per package, Delivered; Active for lines). " +
                "Idempotent by eventId: a retry answers 200 with alreadyApplied true. Authenticated by an API key with the Ordering or Fulfilment scope, or signed " +
                "with the webhook secret (X-Fulfilment-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"t.body\">). 409 for a change the lifecycle does not allow.");

        api.MapGet("/order-events", async Task<Ok<IReadOnlyList<OrderStatusEvent>>> (long? after, int? max, HttpContext http, IOrderingService ordering, CancellationToken ct) =>
        {
            if (OrderingApiCaller.Of(http)?.OwnUserId is not null)
            {
                // The feed spans every customer: for services only.
                throw new OrderingException(OrderingError.OrderNotFound);
            }

            return TypedResults.Ok(await ordering.GetOrderEventsAsync(after ?? 0, max ?? 100, ct));
        }).WithName("GetOrderEvents")
            .WithDescription("Status changes of every order after sequence number 'after' (default 0), oldest first, at most 'max' (1–1000, default 100): the feed shipment notices follow.");

        return api;
    }

    /// <summary>Turns an <see cref="OrderingException"/> into the ProblemDetails the HTTP client maps back.</summary>
    public static ProblemHttpResult ToProblem(OrderingException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return TypedResults.Problem(
            detail: ProblemTexts.Detail(refusal),
            statusCode: refusal.StatusCode,
            title: refusal.Error.ToString(),
            type: ProblemTypeBase + refusal.Error,
            extensions: new Dictionary<string, object?> { ["code"] = refusal.Error.ToString(), ["details"] = refusal.Details });
    }

    private static async ValueTask<object?> RefusalsAsProblemsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OrderingException refusal)
        {
            return ToProblem(refusal);
        }
    }

    /// <summary>
    /// Documents the JSON body in OpenAPI. Not Accepts&lt;T&gt;(): its content-type matching answers a wrong
    /// content type with a bare 415 before the endpoint runs, where a ProblemDetails is wanted.
    /// </summary>
    private static RouteHandlerBuilder WithJsonBody<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer(async (operation, context, ct) =>
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct) },
                },
            });

    private static OrderingException UnknownUser(string userId) =>
        new(OrderingError.UnknownUser, new Dictionary<string, string> { ["userId"] = userId });

    /// <summary>Malformed input: "problem" says what is wrong, in the words of <see cref="ProblemTexts"/>.</summary>
    private static OrderingException Invalid(string problem) =>
        new(OrderingError.InvalidRequest, new Dictionary<string, string> { ["problem"] = problem });

    /// <summary>
    /// Bodies are read here rather than bound by the framework so malformed or incomplete JSON becomes an
    /// InvalidRequest problem in every environment (framework binding answers with an empty 400, or throws in Development).
    /// </summary>
    private static async Task<T?> ReadBodyAsync<T>(HttpRequest request, bool allowEmpty, CancellationToken ct)
        where T : class
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.HasJsonContentType() && request.ContentType is null))
        {
            return allowEmpty ? null : throw Invalid("a JSON body is required");
        }

        if (!request.HasJsonContentType())
        {
            throw Invalid("the body must be JSON (Content-Type: application/json)");
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<T>(request.Body, OrderingJson.Options, ct)
                ?? (allowEmpty ? null : throw Invalid("a JSON body is required"));
        }
        catch (JsonException ex)
        {
            throw new OrderingException(OrderingError.InvalidRequest, new Dictionary<string, string> { ["problem"] = $"the JSON body is not valid: {ex.Message}" }, ex);
        }
    }

    private static async Task WriteOpenApiDocumentAsync(HttpContext context)
    {
        var provider = context.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(context.RequestAborted);
        context.Response.ContentType = "application/json;charset=utf-8";
        await using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted);
    }
}
