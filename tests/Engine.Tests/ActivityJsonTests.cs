using Microsoft.Bot.Schema;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Tests.Engine;

/// <summary>How a waiting prompt keeps its activity in dialog state: compact, and read back exactly.</summary>
public sealed class ActivityJsonTests
{
    private static Activity CardActivity(int items)
    {
        var body = new JArray(Enumerable.Range(1, items).Select(i => new JObject
        {
            ["type"] = "TextBlock",
            ["id"] = $"item{i}",
            ["text"] = $"Item {i}: \"quoted\" name, price ${i * 7}.99 per month",
        }));
        var card = new JObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = body };
        var activity = (Activity)Activity.CreateMessageActivity();
        activity.Text = "Here's the catalog.";
        activity.Speak = "Here's the catalog.";
        activity.Attachments = [new Attachment(CardMessage.AdaptiveCardContentType, content: new JRaw(card.ToString(Formatting.None)))];
        return activity;
    }

    [Fact]
    public void A_long_activity_is_saved_deflated_and_loads_back_to_the_same_json()
    {
        var activity = CardActivity(items: 60);
        var json = ActivityJson.Write(activity);

        var saved = ActivityJson.Save(activity);
        var loaded = ActivityJson.Load(saved);

        Assert.StartsWith("deflate:", saved, StringComparison.Ordinal);
        Assert.True(saved.Length < json.Length / 3, $"saved {saved.Length} chars of {json.Length}");
        Assert.Equal(json, ActivityJson.Write(loaded));
        Assert.IsType<JRaw>(loaded.Attachments[0].Content);
        Assert.Equal("Item 60: \"quoted\" name, price $420.99 per month", (string?)CardMessage.ContentOf(loaded.Attachments[0])!["body"]![59]!["text"]);
    }

    [Fact]
    public void A_short_activity_and_older_plain_json_state_load_as_they_are()
    {
        var activity = CardActivity(items: 1);
        var saved = ActivityJson.Save(activity);

        Assert.StartsWith("{", saved, StringComparison.Ordinal);
        Assert.Equal(saved, ActivityJson.Write(ActivityJson.Load(saved)));
        var older = ActivityJson.Write(CardActivity(items: 60));
        Assert.Equal(older, ActivityJson.Write(ActivityJson.Load(older)));
    }

    [Theory]
    [InlineData("deflate:not base64!")]
    [InlineData("deflate:AAAA")]
    public void Damaged_saved_activities_fail_as_unreadable_json(string saved) =>
        Assert.ThrowsAny<JsonException>(() => ActivityJson.Load(saved));
}
