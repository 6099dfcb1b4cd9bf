using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Handoff;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>The whole host with a hand-driven clock, the demo agent from appsettings.json and a second agent.</summary>
public partial class HandoffBotFactory(DateTimeOffset now, HandoffMode mode = HandoffMode.Console) : SalesBotFactory
{
    /// <summary>The demo agent shipped in appsettings.json (only its hash is there).</summary>
    public const string DemoAgentId = "dana.agent";
    public const string DemoAgentPassword = "agent-demo-8x8";
    public const string OtherAgentId = "lee.agent";
    public const string OtherAgentPassword = "another-agent-password";

    public static readonly DateTimeOffset TuesdayTenPacific = new(2026, 3, 3, 18, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SaturdayTenPacific = new(2026, 3, 7, 18, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<string> OtherAgentHash = new(() => AgentPasswordHasher.Hash(OtherAgentPassword));

    public FakeTimeProvider Clock { get; } = new(now);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SalesBot:Handoff:Mode", mode.ToString());
        builder.UseSetting("SalesBot:Handoff:Agents:1:Id", OtherAgentId);
        builder.UseSetting("SalesBot:Handoff:Agents:1:DisplayName", "Lee Park");
        builder.UseSetting("SalesBot:Handoff:Agents:1:PasswordHash", OtherAgentHash.Value);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A browser-like client signed in to the agent console, sending the antiforgery token with every request.</summary>
    public async Task<HttpClient> SignInAgentAsync(string agentId = DemoAgentId, string password = DemoAgentPassword)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await SubmitSignInAsync(client, agentId, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var antiforgery = await client.GetFromJsonAsync<JsonObject>("/agent/api/antiforgery");
        client.DefaultRequestHeaders.Add("RequestVerificationToken", (string)antiforgery!["token"]!);
        return client;
    }

    public static async Task<HttpResponseMessage> SubmitSignInAsync(HttpClient client, string agentId, string password)
    {
        var page = await client.GetStringAsync("/agent/signin");
        var token = FormToken().Match(page).Groups[1].Value;
        return await client.PostAsync("/agent/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["agentId"] = agentId,
            ["password"] = password,
            ["returnUrl"] = "/agent",
            ["__RequestVerificationToken"] = token,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}

/// <summary>One customer's conversation over /api/messages, with the bot's replies read from a loopback channel.</summary>
public sealed class CustomerChat(HttpClient client, ChannelSink sink, string conversationId, string userId)
{
    public string ConversationId => conversationId;

    /// <summary>The locale the customer's channel says ("es-US"), sent with every message; none when null.</summary>
    public string? Locale { get; init; }

    /// <summary>The channel the customer writes on; the Emulator unless a test says otherwise.</summary>
    public string ChannelId { get; init; } = "emulator";

    /// <summary>The <c>channelData</c> the customer's client puts on every activity (the website chat page's flag), or none.</summary>
    public JsonObject? ChannelData { get; init; }

    /// <summary>Sends a message and returns the text of every message the bot sent in that turn (cards by their fallback text).</summary>
    public async Task<string> SayAsync(string text) => Messages(await SayForActivitiesAsync(text));

    /// <summary>Sends a message and returns the activities the bot sent in that turn, as the channel accepted them.</summary>
    public async Task<IReadOnlyList<JsonObject>> SayForActivitiesAsync(string text)
    {
        var activity = ActivityBuilder.Message(sink.ServiceUrl, conversationId, userId, text, channelId: ChannelId);
        if (ChannelData is not null)
        {
            activity["channelData"] = ChannelData.DeepClone();
        }

        if (Locale is not null)
        {
            activity["locale"] = Locale;
        }

        var response = await client.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. sink.TakeAll()];
    }

    /// <summary>Says each line in turn; returns what the bot sent in the last turn.</summary>
    public async Task<string> SayAllAsync(params string[] lines)
    {
        var last = "";
        foreach (var line in lines)
        {
            last = await SayAsync(line);
        }

        return last;
    }

    /// <summary>Posts an event activity (e.g. a contact center's <c>handoff.status</c>).</summary>
    public async Task<string> SendEventAsync(string name, JsonNode value)
    {
        var activity = ActivityBuilder.Message(sink.ServiceUrl, conversationId, userId, "", channelId: "emulator");
        activity["type"] = "event";
        activity["name"] = name;
        activity["value"] = value;
        activity.Remove("text");
        var response = await client.PostActivityAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Messages(sink.TakeAll());
    }

    /// <summary>What the bot sent since the last read (proactive messages, after an agent's action).</summary>
    public string Received() => Messages(sink.TakeAll());

    /// <summary>The activities the bot sent since the last read, as the channel accepted them.</summary>
    public IReadOnlyList<JsonObject> ReceivedActivities() => [.. sink.TakeAll()];

    public static string Messages(IEnumerable<JsonObject> activities) => string.Join("\n", activities
        .Where(a => (string?)a["type"] == "message")
        .Select(a => $"{a["text"]}{(a["attachments"] is JsonArray { Count: > 0 } attachments ? "\n" + attachments[0]?["content"]?["fallbackText"] : "")}"));
}
