using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>/api/messages answers what it cannot take with a 4xx and a reason, never a 500, and runs no turn for it.</summary>
public sealed class MalformedActivityTests(SalesBotFactory factory) : IClassFixture<SalesBotFactory>
{
    public static TheoryData<string, string> Refused => new()
    {
        { "no conversation", "conversation" },
        { "conversation without an id", "conversation" },
        { "no serviceUrl", "serviceUrl" },
        { "relative serviceUrl", "serviceUrl" },
        { "no channel", "channelId" },
        { "no type", "type" },
        { "message with no sender", "from.id" },
        { "text over the limit", "at most 10000 characters" },
        { "a JSON array", "JSON object" },
        { "nested too deep", "nested" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task An_activity_the_bot_cannot_answer_is_refused_with_400_and_a_reason(string breakage, string reasonMentions)
    {
        await using var sink = await ChannelSink.StartAsync();
        var activity = ActivityBuilder.Message(sink.ServiceUrl, $"conv-{Guid.NewGuid():N}", "ava.ordering", "hi");
        string body;
        switch (breakage)
        {
            case "no conversation": activity.Remove("conversation"); body = activity.ToJsonString(); break;
            case "conversation without an id": activity["conversation"] = new JsonObject(); body = activity.ToJsonString(); break;
            case "no serviceUrl": activity.Remove("serviceUrl"); body = activity.ToJsonString(); break;
            case "relative serviceUrl": activity["serviceUrl"] = "/v3/conversations"; body = activity.ToJsonString(); break;
            case "no channel": activity.Remove("channelId"); body = activity.ToJsonString(); break;
            case "no type": activity.Remove("type"); body = activity.ToJsonString(); break;
            case "message with no sender": activity.Remove("from"); body = activity.ToJsonString(); break;
            case "text over the limit": activity["text"] = new string('x', 10_001); body = activity.ToJsonString(); break;
            case "a JSON array": body = $"[{activity.ToJsonString()}]"; break;
            case "nested too deep": body = activity.ToJsonString()[..^1] + ",\"channelData\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201); break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage));
        }

        var response = await factory.CreateClient().PostAsync("/api/messages", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains(reasonMentions, (string?)problem?["detail"], StringComparison.Ordinal);
        Assert.Empty(sink.TakeAll());
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_before_it_is_read_whole()
    {
        await using var sink = await ChannelSink.StartAsync();
        var activity = ActivityBuilder.Message(sink.ServiceUrl, "conv-huge", "ava.ordering", "hi");
        activity["channelData"] = new JsonObject { ["padding"] = new string('x', 300 * 1024) };

        var response = await factory.CreateClient().PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(sink.TakeAll());
    }

    [Fact]
    public async Task A_service_url_where_nothing_listens_is_a_client_error_not_a_500()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var response = await factory.CreateClient().PostActivityAsync(ActivityBuilder.Message($"http://127.0.0.1:{port}/", "conv-closed-port", "ava.ordering", "hi"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("serviceUrl could not be reached", (string?)problem?["detail"], StringComparison.Ordinal);
    }
}
