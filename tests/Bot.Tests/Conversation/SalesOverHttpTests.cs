using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Conversation;

/// <summary>The whole product over HTTP: activities posted to /api/messages, replies at a loopback serviceUrl.</summary>
public sealed class SalesOverHttpTests : IClassFixture<SalesBotFactory>, IAsyncLifetime
{
    private readonly SalesBotFactory _factory;
    private readonly HttpClient _client;
    private ChannelSink _sink = null!;

    public SalesOverHttpTests(SalesBotFactory factory)
    {
        _factory = factory;
        _client = factory.CreateClient();
    }

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private async Task<string> SayAsync(string conversationId, string userId, string text)
    {
        var response = await _client.PostActivityAsync(ActivityBuilder.Message(_sink.ServiceUrl, conversationId, userId, text, channelId: "emulator"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Text(_sink.TakeAll());
    }

    private static string Text(IEnumerable<JsonObject> activities) => string.Join("\n", activities.Select(a =>
        $"{a["text"]}\n{(a["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["content"]?["fallbackText"] : null)}"));

    [Fact]
    public async Task A_customer_types_from_hi_to_an_order_number_and_the_order_reads_back_from_the_ordering_api()
    {
        const string conversation = "http-order";
        await SayAsync(conversation, DemoUsers.Kim, "hi");
        await SayAsync(conversation, DemoUsers.Kim, "add 1 X4 line and 1 Poly VVX 250");
        await SayAsync(conversation, DemoUsers.Kim, "checkout");
        await SayAsync(conversation, DemoUsers.Kim, "1111");
        await SayAsync(conversation, DemoUsers.Kim, "ground");
        await SayAsync(conversation, DemoUsers.Kim, "continue");
        var confirmation = await SayAsync(conversation, DemoUsers.Kim, "I agree");

        var orders = await _client.GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Kim}");
        var number = (string)orders![0]!["number"]!;
        Assert.Contains(number, confirmation);
        var order = await _client.GetFromJsonAsync<JsonObject>($"/ordering/v1/orders/{number}");
        Assert.Equal("ground", (string?)order!["shipping"]?["code"]);
        Assert.Equal("2025-11", (string?)order["termsVersion"]);
        Assert.Equal(2, order["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_card_number_typed_into_the_chat_is_never_echoed_stored_or_acted_on()
    {
        const string conversation = "http-redaction";
        await SayAsync(conversation, DemoUsers.Ava, "hi");

        var reply = await SayAsync(conversation, DemoUsers.Ava, "my card is 4242 4242 4242 4242 cvc 123");

        Assert.Contains("don't type card numbers", reply);
        Assert.DoesNotContain("4242 4242", reply);
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_factory.DataPath))
        {
            var bytes = await File.ReadAllTextAsync(file);
            Assert.DoesNotContain("4242 4242 4242 4242", bytes);
            Assert.DoesNotContain("4242424242424242", bytes);
        }
    }

    [Fact]
    public async Task Adding_a_card_on_the_secure_page_moves_the_conversation_on_by_itself()
    {
        const string conversation = "http-add-card";
        await SayAsync(conversation, DemoUsers.Ivy, "hi");
        await SayAsync(conversation, DemoUsers.Ivy, "add 1 X2 line");
        var payment = await SayAsync(conversation, DemoUsers.Ivy, "checkout");
        var link = System.Text.RegularExpressions.Regex.Match(payment, @"http://localhost:3978(/payments/cards/new\?token=[\w\-]+)").Groups[1].Value;
        Assert.NotEmpty(link);
        var token = link[(link.IndexOf('=') + 1)..];

        var page = await _client.PostAsync("/payments/cards/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["number"] = "5555 5555 5555 4444",
            ["expiry"] = "12/30",
            ["cvc"] = "123",
            ["name"] = "Ivy Chen",
            ["zip"] = "98101",
        }));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var proactive = Text(_sink.TakeAll());
        Assert.Contains("ending 4444", proactive);
        Assert.Contains("future purchases", proactive);
        Assert.DoesNotContain("5555 5555", proactive);
        await SayAsync(conversation, DemoUsers.Ivy, "continue");
        await SayAsync(conversation, DemoUsers.Ivy, "I agree");
        var orders = await _client.GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Ivy}");
        Assert.Equal("4444", (string?)orders![0]!["payment"]?["last4"]);
    }

    [Fact]
    public async Task A_card_added_while_shopping_brings_the_customer_back_to_the_cart_and_pays_at_checkout()
    {
        const string conversation = "http-add-card-anytime";
        await SayAsync(conversation, DemoUsers.Jack, "hi");
        await SayAsync(conversation, DemoUsers.Jack, "add 1 X2 line");

        var link = await SayAsync(conversation, DemoUsers.Jack, "add a card");

        // The chat carries on by itself when the card is added, so it does not ask for "done"; the card's own
        // fallback text (for clients that cannot draw it) still has the plain link.
        var summary = System.Text.RegularExpressions.Regex.Match(link, @"\[[^\]]+\]\(http://localhost:3978/payments/cards/new\?token=([\w\-]+)\)");
        Assert.True(summary.Success, link);
        Assert.DoesNotContain("type \"done\"", link);
        var page = await _client.PostAsync("/payments/cards/new", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = summary.Groups[1].Value,
            ["number"] = "4242 4242 4242 4242",
            ["expiry"] = "11/31",
            ["cvc"] = "123",
            ["name"] = "Jack Duarte",
            ["zip"] = "33139",
        }));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var proactive = Text(_sink.TakeAll());
        Assert.Contains("ending 4242", proactive);
        Assert.Contains("X2 line", proactive);

        await SayAsync(conversation, DemoUsers.Jack, "checkout");
        await SayAsync(conversation, DemoUsers.Jack, "4242");
        await SayAsync(conversation, DemoUsers.Jack, "continue");
        await SayAsync(conversation, DemoUsers.Jack, "I agree");
        var orders = await _client.GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Jack}");
        Assert.Equal("4242", (string?)orders![0]!["payment"]?["last4"]);
    }
}
