using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>The handoff end to end: real host, real /api/messages, replies at a loopback channel, agents through the console API.</summary>
public sealed class LiveAgentHandoffTests : IAsyncLifetime
{
    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private CustomerChat Chat(HandoffBotFactory factory, string conversationId, string userId = DemoUsers.Ava) =>
        new(factory.CreateClient(), _sink, conversationId, userId);

    private static async Task<JsonObject> QueueItemAsync(HttpClient agent, string userId)
    {
        var queue = await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue");
        return queue!.OfType<JsonObject>().Single(item => (string?)item["customer"]?["userId"] == userId);
    }

    [Fact]
    public async Task In_hours_a_customer_is_queued_accepted_answered_and_handed_back_to_the_bot_with_the_same_cart()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "handoff-happy");
        await customer.SayAsync("hi");
        await customer.SayAsync("add 2 X4 lines");

        var queued = await customer.SayAsync("agent");

        Assert.Contains("I've asked a sales agent to join this chat", queued);
        Assert.Contains("number 1 in line", queued);
        Assert.Contains("about 2 minutes", queued);

        var agent = await factory.SignInAgentAsync();
        var item = await QueueItemAsync(agent, DemoUsers.Ava);
        Assert.Equal("Queued", (string?)item["status"]);
        Assert.Equal("CustomerAsked", (string?)item["reason"]);
        Assert.Equal("Acme Dental", (string?)item["customer"]?["accountName"]);
        Assert.Contains("2 × X4 line", (string?)item["cartSummary"]);
        var id = (string)item["id"]!;

        var accepted = await agent.PostAsync($"/agent/api/conversations/{id}/accept", null);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        Assert.Contains("Dana Reyes from 8x8 Sales joined the chat.", customer.Received());

        // The customer's message goes to the agent, not to the dialogs: the bot says nothing.
        Assert.Equal("", await customer.SayAsync("Can I get a discount on the two lines?"));
        var view = await agent.GetFromJsonAsync<JsonObject>($"/agent/api/conversations/{id}");
        Assert.True((bool)view!["assignedToMe"]!);
        Assert.Contains(view["transcript"]!.AsArray(), line =>
            (string?)line!["role"] == "Customer" && (string?)line["text"] == "Can I get a discount on the two lines?");
        Assert.Equal("Profile", (string?)view["eligibility"]!["facts"]![0]!["label"]);

        var reply = await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Yes, I've applied 10% to this order." });
        Assert.Equal(HttpStatusCode.NoContent, reply.StatusCode);
        Assert.Contains("Dana Reyes: Yes, I've applied 10% to this order.", customer.Received());

        var ended = await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/end", new { note = "Discount applied at checkout.", resume = true });
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        var handedBack = customer.Received();
        Assert.Contains("Dana Reyes: Discount applied at checkout.\nDana Reyes from 8x8 Sales left the chat.", handedBack);
        Assert.Contains("let's pick up where we were", handedBack);

        // Back with the bot, same cart.
        var cart = await factory.Services.GetRequiredService<IOrderingService>().GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None);
        Assert.Equal(2, cart.LineCount);
        Assert.Contains("Your cart", await customer.SayAsync("cart"));
        Assert.DoesNotContain(await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue") ?? [], i => (string?)i!["id"] == id);
    }

    [Fact]
    public async Task Saying_cancel_while_waiting_leaves_the_queue_and_the_bot_takes_over_again()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "handoff-cancel");
        await customer.SayAsync("hi");
        await customer.SayAsync("agent");

        Assert.Contains("still in line", await customer.SayAsync("hello?"));
        Assert.Contains("you've left the queue", await customer.SayAsync("cancel"));

        var agent = await factory.SignInAgentAsync();
        Assert.Empty((await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!);
        Assert.Contains("Your cart", await customer.SayAsync("cart"));
    }

    [Fact]
    public async Task When_no_agent_accepts_in_time_the_bot_offers_a_callback_and_stores_it()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "handoff-timeout");
        await customer.SayAsync("hi");
        await customer.SayAsync("agent");

        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        await factory.Services.GetRequiredService<HandoffSweeper>().SweepAsync(CancellationToken.None);

        var offer = CustomerChat.Messages([await _sink.NextMessageAsync()]);
        Assert.Contains("no sales agent was free to join in time", offer);
        Assert.Contains("What phone number should our sales team call?", offer);
        Assert.Contains("When suits you?", await customer.SayAsync("408-555-0100"));
        var booked = await customer.SayAsync("tomorrow at 9");
        Assert.Contains("Done — sales will call you at 408-555-0100 tomorrow at 9:00 a.m. Pacific", booked);

        var agent = await factory.SignInAgentAsync();
        Assert.Empty((await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!);
        var callback = (await agent.GetFromJsonAsync<JsonArray>("/agent/api/callbacks"))!.Single()!;
        Assert.Equal("+14085550100", (string?)callback["dialablePhone"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 17, 0, 0, TimeSpan.Zero), callback["preferredAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task After_hours_the_customer_hears_when_sales_opens_and_books_a_callback_that_agents_see()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.SaturdayTenPacific);
        var customer = Chat(factory, "handoff-saturday");
        await customer.SayAsync("hi");
        await customer.SayAsync("add 12 X4 lines");

        var closed = await customer.SayAsync("agent");

        Assert.Contains("we open again Monday at 6:00 a.m. Pacific", closed);
        Assert.Contains("1-866-879-8647", closed);
        Assert.Contains("What phone number", closed);
        Assert.Contains("When suits you?", await customer.SayAsync("call me on (408) 555-0100"));
        var proposal = await customer.SayAsync("tomorrow at 9");
        Assert.Contains("Sales isn't working tomorrow at 9:00 a.m. Pacific", proposal);
        Assert.Contains("The nearest time I can book is Monday at 6:00 a.m. Pacific. Shall I book that?", proposal);
        var booked = await customer.SayAsync("yes");
        Assert.Contains("Done — sales will call you at (408) 555-0100 Monday at 6:00 a.m. Pacific", booked);

        var agent = await factory.SignInAgentAsync();
        var callback = (await agent.GetFromJsonAsync<JsonArray>("/agent/api/callbacks"))!.Single()!;
        Assert.Equal("OverSelfServiceLimits", (string?)callback["reason"]);
        Assert.Equal("+14085550100", (string?)callback["dialablePhone"]);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero), callback["preferredAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Monday, March 9, 2026 at 6:00 a.m. Pacific", (string?)callback["preferredTime"]);
        Assert.Equal(12, (int)callback["cart"]!["newLines"]!);
        Assert.Contains(callback["transcript"]!.AsArray(), line => (string?)line!["text"] == "add 12 X4 lines");

        // The bot has the conversation again, with the same cart.
        Assert.Contains("Your cart", await customer.SayAsync("cart"));
        var cart = await factory.Services.GetRequiredService<IOrderingService>().GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None);
        Assert.Equal(12, cart.LineCount);
    }

    [Fact]
    public async Task An_agent_cannot_reply_into_a_conversation_another_agent_accepted()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "handoff-two-agents");
        await customer.SayAsync("hi");
        await customer.SayAsync("agent");
        var dana = await factory.SignInAgentAsync();
        var lee = await factory.SignInAgentAsync(HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);
        var id = (string)(await QueueItemAsync(dana, DemoUsers.Ava))["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await dana.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        customer.Received();

        Assert.Equal(HttpStatusCode.Conflict, (await lee.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lee.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Hi, Lee here" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lee.PostAsJsonAsync($"/agent/api/conversations/{id}/end", new { resume = false })).StatusCode);

        Assert.Equal("", customer.Received());
        Assert.Equal(HttpStatusCode.NoContent, (await dana.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Dana here" })).StatusCode);
        Assert.Contains("Dana Reyes: Dana here", customer.Received());
    }

    [Fact]
    public async Task A_card_number_typed_by_the_customer_never_appears_in_what_agents_see_or_in_the_handoff_database()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "handoff-redaction");
        await customer.SayAsync("hi");
        await customer.SayAsync("my card is 4242 4242 4242 4242 cvc 123");
        await customer.SayAsync("agent");
        var agent = await factory.SignInAgentAsync();
        var id = (string)(await QueueItemAsync(agent, DemoUsers.Ava))["id"]!;
        await agent.PostAsync($"/agent/api/conversations/{id}/accept", null);

        var warned = await customer.SayAsync("here it is again 4111-1111-1111-1111");
        await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Never send 5555 5555 5555 4444 here" });

        Assert.Contains("don't type card numbers", warned);
        var seen = await agent.GetStringAsync($"/agent/api/conversations/{id}") + await agent.GetStringAsync($"/agent/api/conversations/{id}/transcript");
        Assert.Contains("[card number removed]", seen);
        Assert.Contains("[security code removed]", seen);
        foreach (var number in new[] { "4242 4242 4242 4242", "4242424242424242", "4111-1111-1111-1111", "4111111111111111", "5555 5555 5555 4444", "cvc 123" })
        {
            Assert.DoesNotContain(number, seen);
            Assert.DoesNotContain(number, CustomerChat.Messages(_sink.All));
        }

        // The database file and its write-ahead log: the host keeps connections open, so recent rows may be only in the log.
        SqliteConnection.ClearAllPools();
        var files = new[] { "handoff.db", "handoff.db-wal" }.Select(name => Path.Combine(factory.DataPath, name)).Where(File.Exists);
        var database = string.Concat(await Task.WhenAll(files.Select(file => ReadSharedAsync(file))));
        Assert.DoesNotContain("4242 4242 4242 4242", database);
        Assert.DoesNotContain("4111-1111-1111-1111", database);
        Assert.Contains("[card number removed]", database);
    }

    [Fact]
    public async Task In_handoff_event_mode_handoff_initiate_carries_the_redacted_transcript_and_handoff_status_hands_back()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific, HandoffMode.HandoffEvent);
        var customer = Chat(factory, "handoff-hub");
        await customer.SayAsync("hi");
        await customer.SayAsync("add 1 X4 line");
        await customer.SayAsync("my card is 4242 4242 4242 4242");

        var response = await factory.CreateClient().PostActivityAsync(ActivityBuilder.Message(_sink.ServiceUrl, customer.ConversationId, DemoUsers.Ava, "agent", channelId: "emulator"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sent = _sink.TakeAll();

        var initiate = sent.Single(a => (string?)a["type"] == "event");
        Assert.Equal("handoff.initiate", (string?)initiate["name"]);
        Assert.Equal("CustomerAsked", (string?)initiate["value"]?["reason"]);
        Assert.Equal(DemoUsers.Ava, (string?)initiate["value"]?["customer"]?["userId"]);
        var attachment = initiate["attachments"]![0]!;
        Assert.Equal("Transcript", (string?)attachment["name"]);
        var lines = attachment["content"]!["activities"]!.AsArray().Select(a => (string?)a!["text"]).ToList();
        Assert.Contains("add 1 X4 line", lines);
        Assert.Contains("agent", lines);
        Assert.Contains(lines, line => line!.Contains("[card number removed]", StringComparison.Ordinal));
        Assert.DoesNotContain("4242 4242", initiate.ToJsonString());
        Assert.Contains("connecting you with our sales team", CustomerChat.Messages(sent));

        Assert.Equal("", await customer.SendEventAsync("handoff.status", new JsonObject { ["state"] = "accepted" }));
        Assert.Equal("", await customer.SayAsync("Hello, is someone there?"));
        var back = await customer.SendEventAsync("handoff.status", new JsonObject { ["state"] = "completed", ["message"] = "Resolved by phone" });
        Assert.Contains("I'm back", back);
        Assert.Contains("Your cart", await customer.SayAsync("cart"));
    }

    [Fact]
    public async Task A_failed_contact_center_handoff_offers_a_callback()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific, HandoffMode.HandoffEvent);
        var customer = Chat(factory, "handoff-hub-failed");
        await customer.SayAsync("hi");
        await customer.SayAsync("agent");

        var offer = await customer.SendEventAsync("handoff.status", new JsonObject { ["state"] = "failed", ["message"] = "No agents" });

        Assert.Contains("couldn't reach a sales agent", offer);
        Assert.Contains("What phone number", offer);
    }

    /// <summary>Reads a file another connection still has open.</summary>
    private static async Task<string> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }
}
