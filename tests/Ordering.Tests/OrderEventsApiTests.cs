using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Ordering.Api;
using My8x8.SalesBot.Tests.Http;

namespace My8x8.SalesBot.Ordering.Tests;

/// <summary>
/// <c>POST /ordering/v1/orders/{n}/events</c> as attackers and broken fulfilment systems call it: every refusal a 4xx
/// problem with a reason, never a 500, and nothing changed by a refused event.
/// </summary>
public sealed class OrderEventsApiTests : IAsyncLifetime
{
    private const string Secret = "webhook-secret-for-tests-0123456789abcdef";
    private const string FulfilmentKey = "fulfilment-key-for-tests-0123456789abcdef";
    private const string ReadOnlyKey = "read-only-key-for-tests-0123456789abcdefgh";

    private OrderingHarness? _harness;
    private Order? _order;

    private OrderingHarness Harness => _harness ?? throw new InvalidOperationException("The harness is created in InitializeAsync.");

    private string Number => _order!.Number;

    public async Task InitializeAsync()
    {
        _harness = await OrderingHarness.HttpAsync(o =>
        {
            o.Lifecycle.WebhookSecret = Secret;
            o.ApiKeys.Add(new OrderingApiKeyOptions { Name = "warehouse", Key = FulfilmentKey, Scope = OrderingApiScope.Fulfilment });
            o.ApiKeys.Add(new OrderingApiKeyOptions { Name = "reports", Key = ReadOnlyKey, Scope = OrderingApiScope.ReadOnly });
        });
        var service = Harness.Embedded;
        var cart = await service.GetOpenCartAsync(DemoUsers.Ava, default);
        cart = await service.AddToCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 1, default);
        cart = await service.AddToCartAsync(DemoUsers.Ava, cart.Id, "YEA-T54W", 1, default);
        cart = await service.SetShippingMethodAsync(DemoUsers.Ava, cart.Id, "ground", default);
        var quote = await service.QuoteAsync(DemoUsers.Ava, cart.Id, null, default);
        _order = await service.PlaceOrderAsync(new PlaceOrderRequest(DemoUsers.Ava, cart.Id, quote.Id, null, "2025-11", Harness.Time.GetUtcNow()), "k", default);
    }

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    private const string ShippedBody = """{"eventId":"wms-1","status":"Shipped","shipments":[{"carrier":"UPS","trackingNumber":"1Z999","items":[{"sku":"YEA-T54W","quantity":1}]}]}""";

    [Fact]
    public async Task A_signed_event_is_applied_once_and_its_retry_answers_already_applied()
    {
        using var first = await PostSignedAsync(ShippedBody, Secret, TimeProvider.System.GetUtcNow());
        using var retry = await PostSignedAsync(ShippedBody, Secret, TimeProvider.System.GetUtcNow());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var again = JsonNode.Parse(await retry.Content.ReadAsStringAsync())!;
        Assert.True(again["alreadyApplied"]!.GetValue<bool>());
        Assert.Equal("Shipped", again["order"]!["status"]!.GetValue<string>());
        Assert.Equal("1Z999", again["order"]!["shipments"]![0]!["trackingNumber"]!.GetValue<string>());
        var order = (await Harness.Embedded.GetOrderAsync(Number, default))!;
        Assert.Equal("fulfilment-webhook", order.History[^1].Source);
        Assert.Single(order.Shipments);
    }

    public static TheoryData<string, string, int> BadSignatures => new()
    {
        { "wrong secret", "another-secret-entirely-0123456789abcdef", 0 },
        { "too old", Secret, -10 },
        { "from the future", Secret, 10 },
    };

    [Theory]
    [MemberData(nameof(BadSignatures))]
    public async Task A_badly_signed_event_is_a_401_with_a_reason_and_changes_nothing(string why, string secret, int minutesOff)
    {
        using var response = await PostSignedAsync(ShippedBody, secret, TimeProvider.System.GetUtcNow().AddMinutes(minutesOff));

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "InvalidSignature");
        Assert.True(await UnchangedAsync(), why);
    }

    [Theory]
    [InlineData("t=abc,v1=00")]
    [InlineData("v1=zz")]
    [InlineData("garbage")]
    [InlineData("t=99999999999999999999,v1=00")]
    public async Task A_malformed_signature_header_is_a_401(string header)
    {
        using var request = EventRequest(ShippedBody);
        request.Headers.TryAddWithoutValidation(OrderEventsEndpoint.SignatureHeader, header);

        using var response = await Harness.Http.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "InvalidSignature");
        Assert.True(await UnchangedAsync());
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_refused()
    {
        var signature = OrderEventsEndpoint.Sign(Encoding.UTF8.GetBytes(ShippedBody), Secret, TimeProvider.System.GetUtcNow());
        using var request = EventRequest(ShippedBody.Replace("1Z999", "1Z666", StringComparison.Ordinal));
        request.Headers.Add(OrderEventsEndpoint.SignatureHeader, signature);

        using var response = await Harness.Http.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.Unauthorized, "InvalidSignature");
        Assert.True(await UnchangedAsync());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "Unauthorized")]
    [InlineData(ReadOnlyKey, HttpStatusCode.Forbidden, "InsufficientScope")]
    [InlineData("not-a-key", HttpStatusCode.Unauthorized, "Unauthorized")]
    public async Task Without_a_key_that_may_post_events_the_event_is_refused(string? key, HttpStatusCode status, string code)
    {
        using var request = EventRequest(ShippedBody);
        if (key is not null)
        {
            request.Headers.Add(OrderingApi.ApiKeyHeader, key);
        }

        using var response = await Harness.Http.SendAsync(request);

        await Problems.AssertAsync(response, status, code);
        Assert.True(await UnchangedAsync());
    }

    [Fact]
    public async Task A_fulfilment_key_posts_events_but_cannot_change_carts()
    {
        using var posted = await Harness.Http.SendAsync(Keyed(EventRequest("""{"eventId":"wms-p","status":"Processing"}""")));
        var cart = await Harness.Embedded.GetOpenCartAsync(DemoUsers.Ben, default);
        using var cartChange = new HttpRequestMessage(HttpMethod.Post, $"/ordering/v1/users/{DemoUsers.Ben}/carts/{cart.Id}/items")
        {
            Content = new StringContent("""{"sku":"X2-LINE","quantity":1}""", Encoding.UTF8, "application/json"),
        };

        using var refused = await Harness.Http.SendAsync(Keyed(cartChange));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Equal("warehouse", (await Harness.Embedded.GetOrderAsync(Number, default))!.History[^1].Source);
        await Problems.AssertAsync(refused, HttpStatusCode.Forbidden, "InsufficientScope");
    }

    [Theory]
    [InlineData("""{"eventId":"e1","status":"Shipped","shipments":[{"carrier":"UPS","trackingNumber":"1Z""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("not json", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("null", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("[]", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("""{"status":"Processing"}""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("""{"eventId":"e1","status":"Lost"}""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("""{"eventId":"e1","status":99}""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("""{"eventId":"e1","status":"Shipped"}""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("""{"eventId":"e1","status":"Shipped","shipments":[null]}""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("""{"eventId":"e1","status":"Shipped","shipments":[{"carrier":"","trackingNumber":"1Z"}]}""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("""{"eventId":"e1","status":"Shipped","shipments":[{"carrier":"UPS","trackingNumber":"1Z","items":[{"sku":"X2-LINE","quantity":1}]}]}""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("""{"eventId":"e1","status":"Processing","occurredAt":"2099-01-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("""{"eventId":"e1","status":"Processing","occurredAt":"yesterday"}""", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("""{"eventId":"e1","status":"Placed"}""", HttpStatusCode.Conflict, "IllegalStatusTransition")]
    [InlineData("""{"eventId":"e1","status":"Active"}""", HttpStatusCode.Conflict, "IllegalStatusTransition")]
    public async Task Malformed_or_illegal_events_are_4xx_problems_and_change_nothing(string body, HttpStatusCode status, string code)
    {
        using var response = await Harness.Http.SendAsync(Keyed(EventRequest(body)));

        var problem = await Problems.AssertAsync(response, status, code);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        Assert.True(await UnchangedAsync());
    }

    [Fact]
    public async Task An_event_for_an_order_that_does_not_exist_is_a_404()
    {
        using var response = await Harness.Http.SendAsync(Keyed(EventRequest("""{"eventId":"e1","status":"Processing"}""", "SO-2026-00001")));

        await Problems.AssertAsync(response, HttpStatusCode.NotFound, "OrderNotFound");
    }

    [Fact]
    public async Task An_oversized_event_is_a_413_whether_or_not_it_says_its_length()
    {
        var huge = $$"""{"eventId":"e1","status":"Processing","pad":"{{new string('x', Harness.Options.Lifecycle.MaxEventBodyBytes)}}"}""";
        using var declared = await Harness.Http.SendAsync(Keyed(EventRequest(huge)));
        using var chunkedRequest = Keyed(new HttpRequestMessage(HttpMethod.Post, $"/ordering/v1/orders/{Number}/events")
        {
            Content = new PushStreamContent(huge),
        });

        using var chunked = await Harness.Http.SendAsync(chunkedRequest);

        await Problems.AssertAsync(declared, HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge");
        await Problems.AssertAsync(chunked, HttpStatusCode.RequestEntityTooLarge, "PayloadTooLarge");
        Assert.True(await UnchangedAsync());
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_400()
    {
        using var request = Keyed(new HttpRequestMessage(HttpMethod.Post, $"/ordering/v1/orders/{Number}/events")
        {
            Content = new StringContent("eventId=e1&status=Processing", Encoding.UTF8, "application/x-www-form-urlencoded"),
        });

        using var response = await Harness.Http.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "InvalidRequest");
    }

    [Fact]
    public async Task The_events_endpoint_and_the_grown_order_are_in_the_openapi_document()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/ordering/v1/openapi.json");
        request.Headers.Add(OrderingApi.ApiKeyHeader, ReadOnlyKey);
        using var response = await Harness.Http.SendAsync(request);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.NotNull(document["paths"]!["/ordering/v1/orders/{orderNumber}/events"]!["post"]);
        Assert.NotNull(document["paths"]!["/ordering/v1/order-events"]!["get"]);
        var order = document["components"]!["schemas"]!["Order"]!["properties"]!;
        Assert.NotNull(order["status"]);
        Assert.NotNull(order["history"]);
        Assert.NotNull(order["shipments"]);
    }

    private async Task<bool> UnchangedAsync()
    {
        var order = (await Harness.Embedded.GetOrderAsync(Number, default))!;
        return order.Status == OrderStatus.Placed && order.History.Count == 1 && order.Shipments.Count == 0;
    }

    private HttpRequestMessage EventRequest(string body, string? number = null) =>
        new(HttpMethod.Post, $"/ordering/v1/orders/{number ?? Number}/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Keyed(HttpRequestMessage request)
    {
        request.Headers.Add(OrderingApi.ApiKeyHeader, FulfilmentKey);
        return request;
    }

    private async Task<HttpResponseMessage> PostSignedAsync(string body, string secret, DateTimeOffset at)
    {
        using var request = EventRequest(body);
        request.Headers.Add(OrderEventsEndpoint.SignatureHeader, OrderEventsEndpoint.Sign(Encoding.UTF8.GetBytes(body), secret, at));
        return await Harness.Http.SendAsync(request);
    }

    /// <summary>A JSON body sent chunked, without a Content-Length.</summary>
    private sealed class PushStreamContent : HttpContent
    {
        private readonly byte[] _bytes;

        public PushStreamContent(string text)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
