using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>
/// Transfers between agents through the console API and the customer's conversation: who is online (the console's event
/// stream, with a heartbeat, a timeout and sign-out), the customer told in their language without the agents' note, the
/// new agent's summary with the note and their words as theirs; and every refusal, which changes nothing.
/// </summary>
public sealed class AgentTransferTests : IAsyncLifetime
{
    private const string Note = "Wants 20 lines at a discount; I promised a quote today.";

    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private static async Task<string> HandoffWithDanaAsync(HandoffBotFactory factory, HttpClient dana, CustomerChat customer, string hello, string agent, string userId = DemoUsers.Ava)
    {
        await customer.SayAsync(hello);
        await customer.SayAsync(agent);
        var queue = await dana.GetFromJsonAsync<JsonArray>("/agent/api/queue");
        var id = (string)queue!.OfType<JsonObject>().Single(item => (string?)item["customer"]?["userId"] == userId)["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await dana.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        customer.Received();
        Assert.Equal(HandoffBotFactory.DemoAgentId, (await SessionAsync(factory, id)).AgentId);
        return id;
    }

    private static async Task<HandoffSession> SessionAsync(HandoffBotFactory factory, string id) =>
        (await factory.Services.GetRequiredService<IHandoffStore>().GetAsync(id, CancellationToken.None))!;

    private static Task<HttpResponseMessage> TransferAsync(HttpClient agent, string id, object body) =>
        agent.PostAsJsonAsync($"/agent/api/conversations/{id}/transfer", body);

    [Theory]
    [InlineData(null, "hi", "agent", "Dana Reyes transferred you to Lee Park from 8x8 Sales.", "Lee Park: Hi, I'm taking over from Dana.")]
    [InlineData("es-US", "hola", "agente", "Dana Reyes transfirió su chat a Lee Park, de Ventas de 8x8.", "Lee Park: Hola, sigo yo desde aquí.")]
    public async Task The_customer_reads_the_transfer_in_their_language_and_then_the_new_agents_words_as_theirs(
        string? locale, string hello, string askForAgent, string notice, string leesWords)
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "transfer-" + (locale ?? "en"), DemoUsers.Ava) { Locale = locale };
        var dana = await factory.SignInAgentAsync();
        var lee = await factory.SignInAgentAsync(HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);
        var id = await HandoffWithDanaAsync(factory, dana, customer, hello, askForAgent);
        using var leesConsole = await ConsoleStream.OpenAsync(lee);

