using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.Hosting;

namespace My8x8.SalesBot.Bot.Tests.Teams;

/// <summary>
/// Talks to the host's /api/messages the way Teams does and collects what the bot sent back to the channel's
/// serviceUrl. /api/messages answers after the turn, so a turn's replies are all in the sink when a post returns.
/// The chat owns its sink: <see cref="StartAsync"/> opens it, disposing the chat closes it.
/// </summary>
public sealed class TeamsChat(HttpClient client, ChannelSink sink) : IAsyncDisposable
{
    /// <summary>A Teams channel of its own (a fresh serviceUrl sink) talking to the host behind <paramref name="client"/>.</summary>
    public static async Task<TeamsChat> StartAsync(HttpClient client) => new(client, await ChannelSink.StartAsync());

    public ValueTask DisposeAsync() => sink.DisposeAsync();

    private int _seen;

    public HttpClient Client => client;

    public string ServiceUrl => sink.ServiceUrl;

    /// <summary>Posts an activity and returns the messages the bot sent in that turn (typing indicators left out).</summary>
    public async Task<IReadOnlyList<JsonObject>> PostAsync(JsonObject activity)
    {
        var response = await client.PostAsJsonAsync("/api/messages", activity);
        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
        var all = sink.All.ToList();
        var replies = all.Skip(_seen).Where(reply => (string?)reply["type"] == "message").ToList();
        _seen = all.Count;
        return replies;
    }

    public Task<IReadOnlyList<JsonObject>> SayAsync(TeamsChatRoom room, TeamsUser user, string text, bool mentionBot = false) =>
        PostAsync(TeamsActivities.Message(ServiceUrl, room, user, text, mentionBot));

    public Task<IReadOnlyList<JsonObject>> ClickAsync(TeamsChatRoom room, TeamsUser user, CardButton button, IReadOnlyDictionary<string, string>? inputs = null) =>
        PostAsync(TeamsActivities.Submit(ServiceUrl, room, user, button, inputs));

    public async Task<JsonObject> GetJsonAsync(string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonObject)(await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task<JsonArray> GetOrdersAsync(string userId)
    {
        var response = await client.GetAsync($"/ordering/v1/orders?userId={Uri.EscapeDataString(userId)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonArray)(await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>The user's open cart as "SKU×quantity" entries, sorted.</summary>
    public async Task<IReadOnlyList<string>> CartAsync(string userId)
    {
        var cart = await GetJsonAsync($"/ordering/v1/users/{Uri.EscapeDataString(userId)}/cart");
        return [.. cart["items"]!.AsArray().Select(item => $"{(string?)item!["sku"]}×{(int)item["quantity"]!}").Order(StringComparer.Ordinal)];
    }

    /// <summary>The Action.Submit buttons of the Adaptive Cards in <paramref name="replies"/>, the last card's first.</summary>
    public static IReadOnlyList<CardButton> Buttons(IEnumerable<JsonObject> replies) =>
        [.. replies.Reverse()
            .SelectMany(reply => reply["attachments"]?.AsArray() ?? [])
            .Where(attachment => (string?)attachment!["contentType"] == "application/vnd.microsoft.card.adaptive")
            .SelectMany(attachment => Descendants(attachment!["content"]))
            .Where(node => node is JsonObject element && (string?)element["type"] == "Action.Submit" && element["data"] is JsonObject)
            .Select(node => new CardButton((string?)node!["title"] ?? "", node["data"]!.AsObject()))];

    public static CardButton Button(IEnumerable<JsonObject> replies, string action) =>
        Buttons(replies).FirstOrDefault(button => button.Action == action)
        ?? throw new Xunit.Sdk.XunitException($"No card button with action '{action}' in: {Describe(replies)}");

    public static bool HasCard(IEnumerable<JsonObject> replies) =>
        replies.Any(reply => reply["attachments"]?.AsArray().Count > 0);

    public static string Text(IEnumerable<JsonObject> replies) =>
        string.Join("\n---\n", replies.Select(reply => (string?)reply["text"] ?? ""));

    public static string Describe(IEnumerable<JsonObject> replies) =>
        string.Join("\n---\n", replies.Select(reply => reply.ToJsonString()));

    private static IEnumerable<JsonNode> Descendants(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject element:
                yield return element;
                foreach (var (_, child) in element)
                {
                    foreach (var descendant in Descendants(child))
                    {
                        yield return descendant;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var descendant in Descendants(child))
                    {
                        yield return descendant;
                    }
                }

                break;
        }
    }
}
