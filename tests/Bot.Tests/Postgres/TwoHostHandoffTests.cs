using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Bot.Tests.Handoff;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Tests.Postgres;
using My8x8.SalesBot.Tests.Topology;
using Npgsql;

namespace My8x8.SalesBot.Bot.Tests.Postgres;

/// <summary>The agent console across two hosts on one PostgreSQL database, as two instances behind a load balancer.</summary>
public sealed partial class TwoHostHandoffTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider _clock = new(HandoffBotFactory.TuesdayTenPacific);
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
    public async Task An_agent_signed_in_on_host_A_takes_over_a_customer_whose_turns_land_on_host_B_and_the_order_completes_once()
    {
        using var hostA = Host();
        using var hostB = Host();
        var customerOnB = new CustomerChat(hostB.CreateClient(), Sink, "two-hosts-handoff", DemoUsers.Kim);
        var customerOnA = new CustomerChat(hostA.CreateClient(), Sink, "two-hosts-handoff", DemoUsers.Kim);
        await Task.WhenAll(Listening(hostA), Listening(hostB));
        Assert.IsType<PostgresHandoffStore>(hostA.Services.GetRequiredService<IHandoffStore>());

        // One browser behind a load balancer: the sign-in form comes from A, is posted to B; the cookie and token work on both.
        var cookies = new CookieContainer();
        var agentOnA = AgentClient(hostA, cookies);
        var agentOnB = AgentClient(hostB, cookies);
        var form = await agentOnA.GetStringAsync("/agent/signin");
        var signIn = await agentOnB.PostAsync("/agent/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["agentId"] = HandoffBotFactory.DemoAgentId,
            ["password"] = HandoffBotFactory.DemoAgentPassword,
            ["returnUrl"] = "/agent",
            ["__RequestVerificationToken"] = FormToken().Match(form).Groups[1].Value,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var token = (string)(await agentOnA.GetFromJsonAsync<JsonObject>("/agent/api/antiforgery"))!["token"]!;
        agentOnA.DefaultRequestHeaders.Add("RequestVerificationToken", token);
        agentOnB.DefaultRequestHeaders.Add("RequestVerificationToken", token);
        using var feedOnA = await AgentEvents.OpenAsync(agentOnA);

        // The customer, on B, asks for a person; the console on A hears of it live and lists them.
        await customerOnB.SayAsync("hi");
        await customerOnB.SayAsync("add 1 X4 line and 1 Poly VVX 250");
        Assert.Contains("I've asked a sales agent to join this chat", await customerOnB.SayAsync("agent"));
        await feedOnA.NextAsync("queue");
        var queue = await agentOnA.GetFromJsonAsync<JsonArray>("/agent/api/queue");
        var item = Assert.Single(queue!)!;
        Assert.Equal(DemoUsers.Kim, (string?)item["customer"]?["userId"]);
        var id = (string)item["id"]!;

        Assert.Equal(HttpStatusCode.NoContent, (await agentOnA.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        Assert.Contains("Dana Reyes from 8x8 Sales joined the chat.", customerOnB.Received());

        // The customer's words, on B, reach the agent's console on A as they are said. Two transcript events came before:
        // the "agent" turn's (from B) and the accept's (A's own); turns before the handoff are not announced to other hosts.
        await feedOnA.NextAsync("transcript");
        await feedOnA.NextAsync("transcript");
        Assert.Equal("", await customerOnB.SayAsync("Is ground shipping fine for the phone?"));
        var grew = await feedOnA.NextAsync("transcript");
        var view = await agentOnA.GetFromJsonAsync<JsonObject>($"/agent/api/conversations/{id}");
        Assert.Equal((string?)view!["conversationKey"], (string?)grew["conversationKey"]);
        Assert.True((bool)view["assignedToMe"]!);
        Assert.Contains(view["transcript"]!.AsArray(), line => (string?)line!["text"] == "Is ground shipping fine for the phone?");

        // The agent answers through either host; the customer hears both.
        Assert.Equal(HttpStatusCode.NoContent, (await agentOnB.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Yes, ground is fine." })).StatusCode);
        Assert.Contains("Dana Reyes: Yes, ground is fine.", customerOnB.Received());
        Assert.Equal("", await customerOnA.SayAsync("Great, thanks"));
        Assert.Equal(HttpStatusCode.NoContent, (await agentOnA.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Handing you back to the bot." })).StatusCode);
        Assert.Contains("Dana Reyes: Handing you back to the bot.", customerOnB.Received());

        var ended = await agentOnB.PostAsJsonAsync($"/agent/api/conversations/{id}/end", new { note = "Ground shipping is fine.", resume = true });
        Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        Assert.Contains("let's pick up where we were", customerOnB.Received());
        await feedOnA.NextAsync("queue", data => data["conversationKey"] is not null);
        Assert.Empty((await agentOnA.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!);

        // Back with the bot, the order completes with its turns alternating between the hosts.
        CustomerChat[] turns = [customerOnA, customerOnB];
        string[] rest = ["checkout", "1111", "ground", "continue", "I agree"];
        var confirmation = "";
        for (var i = 0; i < rest.Length; i++)
        {
            confirmation = await turns[i % 2].SayAsync(rest[i]);
        }

        var ordersOnA = await hostA.Services.GetRequiredService<IOrderingService>().GetOrdersAsync(DemoUsers.Kim, CancellationToken.None);
        var ordersOnB = await hostB.Services.GetRequiredService<IOrderingService>().GetOrdersAsync(DemoUsers.Kim, CancellationToken.None);
        var order = Assert.Single(ordersOnA);
        Assert.Equal(order.Number, Assert.Single(ordersOnB).Number);
        Assert.Contains(order.Number, confirmation);
        Assert.Equal(2, order.Items.Count);
        Assert.True(await CountAsync("data_protection_keys") >= 1, "the console's Data Protection keys are not in the shared database");
    }

    [SkippableFact]
    public async Task A_callback_begun_on_one_host_is_continued_answer_by_answer_on_the_other_and_stored_once()
    {
        using var hostA = Host();
        using var hostB = Host();
        var customerOnA = new CustomerChat(hostA.CreateClient(), Sink, "two-hosts-callback", DemoUsers.Ava);
        var customerOnB = new CustomerChat(hostB.CreateClient(), Sink, "two-hosts-callback", DemoUsers.Ava);
        await customerOnA.SayAsync("hi");
        await customerOnB.SayAsync("add 2 X4 lines");

        Assert.Contains("What phone number", await customerOnA.SayAsync("call me back"));
        Assert.Contains("When suits you?", await customerOnB.SayAsync("408-555-0100"));
        Assert.Contains("The nearest time I can book is Monday at 6:00 a.m. Pacific", await customerOnA.SayAsync("Saturday at 10"));
        var booked = await customerOnB.SayAsync("yes");

        Assert.Contains("Done — sales will call you at 408-555-0100 Monday at 6:00 a.m. Pacific", booked);
        var callback = Assert.Single(await hostA.Services.GetRequiredService<IHandoffStore>().ListCallbacksAsync(CancellationToken.None));
        Assert.Equal("+14085550100", callback.DialablePhone);
        Assert.Equal(2, callback.Cart?.NewLines);
        Assert.Contains("Your cart", await customerOnA.SayAsync("cart"));
    }

    [SkippableFact]
    public async Task Two_agents_on_different_hosts_accepting_at_once_leave_the_customer_with_exactly_one()
    {
        using var hostA = Host();
        using var hostB = Host();
        var customer = new CustomerChat(hostB.CreateClient(), Sink, "two-hosts-race", DemoUsers.Ava);
        await customer.SayAsync("hi");
        await customer.SayAsync("agent");
        var dana = await SignInAsync(hostA, HandoffBotFactory.DemoAgentId, HandoffBotFactory.DemoAgentPassword);
        var lee = await SignInAsync(hostB, HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);
        var id = (string)(await dana.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!.Single()!["id"]!;

        var outcomes = await Task.WhenAll(dana.PostAsync($"/agent/api/conversations/{id}/accept", null), lee.PostAsync($"/agent/api/conversations/{id}/accept", null));

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.Conflict], outcomes.Select(o => o.StatusCode).Order());
        Assert.Single(Regex.Matches(customer.Received(), "joined the chat"));
        var winner = outcomes[0].StatusCode == HttpStatusCode.NoContent ? dana : lee;
        var loser = winner == dana ? lee : dana;
        Assert.Equal(HttpStatusCode.Forbidden, (await loser.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Me too" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await winner.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Hello" })).StatusCode);
    }

    [SkippableFact]
    public async Task An_agent_on_host_A_transfers_to_an_agent_whose_console_is_on_host_B_who_hears_of_it_and_answers_from_there()
    {
        using var hostA = Host();
        using var hostB = Host();
        await Listening(hostB);
        var customer = new CustomerChat(hostA.CreateClient(), Sink, "two-hosts-transfer", DemoUsers.Ava);
        await customer.SayAsync("hi");
        await customer.SayAsync("agent");
        var dana = await SignInAsync(hostA, HandoffBotFactory.DemoAgentId, HandoffBotFactory.DemoAgentPassword);
        var id = (string)(await dana.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!.Single()!["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await dana.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        customer.Received();

        // Before Lee's console is open on B, host A knows of no one to hand over to.
        Assert.Empty((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);
        var lee = await SignInAsync(hostB, HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);
        using var leesConsole = await AgentEvents.OpenAsync(lee);
        var listed = Assert.Single((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!)!;
        Assert.Equal("Lee Park", (string?)listed["name"]);

        var transfer = await dana.PostAsJsonAsync($"/agent/api/conversations/{id}/transfer", new { agentId = HandoffBotFactory.OtherAgentId, note = "Asked about 20 lines" });

        Assert.Equal(HttpStatusCode.OK, transfer.StatusCode);
        Assert.Equal("Dana Reyes transferred you to Lee Park from 8x8 Sales.", customer.Received());
        // Lee's console on B hears of it through the shared feed, and the conversation is his there.
        await leesConsole.NextAsync("queue", data => (string?)data["sessionId"] == id);
        var view = (await lee.GetFromJsonAsync<JsonObject>($"/agent/api/conversations/{id}"))!;
        Assert.True((bool)view["assignedToMe"]!);
        Assert.Equal("Transferred from Dana Reyes: Asked about 20 lines", (string?)view["summary"]!["transferText"]);
        Assert.Equal(HttpStatusCode.NoContent, (await lee.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Lee here." })).StatusCode);
        Assert.Equal("Lee Park: Lee here.", customer.Received());
        Assert.Equal(HttpStatusCode.Forbidden, (await dana.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Me again" })).StatusCode);
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

    private PostgresSalesBotFactory Host() => new(Database.ConnectionString, builder =>
    {
        builder.UseSetting("SalesBot:Handoff:Agents:1:Id", HandoffBotFactory.OtherAgentId);
        builder.UseSetting("SalesBot:Handoff:Agents:1:DisplayName", "Lee Park");
        builder.UseSetting("SalesBot:Handoff:Agents:1:PasswordHash", AgentPasswordHasher.Hash(HandoffBotFactory.OtherAgentPassword));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));
    });

    private static Task Listening(PostgresSalesBotFactory host) =>
        host.Services.GetRequiredService<PostgresAgentFeedListener>().Listening.WaitAsync(Patience);

    private static HttpClient AgentClient(PostgresSalesBotFactory host, CookieContainer cookies) =>
        host.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));

    private static async Task<HttpClient> SignInAsync(PostgresSalesBotFactory host, string agentId, string password)
    {
        var client = AgentClient(host, new CookieContainer());
        Assert.Equal(HttpStatusCode.Redirect, (await HandoffBotFactory.SubmitSignInAsync(client, agentId, password)).StatusCode);
        var antiforgery = await client.GetFromJsonAsync<JsonObject>("/agent/api/antiforgery");
        client.DefaultRequestHeaders.Add("RequestVerificationToken", (string)antiforgery!["token"]!);
        return client;
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>The console's server-sent events, read as a browser's EventSource would.</summary>
    private sealed class AgentEvents : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Channel<(string Kind, JsonObject Data)> _events = Channel.CreateUnbounded<(string, JsonObject)>();
        private HttpResponseMessage? _response;

        public static async Task<AgentEvents> OpenAsync(HttpClient agent)
        {
            var events = new AgentEvents();
            events._response = await agent.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/agent/api/events"), HttpCompletionOption.ResponseHeadersRead, events._stop.Token);
            Assert.Equal(HttpStatusCode.OK, events._response.StatusCode);
            var stream = await events._response.Content.ReadAsStreamAsync(events._stop.Token);
            _ = Task.Run(() => events.ReadAsync(stream));
            return events;
        }

        /// <summary>The next event of this kind (and matching <paramref name="match"/>); other events before it are passed over.</summary>
        public async Task<JsonObject> NextAsync(string kind, Func<JsonObject, bool>? match = null)
        {
            using var timeout = new CancellationTokenSource(Patience);
            try
            {
                while (true)
                {
                    var (eventKind, data) = await _events.Reader.ReadAsync(timeout.Token);
                    if (eventKind == kind && (match is null || match(data)))
                    {
                        return data;
                    }
                }
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                Assert.Fail($"The console received no '{kind}' event within {Patience.TotalSeconds} s.");
                throw;
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _response?.Dispose();
            _stop.Dispose();
        }

        private async Task ReadAsync(Stream stream)
        {
            using var reader = new StreamReader(stream);
            var kind = "";
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        kind = line["event: ".Length..];
                    }
                    else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    {
                        _events.Writer.TryWrite((kind, (JsonObject)JsonNode.Parse(line["data: ".Length..])!));
                    }
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // The test is over.
            }
        }
    }
}