        // Dana's picker lists Lee (not herself), with how many conversations each holds.
        var agents = (await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!;
        var listed = Assert.Single(agents)!;
        Assert.Equal(("lee.agent", "Lee Park", 0, "0 conversations"), ((string?)listed["id"], (string?)listed["name"], (int)listed["conversations"]!, (string?)listed["conversationsText"]));

        // A name in the request is not who the customer is told about: that comes from Lee's presence.
        var response = await TransferAsync(dana, id, new { agentId = "lee.agent", note = Note, agentName = "Mallory" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Lee Park", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["agent"]!["name"]);
        var told = Assert.Single(customer.ReceivedActivities());
        Assert.Equal(notice, (string?)told["text"]);
        Assert.Equal(("transferred", "Lee Park"), ((string?)told["channelData"]!["salesbot"]!["kind"], (string?)told["channelData"]!["salesbot"]!["sender"]!["name"]));
        Assert.DoesNotContain("20 lines", told.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Mallory", told.ToJsonString(), StringComparison.Ordinal);

        var session = await SessionAsync(factory, id);
        Assert.Equal(("lee.agent", "Lee Park", HandoffStatus.WithAgent), (session.AgentId, session.AgentName, session.Status));
        var transfer = Assert.Single(session.Transfers);
        Assert.Equal((new AgentIdentity("dana.agent", "Dana Reyes"), new AgentIdentity("lee.agent", "Lee Park"), Note, factory.Clock.GetUtcNow()),
            (transfer.From, transfer.To, transfer.Note, transfer.At));

        // Lee's console: the conversation is his, its summary says who handed it over and why; the transcript has the line.
        var leesView = (await lee.GetFromJsonAsync<JsonObject>($"/agent/api/conversations/{id}"))!;
        Assert.True((bool)leesView["assignedToMe"]!);
        Assert.Equal($"Transferred from Dana Reyes: {Note}", (string?)leesView["summary"]!["transferText"]);
        Assert.Equal("With Lee Park", (string?)leesView["handoff"]!["statusText"]);
        Assert.Contains(leesView["transcript"]!.AsArray(), line => (string?)line!["text"] == notice);
        Assert.DoesNotContain(leesView["transcript"]!.AsArray(), line => ((string?)line!["text"])!.Contains("20 lines", StringComparison.Ordinal));
        Assert.Equal(1, (int)(await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))![0]!["conversations"]!);

        // Dana reads it but may no longer speak in it.
        Assert.False((bool)(await dana.GetFromJsonAsync<JsonObject>($"/agent/api/conversations/{id}"))!["assignedToMe"]!);
        Assert.Equal(HttpStatusCode.Forbidden, (await dana.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Still me." })).StatusCode);
        Assert.Equal("", customer.Received());

        // Lee speaks, as Lee.
        var words = leesWords["Lee Park: ".Length..];
        Assert.Equal(HttpStatusCode.NoContent, (await lee.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = words })).StatusCode);
        var fromLee = Assert.Single(customer.ReceivedActivities());
        Assert.Equal(leesWords, (string?)fromLee["text"]);
        Assert.Equal(("agent", "Lee Park", "LP"), ((string?)fromLee["channelData"]!["salesbot"]!["kind"], (string?)fromLee["channelData"]!["salesbot"]!["sender"]!["name"],
            (string?)fromLee["channelData"]!["salesbot"]!["sender"]!["initials"]));
        // The customer's answer is Lee's to read.
        Assert.Equal("", await customer.SayAsync("ok"));

        // The supervisor (Dana holds the role) sees the conversation under Lee.
        var overview = (await dana.GetFromJsonAsync<JsonObject>("/agent/api/supervisor/overview"))!;
        var load = Assert.Single(overview["agents"]!.AsArray())!;
        Assert.Equal(("lee.agent", id), ((string?)load["agent"]!["id"], (string?)load["conversations"]![0]!["id"]));
    }

    [Fact]
    public async Task Every_refused_transfer_says_why_and_leaves_the_conversation_with_its_agent()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "transfer-refusals", DemoUsers.Ava);
        var dana = await factory.SignInAgentAsync();
        var lee = await factory.SignInAgentAsync(HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);
        var id = await HandoffWithDanaAsync(factory, dana, customer, "hi", "agent");
        var leesConsole = await ConsoleStream.OpenAsync(lee);
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var forged = await factory.SignInAgentAsync();
        forged.DefaultRequestHeaders.Remove("RequestVerificationToken");

        async Task RefusedAsync(HttpResponseMessage response, HttpStatusCode status, string? reason)
        {
            Assert.Equal(status, response.StatusCode);
            if (reason is not null)
            {
                Assert.Contains(reason, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"], StringComparison.Ordinal);
            }

            var session = await SessionAsync(factory, id);
            Assert.Equal((HandoffBotFactory.DemoAgentId, "Dana Reyes", HandoffStatus.WithAgent, 0), (session.AgentId, session.AgentName, session.Status, session.Transfers.Count));
            Assert.Equal("", customer.Received());
        }

        await RefusedAsync(await TransferAsync(lee, id, new { agentId = "dana.agent" }), HttpStatusCode.Forbidden, "assigned to another agent");
        await RefusedAsync(await TransferAsync(anonymous, id, new { agentId = "lee.agent" }), HttpStatusCode.Unauthorized, null);
        await RefusedAsync(await TransferAsync(forged, id, new { agentId = "lee.agent" }), HttpStatusCode.BadRequest, "antiforgery");
        await RefusedAsync(await TransferAsync(dana, id, new { agentId = "dana.agent", note = "to me" }), HttpStatusCode.BadRequest, "already yours");
        await RefusedAsync(await TransferAsync(dana, id, new { agentId = "ghost.agent" }), HttpStatusCode.NotFound, "No agent with that id");
        await RefusedAsync(await TransferAsync(dana, id, new { agentId = "lee.agent", note = new string('n', 501) }), HttpStatusCode.BadRequest, "at most 500 characters");
        await RefusedAsync(await TransferAsync(dana, id, new { note = "nobody" }), HttpStatusCode.BadRequest, "agentId");
        await RefusedAsync(await TransferAsync(dana, id, new { agentId = new string('a', 201) }), HttpStatusCode.BadRequest, "agentId");
        await RefusedAsync(await dana.PostAsync($"/agent/api/conversations/{id}/transfer", new StringContent("{\"agentId\":", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "agentId");
        await RefusedAsync(await dana.PostAsync($"/agent/api/conversations/{id}/transfer", new StringContent("lee.agent", Encoding.UTF8, "text/plain")), HttpStatusCode.BadRequest, "agentId");
        await RefusedAsync(await TransferAsync(dana, "H-MISSING", new { agentId = "lee.agent" }), HttpStatusCode.NotFound, "no conversation with that id");

        // Lee's console closes; once the presence timeout passes he is offline, however he was known.
        leesConsole.Dispose();
        factory.Clock.Advance(TimeSpan.FromSeconds(91));
        Assert.Empty((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);
        await RefusedAsync(await TransferAsync(dana, id, new { agentId = "lee.agent" }), HttpStatusCode.Conflict, "Lee Park is offline");

        // A queued conversation is nobody's to transfer.
        var waiting = new CustomerChat(factory.CreateClient(), _sink, "transfer-queued", DemoUsers.Ben);
        await waiting.SayAsync("hi");
        await waiting.SayAsync("agent");
        var queued = (string)(await dana.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!.OfType<JsonObject>().Single(i => (string?)i["status"] == "Queued")["id"]!;
        using var leeAgain = await ConsoleStream.OpenAsync(lee);
        var refused = await TransferAsync(dana, queued, new { agentId = "lee.agent" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Null((await SessionAsync(factory, queued)).AgentId);
    }

    [Fact]
    public async Task An_agent_is_online_while_their_console_is_connected_kept_so_by_its_heartbeat_and_offline_once_signed_out()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var store = factory.Services.GetRequiredService<IHandoffStore>();
        var dana = await factory.SignInAgentAsync();
        var lee = await factory.SignInAgentAsync(HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);
        Assert.Empty((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);
        var connectedAt = factory.Clock.GetUtcNow();

        using (var console = await ConsoleStream.OpenAsync(lee))
        {
            Assert.Equal(connectedAt, (await store.GetAgentPresenceAsync("lee.agent", CancellationToken.None))!.LastSeen);
            Assert.Equal(["Lee Park"], (await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!.Select(a => (string?)a!["name"]));
            // Lee sees nobody else: Dana has no console open.
            Assert.Empty((await lee.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);

            // A third of the 90 s timeout later the stream's heartbeat refreshes Lee, again and again.
            for (var beat = 1; beat <= 4; beat++)
            {
                factory.Clock.Advance(TimeSpan.FromSeconds(30));
                await console.NextHeartbeatAsync();
                Assert.Equal(connectedAt.AddSeconds(30 * beat), (await store.GetAgentPresenceAsync("lee.agent", CancellationToken.None))!.LastSeen);
            }

            Assert.Single((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(89));
        Assert.Single((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);
        factory.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Empty((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);

        // Back, then signed out: forgotten at once.
        using var again = await ConsoleStream.OpenAsync(lee);
        Assert.Single((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);
        var page = await lee.GetStringAsync("/agent");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var signOut = await lee.PostAsync("/agent/signout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Null(await store.GetAgentPresenceAsync("lee.agent", CancellationToken.None));
        Assert.Empty((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);
    }

    [Fact]
    public async Task The_presence_timeout_comes_from_the_settings_and_one_out_of_range_refuses_to_start()
    {
        using (var tooShort = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific).WithWebHostBuilder(b => b.UseSetting("SalesBot:Handoff:AgentPresenceTimeout", "00:00:05")))
        {
            var failure = Assert.ThrowsAny<Exception>(() => tooShort.CreateClient());
            var validation = Assert.IsType<OptionsValidationException>(failure is AggregateException aggregate ? aggregate.InnerException : failure);
            Assert.Contains("AgentPresenceTimeout", validation.Message, StringComparison.Ordinal);
        }

        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        using var host = factory.WithWebHostBuilder(b => b.UseSetting("SalesBot:Handoff:AgentPresenceTimeout", "00:05:00"));
        var store = host.Services.GetRequiredService<IHandoffStore>();
        await store.SeeAgentAsync(new AgentIdentity("lee.agent", "Lee Park"), factory.Clock.GetUtcNow(), CancellationToken.None);
        var dana = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await HandoffBotFactory.SubmitSignInAsync(dana, HandoffBotFactory.DemoAgentId, HandoffBotFactory.DemoAgentPassword)).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Single((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);
        factory.Clock.Advance(TimeSpan.FromMinutes(1.5));
        Assert.Empty((await dana.GetFromJsonAsync<JsonArray>("/agent/api/agents"))!);
    }

    /// <summary>An agent's console event stream, held open as the console's EventSource holds it.</summary>
    private sealed class ConsoleStream : IDisposable
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

        private readonly CancellationTokenSource _stop = new();
        private HttpResponseMessage? _response;
        private StreamReader? _reader;

        public static async Task<ConsoleStream> OpenAsync(HttpClient agent)
        {
            var stream = new ConsoleStream();
            stream._response = await agent.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/agent/api/events"), HttpCompletionOption.ResponseHeadersRead, stream._stop.Token);
            Assert.Equal(HttpStatusCode.OK, stream._response.StatusCode);
            stream._reader = new StreamReader(await stream._response.Content.ReadAsStreamAsync(stream._stop.Token));
            return stream;
        }

        /// <summary>Reads the stream up to its next heartbeat event.</summary>
        public async Task NextHeartbeatAsync()
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            timeout.CancelAfter(Patience);
            while (await _reader!.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == "event: " + AgentPresenceEndpoints.HeartbeatEvent)
                {
                    return;
                }
            }

            Assert.Fail("The console's stream ended without a heartbeat.");
        }

        public void Dispose()
        {
            _stop.Cancel();
            _reader?.Dispose();
            _response?.Dispose();
            _stop.Dispose();
        }
    }
}
