using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>
/// What the customer's channel receives while an agent has the chat: the agent as the sender (channelData the website
/// chat draws), the joined and left notes, and the text fallbacks for Teams and for clients that cannot draw a sender.
/// </summary>
public sealed class AgentRelayTests : IAsyncLifetime
{
    /// <summary>What the website chat page puts on every activity it posts.</summary>
    private static readonly JsonObject WebChatPage = new() { ["salesbot"] = new JsonObject { ["rendersSender"] = true } };

    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    /// <summary>The customer asks for an agent and the demo agent accepts; returns the handoff id and the agent's client.</summary>
    private static async Task<(string Id, HttpClient Agent)> AcceptedAsync(HandoffBotFactory factory, CustomerChat customer)
    {
        await customer.SayAsync("hi");
        await customer.SayAsync("agent");
        var agent = await factory.SignInAgentAsync();
        var queue = await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue");
        // Each test has its own host: the one conversation waiting is this customer's.
        var id = (string)queue!.OfType<JsonObject>().Single()["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        return (id, agent);
    }

    private static JsonObject? Salesbot(JsonObject activity) => activity["channelData"]?["salesbot"] as JsonObject;

    private static void AssertSender(JsonObject activity, string kind)
    {
        var data = Salesbot(activity);
        Assert.NotNull(data);
        Assert.Equal(kind, (string?)data["kind"]);
        Assert.Equal("Dana Reyes", (string?)data["sender"]?["name"]);
        Assert.Equal("DR", (string?)data["sender"]?["initials"]);
    }

    [Theory]
    [InlineData("en-US", "Dana Reyes from 8x8 Sales joined the chat.", "Dana Reyes from 8x8 Sales left the chat.", "I'm back — let's pick up where we were:")]
    [InlineData("es-US", "Dana Reyes, de Ventas de 8x8, se unió al chat.", "Dana Reyes, de Ventas de 8x8, salió del chat.", "Ya estoy de vuelta; sigamos donde estábamos:")]
    public async Task In_the_website_chat_the_agent_is_the_sender_of_their_words_and_joins_and_leaves_in_notes(string locale, string joinedText, string leftText, string botBack)
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "relay-webchat-" + locale, DemoUsers.Ava)
        {
            ChannelId = "directline",
            ChannelData = WebChatPage,
            Locale = locale,
        };
        var (id, agent) = await AcceptedAsync(factory, customer);

        var joined = Assert.Single(customer.ReceivedActivities(), a => (string?)a["type"] == "message");
        Assert.Equal(joinedText, (string?)joined["text"]);
        AssertSender(joined, "joined");

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Yes, 10% off." })).StatusCode);
        var words = Assert.Single(customer.ReceivedActivities(), a => (string?)a["type"] == "message");
        // The words alone: the page shows whose they are.
        Assert.Equal("Yes, 10% off.", (string?)words["text"]);
        AssertSender(words, "agent");

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/end", new { note = "Enjoy the lines.", resume = true })).StatusCode);
        var ending = customer.ReceivedActivities().Where(a => (string?)a["type"] == "message").ToList();
        Assert.Equal("Enjoy the lines.", (string?)ending[0]["text"]);
        AssertSender(ending[0], "agent");
        Assert.Equal(leftText, (string?)ending[1]["text"]);
        AssertSender(ending[1], "left");
        // Then the bot again, as itself.
        Assert.StartsWith(botBack, (string?)ending[2]["text"], StringComparison.Ordinal);
        Assert.Null(Salesbot(ending[2]));

        // The transcript the console reads has the agent's words without any name written in.
        var view = await agent.GetFromJsonAsync<JsonObject>($"/agent/api/conversations/{id}");
        Assert.Contains(view!["transcript"]!.AsArray(), line => (string?)line!["role"] == "Agent" && (string?)line["text"] == "Yes, 10% off." && (string?)line["name"] == "Dana Reyes");
    }

    [Fact]
    public async Task A_client_that_cannot_draw_a_sender_reads_the_agents_name_before_their_words()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        // The Emulator, or any Direct Line client other than the website chat page: no flag on its activities.
        var customer = new CustomerChat(factory.CreateClient(), _sink, "relay-plain", DemoUsers.Ava) { ChannelId = "directline" };
        var (id, agent) = await AcceptedAsync(factory, customer);
        customer.ReceivedActivities();

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Yes, 10% off." })).StatusCode);
        var words = Assert.Single(customer.ReceivedActivities(), a => (string?)a["type"] == "message");
        Assert.Equal("Dana Reyes: Yes, 10% off.", (string?)words["text"]);
        AssertSender(words, "agent");
    }

    [Fact]
    public async Task The_website_chat_opened_during_a_handoff_gets_the_words_alone_from_the_next_message_on()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var plain = new CustomerChat(factory.CreateClient(), _sink, "relay-switch", DemoUsers.Ava) { ChannelId = "directline" };
        var (id, agent) = await AcceptedAsync(factory, plain);
        plain.ReceivedActivities();
        var page = new CustomerChat(factory.CreateClient(), _sink, "relay-switch", DemoUsers.Ava) { ChannelId = "directline", ChannelData = WebChatPage };
        Assert.Equal("", await page.SayAsync("I'm back on the website."));

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Welcome back." })).StatusCode);
        Assert.Equal("Welcome back.", page.Received());
    }

    [Fact]
    public async Task In_teams_the_agents_name_is_the_bold_first_line_of_their_message()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "a:relay-teams", DemoUsers.Ava)
        {
            ChannelId = "msteams",
            ChannelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = "relay-tenant" } },
        };
        var (id, agent) = await AcceptedAsync(factory, customer);
        var joined = Assert.Single(customer.ReceivedActivities(), a => (string?)a["type"] == "message");
        Assert.Equal("Dana Reyes from 8x8 Sales joined the chat.", (string?)joined["text"]);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Yes, 10% off." })).StatusCode);
        var words = Assert.Single(customer.ReceivedActivities(), a => (string?)a["type"] == "message");
        Assert.Equal("**Dana Reyes (8x8 Sales)**\n\nYes, 10% off.", (string?)words["text"]);
        Assert.Equal("markdown", (string?)words["textFormat"]);
        // Teams owns its channelData: nothing of this bot's goes there.
        Assert.Null(Salesbot(words));
    }
}
