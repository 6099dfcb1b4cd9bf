using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json.Nodes;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

/// <summary>Speaks the Direct Line 3.0 REST protocol the way Web Chat's DirectLineJS does.</summary>
public sealed class DirectLineTestClient(HttpClient http)
{
    public HttpClient Http => http;

    public async Task<(string ConversationId, string Token)> GenerateTokenAsync(string userId)
    {
        var response = await http.PostAsJsonAsync("/v3/directline/tokens/generate", new { user = new { id = userId } });
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return ((string)body["conversationId"]!, (string)body["token"]!);
    }

    public async Task<JsonObject> StartAsync(string token)
    {
        using var request = Request(HttpMethod.Post, "/v3/directline/conversations", token);
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"start conversation answered {(int)response.StatusCode}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>A token for <paramref name="userId"/> and its conversation, started.</summary>
    public async Task<(string ConversationId, string Token)> StartConversationAsync(string userId)
    {
        var (conversationId, token) = await GenerateTokenAsync(userId);
        await StartAsync(token);
        return (conversationId, token);
    }

    public async Task<HttpResponseMessage> PostAsync(string conversationId, string? token, JsonObject activity)
    {
        using var request = Request(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", token);
        request.Content = JsonContent.Create(activity);
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SayAsync(string conversationId, string token, string text) =>
        PostAsync(conversationId, token, new JsonObject { ["type"] = "message", ["text"] = text, ["from"] = new JsonObject { ["id"] = "whoever" } });

    public async Task<HttpResponseMessage> GetAsync(string conversationId, string? token, string? watermark = null)
    {
        var query = watermark is null ? "" : $"?watermark={watermark}";
        using var request = Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities{query}", token);
        return await http.SendAsync(request);
    }

    public async Task<(List<JsonObject> Activities, string Watermark)> GetActivitiesAsync(string conversationId, string token, string? watermark = null)
    {
        var response = await GetAsync(conversationId, token, watermark);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (body["activities"]!.AsArray().Select(node => node!.AsObject()).ToList(), (string)body["watermark"]!);
    }

    /// <summary>
    /// Waits for an activity matching <paramref name="match"/> on the conversation's stream (the WebSocket Web Chat
    /// listens on), which the host pushes every new activity to: no polling, so a slow machine only makes it slower.
    /// The stream starts from the beginning, so an activity that arrived before the call is found too. The bound only
    /// keeps a broken host from hanging the run.
    /// </summary>
    public async Task<JsonObject> WaitForActivityAsync(string conversationId, string token, Func<JsonObject, bool> match)
    {
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var streamUrl = new UriBuilder(http.BaseAddress!)
        {
            Scheme = http.BaseAddress!.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Path = $"/v3/directline/conversations/{Uri.EscapeDataString(conversationId)}/stream",
            Query = $"t={Uri.EscapeDataString(token)}",
        }.Uri;
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(streamUrl, hangGuard.Token);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer, hangGuard.Token);
                Assert.True(result.MessageType != WebSocketMessageType.Close, "the stream closed before the expected activity arrived");
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                // An empty message is a keep-alive.
                if (message.Length > 0 && JsonNode.Parse(message.ToArray())?["activities"] is JsonArray activities
                    && activities.Select(node => node!.AsObject()).FirstOrDefault(match) is { } found)
                {
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
                    return found.DeepClone().AsObject();
                }

                message.SetLength(0);
            }
        }
        catch (OperationCanceledException) when (hangGuard.IsCancellationRequested)
        {
            Assert.Fail("the expected activity never arrived on the conversation's stream");
            throw;
        }
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    public static bool IsBotMessage(JsonObject activity) =>
        (string?)activity["type"] == "message" && (string?)activity["from"]?["role"] == "bot";
}
