using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Tests.Http;

namespace My8x8.SalesBot.Ordering.Tests;

/// <summary>What only the REST API can get wrong: raw bodies, headers, status codes and the documents it serves.</summary>
public sealed class OrderingApiTests : IAsyncLifetime
{
    private OrderingHarness? _harness;

    private OrderingHarness Harness => _harness ?? throw new InvalidOperationException("The harness is created in InitializeAsync.");

    private HttpClient Http => Harness.Http;

    public async Task InitializeAsync() => _harness = await OrderingHarness.HttpAsync();

    public async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("{\"sku\": \"X2-LINE\", \"quantity\": ", "application/json")]
    [InlineData("not json at all", "application/json")]
    [InlineData("{\"sku\": \"X2-LINE\", \"quantity\": \"three\"}", "application/json")]
    [InlineData("{\"sku\": \"X2-LINE\", \"quantity\": 99999999999}", "application/json")]
    [InlineData("{\"sku\": null, \"quantity\": 1}", "application/json")]
    [InlineData("{\"quantity\": 1}", "application/json")]
    [InlineData("", "application/json")]
    [InlineData("sku=X2-LINE&quantity=1", "application/x-www-form-urlencoded")]
    public async Task Malformed_bodies_are_a_400_problem_and_nothing_is_written(string body, string contentType)
    {
        var cart = await Harness.Service.GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None);

        using var response = await Http.PostAsync($"/ordering/v1/users/{DemoUsers.Ava}/carts/{cart.Id}/items",
            new StringContent(body, Encoding.UTF8, contentType));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        var after = await Harness.Service.GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None);
        Assert.Equal((cart.Version, 0), (after.Version, after.Items.Count));
    }

    [Fact]
    public async Task Malformed_order_json_is_a_400_problem_and_no_order_is_written()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ordering/v1/orders")
        {
            Content = new StringContent("{\"userId\": \"ava.ordering\", \"cartId\": ", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "k-1");

        using var response = await Http.SendAsync(request);

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "InvalidRequest");
        Assert.Empty(await Harness.Service.GetOrdersAsync(DemoUsers.Ava, CancellationToken.None));
    }

    [Fact]
    public async Task An_order_without_an_idempotency_key_header_is_a_400_problem()
    {
        var (cart, quote) = await ReadyAsync();

        using var response = await Http.PostAsJsonAsync("/ordering/v1/orders",
            new PlaceOrderRequest(DemoUsers.Ava, cart.Id, quote.Id, null, "2025-11", Harness.Time.GetUtcNow()));

        await Problems.AssertAsync(response, HttpStatusCode.BadRequest, "IdempotencyKeyRequired");
        Assert.Empty(await Harness.Service.GetOrdersAsync(DemoUsers.Ava, CancellationToken.None));
    }

    [Fact]
    public async Task Rule_violations_are_problems_with_a_type_a_code_and_the_numbers()
    {
        var service = Harness.Service;
        var cart = await service.GetOpenCartAsync(DemoUsers.Cara, CancellationToken.None);
        await service.AddToCartAsync(DemoUsers.Cara, cart.Id, "POLY-VVX250", 3, CancellationToken.None);
        await service.SetShippingMethodAsync(DemoUsers.Cara, cart.Id, "ground", CancellationToken.None);

        using var response = await Http.PostAsync($"/ordering/v1/users/{DemoUsers.Cara}/carts/{cart.Id}/quotes", null);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.UnprocessableEntity, "DevicesExceedAvailableLines");
        Assert.EndsWith("/DevicesExceedAvailableLines", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("3", problem["details"]!["devices"]!.GetValue<string>());
        Assert.Equal("0", problem["details"]!["linesWithoutDevice"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/ordering/v1/users/nobody", HttpStatusCode.NotFound, "UnknownUser")]
    [InlineData("/ordering/v1/users/dan.enduser/cart", HttpStatusCode.Forbidden, "NotEligible")]
    [InlineData("/ordering/v1/orders/SO-2026-00000", HttpStatusCode.NotFound, "OrderNotFound")]
    [InlineData("/ordering/v1/orders", HttpStatusCode.BadRequest, "InvalidRequest")]
    [InlineData("/ordering/v1/users/?aadTenantId=x", HttpStatusCode.BadRequest, "InvalidRequest")]
    public async Task Bad_reads_are_clear_4xx_problems(string path, HttpStatusCode status, string code)
    {
        using var response = await Http.GetAsync(path);
        await Problems.AssertAsync(response, status, code);
    }

    [Fact]
    public async Task Orders_placed_through_the_api_are_read_back_by_number_and_by_user()
    {
        var (cart, quote) = await ReadyAsync(("X2-LINE", 2), ("POLY-VVX450", 1));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/ordering/v1/orders")
        {
            Content = JsonContent.Create(new PlaceOrderRequest(DemoUsers.Ava, cart.Id, quote.Id, null, "2025-11", Harness.Time.GetUtcNow())),
        };
        request.Headers.Add("Idempotency-Key", "order-key-1");

        using var created = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var number = (await created.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<string>();
        Assert.Equal($"/ordering/v1/orders/{number}", created.Headers.Location?.ToString());

        var byNumber = (await Http.GetFromJsonAsync<JsonObject>($"/ordering/v1/orders/{number}"))!;
        var byUser = (await Http.GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Ava}"))!;

        Assert.Equal(number, Assert.Single(byUser)!["number"]!.GetValue<string>());
        var items = byNumber["items"]!.AsArray();
        Assert.Equal(["X2-LINE", "POLY-VVX450"], items.Select(i => i!["sku"]!.GetValue<string>()));
        Assert.Equal([2, 1], items.Select(i => i!["quantity"]!.GetValue<int>()));
        Assert.Equal("ground", byNumber["shipping"]!["code"]!.GetValue<string>());
        Assert.Equal(quote.Total, byNumber["total"]!.GetValue<decimal>());
        Assert.Equal("Visa", byNumber["payment"]!["brand"]!.GetValue<string>());
        Assert.Equal("4242", byNumber["payment"]!["last4"]!.GetValue<string>());
        Assert.Equal("2025-11", byNumber["termsVersion"]!.GetValue<string>());

        // The lines the customer was shown travel with the order, and its total is their sum.
        var dueToday = byNumber["charges"]!["dueToday"]!.AsArray();
        Assert.Equal(["Equipment", "FirstMonthOfService", "Shipping", "SalesTax"], dueToday.Select(c => c!["kind"]!.GetValue<string>()));
        Assert.Equal(byNumber["total"]!.GetValue<decimal>(), dueToday.Sum(c => c!["amount"]!.GetValue<decimal>()));
        Assert.Equal(quote.Total, byNumber["charges"]!["totalDueToday"]!.GetValue<decimal>());
        var tax = dueToday[^1]!;
        Assert.Equal(0.0725m, tax["taxRate"]!.GetValue<decimal>());
        Assert.Equal(dueToday.Take(2).Sum(c => c!["amount"]!.GetValue<decimal>()), tax["taxableBase"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Enums_travel_as_names()
    {
        var eligibility = (await Http.GetFromJsonAsync<JsonObject>($"/ordering/v1/users/{DemoUsers.Hugo}/eligibility"))!;
        Assert.Equal("Express", eligibility["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_ordering_endpoints()
    {
        var document = (await Http.GetFromJsonAsync<JsonObject>("/ordering/v1/openapi.json"))!;

        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/ordering/v1/orders/{orderNumber}", paths);
        Assert.Contains("/ordering/v1/orders", paths);
        Assert.Contains("/ordering/v1/users/{userId}/carts/{cartId}/items", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/payments", StringComparison.Ordinal));
        var addItem = document["paths"]!["/ordering/v1/users/{userId}/carts/{cartId}/items"]!["post"]!;
        Assert.NotNull(addItem["requestBody"]!["content"]!["application/json"]!["schema"]);
        Assert.Equal("My8x8 SalesBot ordering service", document["info"]!["title"]!.GetValue<string>());
        // Plan features travel with the catalog, so integrators compare plans from the same truth.
        var schemas = document["components"]!["schemas"]!;
        Assert.NotNull(schemas["Product"]!["properties"]!["features"]);
        Assert.NotNull(schemas["PlanFeature"]!["properties"]!["included"]);
    }

    [Fact]
    public async Task The_openapi_document_describes_sales_assisted_carts_and_who_assisted_on_an_order()
    {
        var document = (await Http.GetFromJsonAsync<JsonObject>("/ordering/v1/openapi.json"))!;

        var prepare = document["paths"]!["/ordering/v1/users/{userId}/carts/{cartId}/sales-assisted"]!["put"]!;
        Assert.Equal("PrepareAssistedCart", prepare["operationId"]!.GetValue<string>());
        Assert.Contains("SalesAssisted", prepare["description"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(prepare["responses"]!["403"]);
        var schemas = document["components"]!["schemas"]!;
        Assert.NotNull(schemas["Order"]!["properties"]!["assistedBy"]);
        Assert.NotNull(schemas["Cart"]!["properties"]!["assistedBy"]);
        Assert.NotNull(schemas["CartLimits"]!["properties"]!["maxLinesPerAssistedOrder"]);
    }

    private async Task<(Cart Cart, Quote Quote)> ReadyAsync(params (string Sku, int Quantity)[] items)
    {
        var service = Harness.Service;
        var cart = await service.GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None);
        foreach (var (sku, quantity) in items.DefaultIfEmpty(("X2-LINE", 1)))
        {
            cart = await service.AddToCartAsync(DemoUsers.Ava, cart.Id, sku, quantity, CancellationToken.None);
        }

        if (cart.NeedsShipping)
        {
            cart = await service.SetShippingMethodAsync(DemoUsers.Ava, cart.Id, "ground", CancellationToken.None);
        }

        return (cart, await service.QuoteAsync(DemoUsers.Ava, cart.Id, null, CancellationToken.None));
    }

}
