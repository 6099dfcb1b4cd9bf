using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Adapter;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

/// <summary>What the bot sees through the embedded Direct Line, proactive messages, streaming and expiry (recording bot, hand-driven clock).</summary>
public sealed class DirectLineChannelTests(ProbeSalesBotFactory factory) : IClassFixture<ProbeSalesBotFactory>
{
    private readonly DirectLineTestClient _client = factory.CreateDirectLineClient();

    [Fact]
    public async Task The_bot_receives_a_directline_activity_from_the_tokens_user_with_a_service_url_it_can_reply_to()
    {
        var (conversationId, token) = await _client.StartConversationAsync("ivy.nocard");

        await _client.PostAsync(conversationId, token, new JsonObject
        {
            ["type"] = "message",
            ["text"] = "spoof attempt",
            ["from"] = new JsonObject { ["id"] = "ava.ordering", ["name"] = "Ava" },
        });
        var received = factory.Bot.Received.Single(activity => activity.Text == "spoof attempt");
        var (activities, _) = await _client.GetActivitiesAsync(conversationId, token);

        Assert.Equal("ivy.nocard", received.From.Id);
        Assert.Equal("directline", received.ChannelId);
        Assert.Equal(conversationId, received.Conversation.Id);
        Assert.Equal(RoleTypes.Bot, received.Recipient.Role);
        Assert.StartsWith("http://127.0.0.1:", received.ServiceUrl);
        Assert.Contains(activities, activity => (string?)activity["text"] == "echo: spoof attempt");
    }

    [Fact]
    public async Task The_bot_hears_the_visitor_join_once_when_the_conversation_starts()
    {
        var (conversationId, _) = await _client.StartConversationAsync("ben.qtc");

        var update = factory.Bot.Received.Single(activity => activity.Conversation.Id == conversationId);

        Assert.Equal(ActivityTypes.ConversationUpdate, update.Type);
        Assert.Contains(update.MembersAdded, member => member.Id == "ben.qtc");
    }

    [Fact]
    public async Task A_proactive_message_sent_with_the_conversation_reference_reaches_the_visitor()
    {
        var (conversationId, token) = await _client.StartConversationAsync("cara.billing");
        var reference = factory.Bot.Received.First(activity => activity.Conversation.Id == conversationId).GetConversationReference();
        var adapter = factory.Services.GetRequiredService<SalesBotAdapter>();

        await adapter.ContinueConversationAsync(
            botAppId: string.Empty,
            reference,
            (turnContext, cancellationToken) => turnContext.SendActivityAsync(MessageFactory.Text("An agent has joined."), cancellationToken),
            CancellationToken.None);
        var (activities, _) = await _client.GetActivitiesAsync(conversationId, token);

        var proactive = Assert.Single(activities, activity => (string?)activity["text"] == "An agent has joined.");
        Assert.Equal("bot", (string?)proactive["from"]?["role"]);
    }

    [Fact]
    public async Task The_stream_delivers_activity_sets_over_a_websocket_as_they_happen()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync("kim.manycards");
        var started = await _client.StartAsync(token);
        using var socket = new ClientWebSocket();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        await socket.ConnectAsync(new Uri((string)started["streamUrl"]!), timeout.Token);
        await _client.SayAsync(conversationId, token, "streamed");
        var seen = new List<JsonObject>();
        while (!seen.Any(activity => (string?)activity["text"] == "echo: streamed"))
        {
            var message = await ReceiveTextAsync(socket, timeout.Token);
            if (message.Length > 0)
            {
                var set = JsonNode.Parse(message)!.AsObject();
                Assert.NotNull((string?)set["watermark"]);
                seen.AddRange(set["activities"]!.AsArray().Select(node => node!.AsObject()));
            }
        }

        Assert.Contains(seen, activity => (string?)activity["text"] == "streamed" && (string?)activity["from"]?["id"] == "kim.manycards");
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);
    }

    [Fact]
    public async Task The_stream_refuses_a_token_of_another_conversation()
    {
        var (_, tokenA) = await _client.StartConversationAsync("ava.ordering");
        var (conversationB, _) = await _client.StartConversationAsync("ben.qtc");
        var baseAddress = _client.Http.BaseAddress!;
        using var socket = new ClientWebSocket();

        var streamUrl = new Uri($"ws://{baseAddress.Authority}/v3/directline/conversations/{conversationB}/stream?t={Uri.EscapeDataString(tokenA)}");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(streamUrl, CancellationToken.None));

        Assert.Contains("403", refused.Message);
    }

    [Fact]
    public async Task An_expired_token_is_refused_and_a_fresh_one_is_not()
    {
        var (conversationId, token) = await _client.StartConversationAsync("jack.expired");
        using var refresh = DirectLineTestClient.Request(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        var refreshedAt = await _client.Http.SendAsync(refresh);

        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var read = await _client.GetAsync(conversationId, token);
        var post = await _client.SayAsync(conversationId, token, "too late");
        using var lateRefresh = DirectLineTestClient.Request(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        var refreshedLate = await _client.Http.SendAsync(lateRefresh);
        var (_, fresh) = await _client.GenerateTokenAsync("jack.expired");

        Assert.Equal(HttpStatusCode.OK, refreshedAt.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refreshedLate.StatusCode);
        Assert.Contains("TokenExpired", await read.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await _client.Http.SendAsync(DirectLineTestClient.Request(HttpMethod.Post, "/v3/directline/conversations", fresh))).StatusCode);
    }

    private static async Task<string> ReceiveTextAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellationToken);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);

        return Encoding.UTF8.GetString(message.ToArray());
    }
}
