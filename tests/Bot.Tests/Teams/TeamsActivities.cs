using System.Text.Json.Nodes;

namespace My8x8.SalesBot.Bot.Tests.Teams;

/// <summary>
/// A Teams user as the channel identifies them: a Teams id, a display name, an Entra ID object id and their tenant.
/// The demo users' object ids and tenants come from ordering/Embedded/SeedData.cs. The seed data has one eligible
/// orderer per tenant, so a test that puts two of them in one channel sends each with their own tenant id.
/// </summary>
public sealed record TeamsUser(string Id, string Name, string AadObjectId, string TenantId)
{
    public static TeamsUser Ava { get; } = new("29:ava-teams-id", "Ava Martinez", "a1a1a1a1-0000-4000-8000-000000000001", "0f6b2c1a-0001-4a5e-9d1e-acde00000001");

    public static TeamsUser Ben { get; } = new("29:ben-teams-id", "Ben Okafor", "a1a1a1a1-0000-4000-8000-000000000002", "0f6b2c1a-0002-4a5e-9d1e-acde00000002");

    public static TeamsUser Cara { get; } = new("29:cara-teams-id", "Cara Lindqvist", "a1a1a1a1-0000-4000-8000-000000000003", "0f6b2c1a-0003-4a5e-9d1e-acde00000003");

    public static TeamsUser Ivy { get; } = new("29:ivy-teams-id", "Ivy Chen", "a1a1a1a1-0000-4000-8000-000000000009", "0f6b2c1a-0008-4a5e-9d1e-acde00000008");

    public static TeamsUser Jack { get; } = new("29:jack-teams-id", "Jack Duarte", "a1a1a1a1-0000-4000-8000-000000000010", "0f6b2c1a-0009-4a5e-9d1e-acde00000009");

    public static TeamsUser Kim { get; } = new("29:kim-teams-id", "Kim Nakamura", "a1a1a1a1-0000-4000-8000-000000000011", "0f6b2c1a-0010-4a5e-9d1e-acde00000010");

    public static TeamsUser Stranger { get; } = new("29:stranger-teams-id", "Sam Stranger", "ffffffff-0000-4000-8000-00000000ffff", "0f6b2c1a-0001-4a5e-9d1e-acde00000001");
}

/// <summary>A Teams conversation: personal (1:1 with the bot), a team channel thread, or a group chat.</summary>
public sealed record TeamsChatRoom(string Id, string Type)
{
    public bool IsGroup => Type != "personal";

    public static TeamsChatRoom Personal() => new($"a:1{Guid.NewGuid():N}", "personal");

    public static TeamsChatRoom Channel() => new($"19:{Guid.NewGuid():N}@thread.tacv2;messageid=1700000000000", "channel");

    public static TeamsChatRoom GroupChat() => new($"19:{Guid.NewGuid():N}@thread.v2", "groupChat");
}

/// <summary>Activities shaped the way Microsoft Teams posts them to a bot's messaging endpoint.</summary>
public static class TeamsActivities
{
    public const string BotId = "28:00000000-0000-0000-0000-0000000b0700";
    public const string BotName = "My 8x8 Sales";
    public const string BotMention = $"<at>{BotName}</at>";

    public static JsonObject Message(string serviceUrl, TeamsChatRoom room, TeamsUser user, string text, bool mentionBot = false)
    {
        var activity = Base("message", serviceUrl, room, user);
        activity["textFormat"] = "plain";
        activity["text"] = mentionBot ? $"{BotMention} {text}\n" : text;
        var entities = new JsonArray
        {
            new JsonObject { ["type"] = "clientInfo", ["locale"] = "en-US", ["country"] = "US", ["platform"] = "Web", ["timezone"] = "America/Los_Angeles" },
        };
        if (mentionBot)
        {
            entities.Insert(0, new JsonObject
            {
                ["type"] = "mention",
                ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
                ["text"] = BotMention,
            });
        }

        activity["entities"] = entities;
        return activity;
    }

    /// <summary>
    /// An <c>Action.Submit</c> click as Teams posts it for a card whose data has <c>msteams.type = messageBack</c>:
    /// the message text is the messageBack text, and the value is the card's data (without <c>msteams</c>) with the
    /// card's input values merged in. No @mention, even in a channel.
    /// </summary>
    public static JsonObject Submit(string serviceUrl, TeamsChatRoom room, TeamsUser user, CardButton button, IReadOnlyDictionary<string, string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(button);
        var activity = Base("message", serviceUrl, room, user);
        var value = (JsonObject)button.Data.DeepClone();
        value.Remove("msteams");
        foreach (var (id, input) in inputs ?? new Dictionary<string, string>())
        {
            value[id] = input;
        }

        activity["text"] = (string?)button.Data["msteams"]?["text"];
        activity["value"] = value;
        activity["replyToId"] = "1:card-message-id";
        activity["channelData"]!["source"] = new JsonObject { ["name"] = "message" };
        activity["channelData"]!["legacy"] = new JsonObject { ["replyToId"] = "1:card-message-id" };
        return activity;
    }

    public static JsonObject MembersAdded(string serviceUrl, TeamsChatRoom room, TeamsUser addedBy, params (string Id, string? AadObjectId)[] members)
    {
        var activity = Base("conversationUpdate", serviceUrl, room, addedBy);
        activity["membersAdded"] = new JsonArray([.. members.Select(m => (JsonNode)new JsonObject { ["id"] = m.Id, ["aadObjectId"] = m.AadObjectId })]);
        activity["channelData"]!["eventType"] = "teamMemberAdded";
        return activity;
    }

    private static JsonObject Base(string type, string serviceUrl, TeamsChatRoom room, TeamsUser user)
    {
        var conversation = new JsonObject { ["conversationType"] = room.Type, ["tenantId"] = user.TenantId, ["id"] = room.Id };
        var channelData = new JsonObject { ["tenant"] = new JsonObject { ["id"] = user.TenantId } };
        if (room.IsGroup)
        {
            conversation["isGroup"] = true;
        }

        if (room.Type == "channel")
        {
            var channelId = room.Id.Split(';')[0];
            channelData["teamsChannelId"] = channelId;
            channelData["teamsTeamId"] = "19:team-general@thread.tacv2";
            channelData["channel"] = new JsonObject { ["id"] = channelId };
            channelData["team"] = new JsonObject { ["id"] = "19:team-general@thread.tacv2" };
        }

        return new JsonObject
        {
            ["type"] = type,
            ["id"] = $"1:{Guid.NewGuid():N}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["localTimestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = user.Id, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId },
            ["conversation"] = conversation,
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["channelData"] = channelData,
            ["locale"] = "en-US",
            ["localTimezone"] = "America/Los_Angeles",
        };
    }
}

/// <summary>An <c>Action.Submit</c> button of a card the bot sent: its title and its <c>data</c>.</summary>
public sealed record CardButton(string Title, JsonObject Data)
{
    public string? Action => (string?)Data["salesbot"]?["action"];
}
