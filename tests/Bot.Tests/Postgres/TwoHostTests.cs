using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Tests.Postgres;
using My8x8.SalesBot.Tests.Topology;

namespace My8x8.SalesBot.Bot.Tests.Postgres;

/// <summary>Two bot hosts on one PostgreSQL database, as two instances behind a load balancer.</summary>
public sealed class TwoHostTests : IAsyncLifetime
{
    private static readonly string[] OrderScript =
        ["hi", "add 1 X4 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue", "I agree"];

    // Only keeps a broken host from hanging the run; nothing waits for it to pass.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    private PostgresTestDatabase? _database;
    private ChannelSink? _sink;

    private PostgresTestDatabase Database => _database ?? throw new InvalidOperationException("Created in InitializeAsync.");

    private ChannelSink Sink => _sink ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _sink = await ChannelSink.StartAsync();
    }

    [SkippableFact]
    public async Task One_conversation_alternating_between_the_hosts_places_exactly_one_order_with_nothing_lost()
    {
        using var hostA = new PostgresSalesBotFactory(Database.ConnectionString);
        using var hostB = new PostgresSalesBotFactory(Database.ConnectionString);
        HttpClient[] clients = [hostA.CreateClient(), hostB.CreateClient()];

        var replies = new List<string>();
        for (var i = 0; i < OrderScript.Length; i++)
        {
            replies.Add(await SayAsync(clients[i % 2], "two-hosts-alternating", DemoUsers.Kim, OrderScript[i]));
        }

        // The cart built on host B (turn 2) was still there on host A at checkout, and so on to the end: one order, both see it.
        var ordersOnA = await clients[0].GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Kim}");
        var ordersOnB = await clients[1].GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Kim}");
        var order = Assert.Single(ordersOnA!)!;
        Assert.Single(ordersOnB!);
        var number = (string)order["number"]!;
        Assert.Equal(number, (string?)ordersOnB![0]!["number"]);
        Assert.Contains(number, replies[^1]);
        Assert.Equal(2, order["items"]!.AsArray().Count);
        Assert.Equal("ground", (string?)order["shipping"]?["code"]);
    }

    [SkippableFact]
    public async Task A_host_stopped_mid_conversation_leaves_the_conversation_for_the_other_to_finish()
    {
        using var hostB = new PostgresSalesBotFactory(Database.ConnectionString);
        var clientB = hostB.CreateClient();
        using (var hostA = new PostgresSalesBotFactory(Database.ConnectionString))
        {
            var clientA = hostA.CreateClient();
            await SayAsync(clientA, "two-hosts-failover", DemoUsers.Kim, OrderScript[0]);
            await SayAsync(clientA, "two-hosts-failover", DemoUsers.Kim, OrderScript[1]);
            await SayAsync(clientA, "two-hosts-failover", DemoUsers.Kim, OrderScript[2]);
        }

        string confirmation = "";
        foreach (var text in OrderScript[3..])
        {
            confirmation = await SayAsync(clientB, "two-hosts-failover", DemoUsers.Kim, text);
        }

        var orders = await clientB.GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Kim}");
        var order = Assert.Single(orders!)!;
        Assert.Contains((string)order["number"]!, confirmation);
        Assert.Equal(2, order["items"]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task Activities_of_one_conversation_sent_to_both_hosts_at_once_run_one_after_the_other()
    {
        var sameConversation = $"both-hosts-{Guid.NewGuid():N}";
        var otherConversation = $"other-{Guid.NewGuid():N}";
        var probe = new TurnProbeBot(sameConversation);
        void UseProbe(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.ConfigureTestServices(services => services.AddSingleton<IBot>(probe));
            // The held turn is held for as long as the test needs: no waiting turn may be refused as busy meanwhile.
            builder.UseSetting("SalesBot:Turns:Timeout", "00:01:00");
        }

        using var hostA = new PostgresSalesBotFactory(Database.ConnectionString, UseProbe);
        using var hostB = new PostgresSalesBotFactory(Database.ConnectionString, UseProbe);
        HttpClient[] clients = [hostA.CreateClient(), hostB.CreateClient()];
        using var waits = new TurnLockWaits();
        var otherHostWaits = waits.WaitingFor($"test/{sameConversation}");
        Task<HttpResponseMessage> Post(int i, string conversation) =>
            clients[i % 2].PostActivityAsync(ActivityBuilder.Message(Sink.ServiceUrl, conversation, DemoUsers.Ava, $"message {i}"));

        // A turn on host A is inside the bot; the others, on both hosts, arrive while it is.
        var first = Post(0, sameConversation);
        await probe.Entered(sameConversation).WaitAsync(HangGuard);
        var rest = Enumerable.Range(1, 5).Select(i => Post(i, sameConversation)).ToArray();
        // Host B's turn is refused by the database and waits — unless (the bug) it gets into the bot.
        await Task.WhenAny(otherHostWaits, probe.Overlapped.Task).WaitAsync(HangGuard);
        Assert.False(probe.Overlapped.Task.IsCompleted, "a turn on the other host ran while the first host's turn was inside");

        // Another conversation is answered on both hosts meanwhile.
        var other = await Task.WhenAll(Post(6, otherConversation), Post(7, otherConversation)).WaitAsync(HangGuard);
        Assert.All(other, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(2, probe.ConversationsInsideTogether);

        probe.Release();
        var responses = await Task.WhenAll([first, .. rest]).WaitAsync(HangGuard);

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(6, probe.Turns[sameConversation]);
        Assert.Equal(1, probe.MaxInside[sameConversation]);
    }

    [SkippableFact]
    public async Task A_channel_retry_of_an_activity_sent_to_the_other_host_has_no_second_effect()
    {
        using var hostA = new PostgresSalesBotFactory(Database.ConnectionString);
        using var hostB = new PostgresSalesBotFactory(Database.ConnectionString);
        HttpClient[] clients = [hostA.CreateClient(), hostB.CreateClient()];
        await SayAsync(clients[0], "two-hosts-retry", DemoUsers.Kim, "hi");
        var add = ActivityBuilder.Message(Sink.ServiceUrl, "two-hosts-retry", DemoUsers.Kim, "add 1 X2 line", channelId: "emulator");

        Assert.Equal(HttpStatusCode.OK, (await clients[0].PostActivityAsync(add)).StatusCode);
        Sink.TakeAll();
        Assert.Equal(HttpStatusCode.OK, (await clients[1].PostActivityAsync(add)).StatusCode);
        var retryReplies = Sink.TakeAll();
        // And both hosts at once, as a retry racing the first attempt.
        var racing = ActivityBuilder.Message(Sink.ServiceUrl, "two-hosts-retry", DemoUsers.Kim, "add 1 X4 line", channelId: "emulator");
        var raced = await Task.WhenAll(clients[0].PostActivityAsync(racing), clients[1].PostActivityAsync(racing));

        Assert.Empty(retryReplies);
        Assert.All(raced, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var cart = await clients[1].GetFromJsonAsync<JsonObject>($"/ordering/v1/users/{DemoUsers.Kim}/cart");
        Assert.Equal(2, (int)cart!["lineCount"]!);
        Assert.Equal(["X2-LINE", "X4-LINE"], cart["items"]!.AsArray().Select(i => (string)i!["sku"]!).Order());
    }

    [SkippableFact]
    public async Task A_chat_token_issued_on_one_host_is_accepted_by_the_other_through_the_key_ring_in_the_database()
    {
        // No SalesBot:DataProtection:KeysPath and no shared folder: the only key ring both hosts have is in PostgreSQL.
        using var hostA = new PostgresSalesBotFactory(Database.ConnectionString);
        using var hostB = new PostgresSalesBotFactory(Database.ConnectionString);
        var browserA = hostA.CreateClient();
        var browserB = hostB.CreateClient();
        var chat = (await (await browserA.PostAsJsonAsync("/webchat/token", new { userId = DemoUsers.Ava })).Content.ReadFromJsonAsync<JsonObject>())!;
        var token = (string)chat["token"]!;

        var refreshed = await DirectLine.DirectLineKeyRingTests.RefreshAsync(browserB, token);
        browserB.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var ownUser = await browserB.GetAsync($"/ordering/v1/users/{DemoUsers.Ava}");
        var otherUser = await browserB.GetAsync($"/ordering/v1/users/{DemoUsers.Kim}");

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal((string)chat["conversationId"]!, (string?)(await refreshed.Content.ReadFromJsonAsync<JsonObject>())!["conversationId"]);
        Assert.Equal(HttpStatusCode.OK, ownUser.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherUser.StatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private async Task<string> SayAsync(HttpClient client, string conversationId, string userId, string text)
    {
        var response = await client.PostActivityAsync(ActivityBuilder.Message(Sink.ServiceUrl, conversationId, userId, text, channelId: "emulator"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join("\n", Sink.TakeAll().Select(a =>
            $"{a["text"]}\n{(a["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["content"]?["fallbackText"] : null)}"));
    }
}
