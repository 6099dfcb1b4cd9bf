using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using My8x8.SalesBot.Bot.Tests.Handoff;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Tests.Topology;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Bot.Tests.Topology;

/// <summary>
/// The production path on this machine: Debian's nginx with the project's own routing in front of two hosts on one
/// PostgreSQL. The website chat over Direct Line's WebSocket, the Bot Framework channel on /api/messages, the agent
/// console and the links and cookies that depend on what nginx forwards — and a host stopped mid-conversation.
/// </summary>
public sealed class LoadBalancerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly string[] OrderScript =
        ["hi", "add 1 X4 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue", "I agree"];

    private LoadBalancedTopology? _topology;
    private ChannelSink? _sink;

    private LoadBalancedTopology Topology => _topology ?? throw new InvalidOperationException("Started in InitializeAsync.");

    private ChannelSink Sink => _sink ?? throw new InvalidOperationException("Started in InitializeAsync.");

    public async Task InitializeAsync()
    {
        if (LoadBalancedTopology.MissingReason is null)
        {
            _topology = await LoadBalancedTopology.StartAsync();
            _sink = await ChannelSink.StartAsync();
        }
    }

    [SkippableFact]
    public async Task A_web_chat_order_streams_over_the_WebSocket_through_nginx_and_completes_on_the_other_host_when_its_host_stops()
    {
        SkipWhereMissing();
        await WithNginxLogAsync(async () =>
        {
            using var http = Topology.Client();
            var chat = await WebChatSession.OpenAsync(Topology, http, DemoUsers.Kim, resumeToken: null);
            var replies = new List<string>();
            foreach (var text in OrderScript[..3])
            {
                replies.Add(await chat.SayAsync(text));
            }

            Assert.Contains("Your cart", string.Join('\n', replies));

            // The replica holding the chat in memory goes away; the page reloads (as Web Chat's page does when its
            // stream drops) and resumes its conversation through nginx on the replica that is left.
            var holder = await Topology.HostHoldingAsync(chat.ConversationId);
            await Topology.StopHostAsync(holder);
            await chat.DisposeAsync();
            var resumed = await WebChatSession.OpenAsync(Topology, http, DemoUsers.Kim, resumeToken: chat.Token);
            await using var _ = resumed;
            Assert.Equal(chat.ConversationId, resumed.ConversationId);
            Assert.Equal(1 - holder, await Topology.HostHoldingAsync(resumed.ConversationId));

            var confirmation = "";
            foreach (var text in OrderScript[3..])
            {
                confirmation = await resumed.SayAsync(text);
            }

            // One order, placed once, and the customer was told its number.
            var order = Assert.Single(await OrdersOfAsync(http, DemoUsers.Kim))!;
            Assert.Contains((string)order["number"]!, confirmation);
            Assert.Equal(["POLY-VVX250", "X4-LINE"], order["items"]!.AsArray().Select(i => (string)i!["sku"]!).Order(StringComparer.Ordinal));
            Assert.Equal("ground", (string?)order["shipping"]?["code"]);
        });
    }

    [SkippableFact]
    public async Task Bot_Framework_traffic_goes_to_any_host_and_a_host_stopped_mid_conversation_loses_no_turn()
    {
        SkipWhereMissing();
        await WithNginxLogAsync(async () =>
        {
            using var http = Topology.Client();
            foreach (var text in OrderScript[..3])
            {
                await SayOverChannelAsync(http, "through-nginx-failover", DemoUsers.Kim, text);
            }

            // nginx's round robin has sent those turns to both hosts; now one stops and every turn still succeeds.
            await Topology.StopHostAsync(0);
            var confirmation = "";
            foreach (var text in OrderScript[3..])
            {
                confirmation = await SayOverChannelAsync(http, "through-nginx-failover", DemoUsers.Kim, text);
            }

            var order = Assert.Single(await OrdersOfAsync(http, DemoUsers.Kim))!;
            Assert.Contains((string)order["number"]!, confirmation);
            Assert.Contains("order is placed", confirmation);
        });
    }

    [SkippableFact]
    public async Task The_agent_console_through_nginx_signs_in_with_a_secure_cookie_over_https_and_lists_the_waiting_customer()
    {
        SkipWhereMissing();
        await WithNginxLogAsync(async () =>
        {
            using (var customer = Topology.Client())
            {
                await SayOverChannelAsync(customer, "through-nginx-handoff", DemoUsers.Kim, "add 2 X2 lines");
                Assert.Contains("asked a sales agent to join", await SayOverChannelAsync(customer, "through-nginx-handoff", DemoUsers.Kim, "talk to a person"));
            }

            var cookies = new CookieContainer();
            using var agent = Topology.Client(https: true, cookies);
            var signIn = await HandoffBotFactory.SubmitSignInAsync(agent, HandoffBotFactory.DemoAgentId, HandoffBotFactory.DemoAgentPassword);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            var agentCookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("salesbot.agent=", StringComparison.Ordinal));
            Assert.Contains("secure", agentCookie, StringComparison.OrdinalIgnoreCase);
            // The sign-in redirect stays on the public address and scheme.
            Assert.True(signIn.Headers.Location is { } location && (!location.IsAbsoluteUri || location.GetLeftPart(UriPartial.Authority) + "/" == Topology.Nginx.HttpsAddress.ToString()),
                $"the sign-in redirected to {signIn.Headers.Location}");

            // Whichever host nginx picks reads the same session (Data Protection keys are shared in PostgreSQL).
            for (var i = 0; i < 2; i++)
            {
                var queue = await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue");
                var waiting = Assert.Single(queue!, item => ((string?)item?["customer"]?["userId"]) == DemoUsers.Kim);
                Assert.Equal("Queued", (string?)waiting!["status"]);
            }

            // Over plain HTTP the same sign-in cookie is not marked Secure (a browser would not send it back otherwise).
            using var plain = Topology.Client(https: false, new CookieContainer());
            var plainSignIn = await HandoffBotFactory.SubmitSignInAsync(plain, HandoffBotFactory.DemoAgentId, HandoffBotFactory.DemoAgentPassword);
            var plainCookie = Assert.Single(plainSignIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("salesbot.agent=", StringComparison.Ordinal));
            Assert.DoesNotContain("secure", plainCookie, StringComparison.OrdinalIgnoreCase);
        });
    }

    [SkippableFact]
    public async Task Links_the_bot_writes_use_the_address_and_scheme_the_customer_reached_through_nginx()
    {
        SkipWhereMissing();
        await WithNginxLogAsync(async () =>
        {
            foreach (var https in new[] { true, false })
            {
                using var http = Topology.Client(https);
                var publicAddress = (https ? Topology.Nginx.HttpsAddress : Topology.Nginx.HttpAddress).ToString().TrimEnd('/');
                var token = await WebChatSession.TokenAsync(http, DemoUsers.Ivy, resumeToken: null);
                Assert.Equal($"{publicAddress}/v3/directline", (string?)token["domain"]);

                using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
                start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["token"]!);
                var started = await (await http.SendAsync(start)).Content.ReadFromJsonAsync<JsonObject>();
                var stream = (string?)started!["streamUrl"];
                var authority = (https ? Topology.Nginx.HttpsAddress : Topology.Nginx.HttpAddress).Authority;
                Assert.StartsWith($"{(https ? "wss" : "ws")}://{authority}/v3/directline/conversations/", stream);
            }

            // The card page link a customer without a card is given points at the public address (SalesBot:PublicBaseUrl).
            using var customer = Topology.Client(https: true);
            await SayOverChannelAsync(customer, "through-nginx-card-link", DemoUsers.Ivy, "add 1 X4 line");
            var checkout = await SayOverChannelAsync(customer, "through-nginx-card-link", DemoUsers.Ivy, "checkout", rawJson: true);
            Assert.Contains($"{Topology.Nginx.HttpsAddress}payments/cards/new?token=", checkout);

            // A proxy that rewrites Host (a front door before App Service) says the public one in X-Forwarded-Host.
            using var direct = Topology.HostClient(1);
            using var fronted = new HttpRequestMessage(HttpMethod.Post, "/webchat/token") { Content = JsonContent.Create(new JsonObject { ["userId"] = DemoUsers.Ivy }) };
            fronted.Headers.Add("X-Forwarded-Proto", "https");
            fronted.Headers.Add("X-Forwarded-Host", "chat.example.com");
            var frontedToken = await (await direct.SendAsync(fronted)).Content.ReadFromJsonAsync<JsonObject>();
            Assert.Equal("https://chat.example.com/v3/directline", (string?)frontedToken!["domain"]);
        });
    }

    public async Task DisposeAsync()
    {
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }

        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }

    /// <summary>Skipped, saying what to install, where nginx or PostgreSQL is missing.</summary>
    private static void SkipWhereMissing() => Skip.If(LoadBalancedTopology.MissingReason is not null, LoadBalancedTopology.MissingReason);

    /// <summary>Runs the steps; when they fail, prints nginx's error log (upstream failures, refused upgrades).</summary>
    private async Task WithNginxLogAsync(Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            output.WriteLine("nginx error log:\n" + Topology.Nginx.ErrorLog);
            throw;
        }
    }

    private static async Task<JsonArray> OrdersOfAsync(HttpClient http, string userId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/ordering/v1/orders?userId={userId}");
        request.Headers.Add("X-Api-Key", LoadBalancedTopology.OrderingApiKey);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    /// <summary>A channel's message to /api/messages through nginx; the bot's replies come back through the sink.</summary>
    private async Task<string> SayOverChannelAsync(HttpClient http, string conversationId, string userId, string text, bool rawJson = false)
    {
        var response = await http.PostActivityAsync(ActivityBuilder.Message(Sink.ServiceUrl, conversationId, userId, text, channelId: "emulator"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"\"{text}\" through nginx answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var replies = Sink.TakeAll();
        return rawJson ? string.Join("\n", replies.Select(a => a.ToJsonString())) : string.Join("\n", replies.Select(Readable));
    }

    private static string Readable(JsonObject activity) =>
        $"{activity["text"]}\n{(activity["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["content"]?["fallbackText"] : null)}";

    /// <summary>
    /// The website chat as Web Chat's page drives it: a token from /webchat/token (resuming an earlier chat when it
    /// has one), the conversation started over Direct Line, the bot's activities read from the WebSocket stream —
    /// every request through nginx.
    /// </summary>
    private sealed class WebChatSession : IAsyncDisposable
    {
        private readonly HttpClient _http;
        private readonly ClientWebSocket _socket;
        private readonly Channel<(long Watermark, List<JsonObject> Activities)> _sets = Channel.CreateUnbounded<(long, List<JsonObject>)>();
        private readonly Task _reading;
        private readonly List<JsonObject> _received = [];
        private long _watermark = -1;

        private WebChatSession(HttpClient http, ClientWebSocket socket, string conversationId, string token)
        {
            _http = http;
            _socket = socket;
            ConversationId = conversationId;
            Token = token;
            _reading = ReadAsync();
        }

        public string ConversationId { get; }

        public string Token { get; }

        public static async Task<JsonObject> TokenAsync(HttpClient http, string userId, string? resumeToken)
        {
            var response = await http.PostAsJsonAsync("/webchat/token", resumeToken is null ? new JsonObject { ["userId"] = userId } : new JsonObject { ["userId"] = userId, ["resumeToken"] = resumeToken });
            Assert.True(response.IsSuccessStatusCode, $"/webchat/token answered {(int)response.StatusCode}");
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        public static async Task<WebChatSession> OpenAsync(LoadBalancedTopology topology, HttpClient http, string userId, string? resumeToken)
        {
            var token = await TokenAsync(http, userId, resumeToken);
            Assert.True((bool)token["webSocket"]!, "the page was told not to use the WebSocket stream");
            using var start = new HttpRequestMessage(HttpMethod.Post, "/v3/directline/conversations");
            start.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (string)token["token"]!);
            var response = await http.SendAsync(start);
            Assert.True(response.IsSuccessStatusCode, $"starting the conversation answered {(int)response.StatusCode}");
            var started = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

            var socket = new ClientWebSocket();
            socket.Options.RemoteCertificateValidationCallback = (_, certificate, _, _) => topology.TrustsNginx(certificate);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await socket.ConnectAsync(new Uri((string)started["streamUrl"]!), timeout.Token);
            return new WebChatSession(http, socket, (string)token["conversationId"]!, (string)token["token"]!);
        }

        /// <summary>Posts a message and returns what the bot answered to it, as the stream delivered it.</summary>
        public async Task<string> SayAsync(string text)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities")
            {
                Content = JsonContent.Create(new JsonObject { ["type"] = "message", ["text"] = text, ["locale"] = "en-US", ["from"] = new JsonObject { ["id"] = "whoever" } }),
            };
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            var posted = await _http.SendAsync(post);
            Assert.True(posted.IsSuccessStatusCode, $"\"{text}\" answered {(int)posted.StatusCode}: {await posted.Content.ReadAsStringAsync()}");
            var id = (string)(await posted.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

            // The turn is over when the post returns; the stream has delivered its replies once it reaches the
            // conversation's watermark as the REST API reports it.
            using var get = new HttpRequestMessage(HttpMethod.Get, $"/v3/directline/conversations/{ConversationId}/activities");
            get.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            var all = (await (await _http.SendAsync(get)).Content.ReadFromJsonAsync<JsonObject>())!;
            var target = long.Parse((string)all["watermark"]!, System.Globalization.CultureInfo.InvariantCulture);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (_watermark < target)
            {
                var (watermark, activities) = await _sets.Reader.ReadAsync(timeout.Token);
                _received.AddRange(activities);
                _watermark = watermark;
            }

            var replies = _received.Where(a => (string?)a["replyToId"] == id && (string?)a["type"] == "message").ToList();
            Assert.True(replies.Count > 0, $"the stream carried no reply to \"{text}\"");
            return string.Join("\n", replies.Select(Readable));
        }

        private async Task ReadAsync()
        {
            var buffer = new byte[64 * 1024];
            using var message = new MemoryStream();
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    message.Write(buffer, 0, result.Count);
                    if (!result.EndOfMessage)
                    {
                        continue;
                    }

                    var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                    message.SetLength(0);
                    // An empty message is the stream's keep-alive.
                    if (text.Length > 0 && JsonNode.Parse(text) is JsonObject set)
                    {
                        var activities = set["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();
                        await _sets.Writer.WriteAsync((long.Parse((string)set["watermark"]!, System.Globalization.CultureInfo.InvariantCulture), activities));
                    }
                }
            }
            catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
            {
                // The host went away or the page closed the stream: it ends, as it does for a browser.
            }
            finally
            {
                _sets.Writer.TryComplete();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_socket.State == WebSocketState.Open)
            {
                try
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                }
                catch (WebSocketException)
                {
                }
            }

            _socket.Abort();
            await _reading;
            _socket.Dispose();
        }
    }
}
