using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>Builds and posts Bot Framework activities the way a channel does.</summary>
public static class ActivityBuilder
{
    public static JsonObject Message(string serviceUrl, string conversationId, string fromId, string text, string channelId = "test") => new()
    {
        ["type"] = "message",
        ["id"] = Guid.NewGuid().ToString("N"),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["channelId"] = channelId,
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = fromId, ["name"] = fromId },
        ["recipient"] = new JsonObject { ["id"] = "salesbot", ["name"] = "My 8x8 Sales" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
        ["text"] = text,
        ["locale"] = "en-US",
    };

    public static async Task<HttpResponseMessage> PostActivityAsync(this HttpClient client, JsonObject activity) =>
        await client.PostAsJsonAsync("/api/messages", activity);
}
