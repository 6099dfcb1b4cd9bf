using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Tests.Http;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>
/// Per-caller authorization of the ordering REST API: the service key reaches everything, scoped keys read only or
/// also order, and a browser (holding only its website-chat token) reads its own user and nobody else's.
/// </summary>
public sealed class OrderingApiAuthorizationTests
{
    private const string ServiceKey = "service-key-0123456789abcdef0123456789";
    private const string ReadOnlyKey = "reports-key-0123456789abcdef0123456789";
    private const string OrderingKey = "portal-key-0123456789abcdef01234567890";

    [Fact]
    public async Task A_read_only_key_reads_any_user_but_cannot_change_a_cart()
    {
        using var host = new KeyedHost();
        var client = host.CreateClient();

        var cart = await SendAsync(client, HttpMethod.Get, $"/ordering/v1/users/{DemoUsers.Ava}/cart", ReadOnlyKey);
        Assert.Equal(HttpStatusCode.OK, cart.StatusCode);
        var cartId = (string)(await cart.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Get, $"/ordering/v1/orders?userId={DemoUsers.Ben}", ReadOnlyKey)).StatusCode);

        var add = await SendAsync(client, HttpMethod.Post, $"/ordering/v1/users/{DemoUsers.Ava}/carts/{cartId}/items", ReadOnlyKey, new { sku = "X2-LINE", quantity = 1 });

        await Problems.AssertAsync(add, HttpStatusCode.Forbidden, "InsufficientScope");
        var after = await (await SendAsync(client, HttpMethod.Get, $"/ordering/v1/users/{DemoUsers.Ava}/cart", ServiceKey)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Empty(after!["items"]!.AsArray());
    }

    [Fact]
    public async Task An_ordering_key_and_the_service_key_change_carts_and_an_unknown_key_is_refused()
    {
        using var host = new KeyedHost();
        var client = host.CreateClient();
        var cartId = (string)(await (await SendAsync(client, HttpMethod.Get, $"/ordering/v1/users/{DemoUsers.Ava}/cart", OrderingKey)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, $"/ordering/v1/users/{DemoUsers.Ava}/carts/{cartId}/items", OrderingKey, new { sku = "X2-LINE", quantity = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Post, $"/ordering/v1/users/{DemoUsers.Ava}/carts/{cartId}/items", ServiceKey, new { sku = "X2-LINE", quantity = 1 })).StatusCode);
        await Problems.AssertAsync(await SendAsync(client, HttpMethod.Get, "/ordering/v1/catalog", "not-a-key"), HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task A_browser_without_a_credential_reads_nobody_even_in_development()
    {
        using var host = new BrowserReachableHost();
        var browser = host.CreateBrowser("203.0.113.9");

        await Problems.AssertAsync(await browser.GetAsync($"/ordering/v1/orders?userId={DemoUsers.Ava}"), HttpStatusCode.Unauthorized, "Unauthorized");
        await Problems.AssertAsync(await browser.GetAsync($"/ordering/v1/users/{DemoUsers.Ava}/cards"), HttpStatusCode.Unauthorized, "Unauthorized");
        await Problems.AssertAsync(await browser.GetAsync($"/ordering/v1/users/{DemoUsers.Ava}/ship-to"), HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task A_browser_with_its_chat_token_reads_its_own_user_only_and_cannot_order()
    {
        using var host = new BrowserReachableHost();
        var theirOrder = await PlaceOrderAsync(host.Services.GetRequiredService<IOrderingService>(), DemoUsers.Kim);
        var browser = host.CreateBrowser("203.0.113.9");
        var chat = await (await browser.PostAsJsonAsync("/webchat/token", new { userId = DemoUsers.Ava })).Content.ReadFromJsonAsync<JsonObject>();
        browser.DefaultRequestHeaders.Authorization = new("Bearer", (string)chat!["token"]!);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/ordering/v1/users/{DemoUsers.Ava}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/ordering/v1/users/{DemoUsers.Ava}/cards")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/ordering/v1/orders?userId={DemoUsers.Ava}")).StatusCode);

        await Problems.AssertAsync(await browser.GetAsync($"/ordering/v1/users/{DemoUsers.Kim}"), HttpStatusCode.Forbidden, "ForbiddenUser");
        await Problems.AssertAsync(await browser.GetAsync($"/ordering/v1/users/{DemoUsers.Kim}/ship-to"), HttpStatusCode.Forbidden, "ForbiddenUser");
        await Problems.AssertAsync(await browser.GetAsync($"/ordering/v1/orders?userId={DemoUsers.Kim}"), HttpStatusCode.Forbidden, "ForbiddenUser");
        await Problems.AssertAsync(await browser.GetAsync($"/ordering/v1/orders/{Uri.EscapeDataString(theirOrder.Number)}"), HttpStatusCode.NotFound, "OrderNotFound");
        await Problems.AssertAsync(await browser.GetAsync("/ordering/v1/users?aadTenantId=t&aadObjectId=o"), HttpStatusCode.Forbidden, "ForbiddenUser");
        await Problems.AssertAsync(await browser.PostAsJsonAsync($"/ordering/v1/users/{DemoUsers.Ava}/card-setup-links", new { }), HttpStatusCode.Forbidden, "InsufficientScope");

        browser.DefaultRequestHeaders.Authorization = new("Bearer", "v1.forged.token");
        await Problems.AssertAsync(await browser.GetAsync($"/ordering/v1/users/{DemoUsers.Ava}"), HttpStatusCode.Unauthorized, "Unauthorized");
    }

    [Fact]
    public async Task Only_a_sales_assisted_key_may_prepare_an_assisted_cart_and_forged_marks_are_refused_with_a_reason()
    {
        using var host = new KeyedHost();
        var client = host.CreateClient();
        var cartId = (string)(await (await SendAsync(client, HttpMethod.Get, $"/ordering/v1/users/{DemoUsers.Ava}/cart", OrderingKey)).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        var cartPath = $"/ordering/v1/users/{DemoUsers.Ava}/carts/{cartId}";
        var assisted = new { agent = new { id = "dana", name = "Dana" }, items = new[] { new { sku = "X2-LINE", quantity = 20 } } };

        // An ordinary integration's key, and a read-only one, cannot claim an agent prepared the cart.
        var ordinary = await SendAsync(client, HttpMethod.Put, $"{cartPath}/sales-assisted", OrderingKey, assisted);
        await Problems.AssertAsync(ordinary, HttpStatusCode.Forbidden, "InsufficientScope");
        Assert.Contains("SalesAssisted", await ordinary.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Problems.AssertAsync(await SendAsync(client, HttpMethod.Put, $"{cartPath}/sales-assisted", ReadOnlyKey, assisted), HttpStatusCode.Forbidden, "InsufficientScope");

        // Nor can a mark smuggled into an ordinary cart change or order: the unknown property is named and nothing is written.
        var forgedAdd = await SendAsync(client, HttpMethod.Post, $"{cartPath}/items", OrderingKey,
            new { sku = "X2-LINE", quantity = 20, assistedBy = new { id = "dana", name = "Dana" } });
        await Problems.AssertAsync(forgedAdd, HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.Contains("assistedBy", await forgedAdd.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var forgedOrder = new HttpRequestMessage(HttpMethod.Post, "/ordering/v1/orders")
        {
            Headers = { { "X-Api-Key", OrderingKey }, { "Idempotency-Key", "forged-1" } },
            Content = JsonContent.Create(new { userId = DemoUsers.Ava, cartId, quoteId = "q", termsVersion = "2025-11", acceptedAt = DateTimeOffset.UtcNow, assistedBy = "dana" }),
        };
        await Problems.AssertAsync(await client.SendAsync(forgedOrder), HttpStatusCode.BadRequest, "InvalidRequest");
        var untouched = await (await SendAsync(client, HttpMethod.Get, $"/ordering/v1/users/{DemoUsers.Ava}/cart", ServiceKey)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.Empty(untouched!["items"]!.AsArray());
        Assert.Null(untouched["assistedBy"]);

        // The service key (the bot's own agent console, when ordering is remote) may.
        var prepared = await SendAsync(client, HttpMethod.Put, $"{cartPath}/sales-assisted", ServiceKey, assisted);
        Assert.Equal(HttpStatusCode.OK, prepared.StatusCode);
        Assert.Equal("dana", (string?)(await prepared.Content.ReadFromJsonAsync<JsonObject>())!["assistedBy"]!["id"]);
    }

    [Fact]
    public async Task A_browser_with_its_chat_token_cannot_prepare_an_assisted_cart()
    {
        using var host = new BrowserReachableHost();
        var browser = host.CreateBrowser("203.0.113.9");
        var chat = await (await browser.PostAsJsonAsync("/webchat/token", new { userId = DemoUsers.Ava })).Content.ReadFromJsonAsync<JsonObject>();
        browser.DefaultRequestHeaders.Authorization = new("Bearer", (string)chat!["token"]!);
        var cartId = (string)(await browser.GetFromJsonAsync<JsonObject>($"/ordering/v1/users/{DemoUsers.Ava}/cart"))!["id"]!;

        var response = await browser.PutAsJsonAsync($"/ordering/v1/users/{DemoUsers.Ava}/carts/{cartId}/sales-assisted",
            new { agent = new { id = "ava", name = "Ava" }, items = new[] { new { sku = "X2-LINE", quantity = 20 } } });

        await Problems.AssertAsync(response, HttpStatusCode.Forbidden, "InsufficientScope");
        Assert.Null((await browser.GetFromJsonAsync<JsonObject>($"/ordering/v1/users/{DemoUsers.Ava}/cart"))!["assistedBy"]);
    }

    [Fact]
    public void A_scoped_key_shorter_than_32_characters_stops_the_host_at_start()
    {
        using var host = new KeyedHost(readOnlyKey: "short-key");

        var refusal = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        Assert.Contains("SalesBot:Ordering:ApiKeys", refusal.ToString(), StringComparison.Ordinal);
    }

    private static async Task<Order> PlaceOrderAsync(IOrderingService ordering, string userId)
    {
        var cart = await ordering.GetOpenCartAsync(userId, CancellationToken.None);
        cart = await ordering.AddToCartAsync(userId, cart.Id, "X2-LINE", 1, CancellationToken.None);
        var quote = await ordering.QuoteAsync(userId, cart.Id, null, CancellationToken.None);
        var terms = await ordering.GetTermsAsync(CancellationToken.None);
        return await ordering.PlaceOrderAsync(new PlaceOrderRequest(userId, cart.Id, quote.Id, null, terms.Version, DateTimeOffset.UtcNow), $"test-{userId}", CancellationToken.None);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Headers = { { "X-Api-Key", key } } };
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return client.SendAsync(request);
    }

    /// <summary>Outside Development, with the service key and two scoped keys.</summary>
    private sealed class KeyedHost(string readOnlyKey = ReadOnlyKey) : SalesBotFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("SalesBot:AllowUnauthenticatedChannels", "true");
            builder.UseSetting("SalesBot:Ordering:ApiKey", ServiceKey);
            builder.UseSetting("SalesBot:Ordering:ApiKeys:0:Name", "reports");
            builder.UseSetting("SalesBot:Ordering:ApiKeys:0:Key", readOnlyKey);
            builder.UseSetting("SalesBot:Ordering:ApiKeys:0:Scope", "ReadOnly");
            builder.UseSetting("SalesBot:Ordering:ApiKeys:1:Name", "portal");
            builder.UseSetting("SalesBot:Ordering:ApiKeys:1:Key", OrderingKey);
            builder.UseSetting("SalesBot:Ordering:ApiKeys:1:Scope", "Ordering");
        }
    }

    /// <summary>
    /// Development with no key, on a real loopback port behind a (loopback) proxy that forwards a visitor's address:
    /// what a browser on another machine reaches.
    /// </summary>
    private sealed class BrowserReachableHost : SalesBotFactory
    {
        public BrowserReachableHost() => UseKestrel(0);

        private readonly List<HttpClient> _clients = [];

        public HttpClient CreateBrowser(string visitorAddress)
        {
            var address = CreateClient().BaseAddress;
            var client = new HttpClient { BaseAddress = address };
            client.DefaultRequestHeaders.Add("X-Forwarded-For", visitorAddress);
            _clients.Add(client);
            return client;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _clients.ForEach(client => client.Dispose());
            }

            base.Dispose(disposing);
        }
    }
}
