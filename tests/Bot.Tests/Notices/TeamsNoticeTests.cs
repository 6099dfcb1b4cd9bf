using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Authentication;
using My8x8.SalesBot.Bot.Tests.Teams;
using My8x8.SalesBot.Notices;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Notices;

/// <summary>
/// A Teams personal-chat customer's shipment notice through the SDK's proactive path: the order placed over
/// /api/messages with channel tokens the SDK really validates (against the loopback Bot Framework cloud), the
/// conversation reference captured then, and the notice posted later by ContinueConversationAsync to the Teams
/// serviceUrl stand-in, carrying the bot's token from the loopback login endpoint.
/// </summary>
public sealed partial class TeamsNoticeTests : IAsyncLifetime, IDisposable
{
    private LoopbackBotFrameworkCloud _cloud = null!;
    private RecordingChannel _teams = null!;
    private AuthenticatedBotFactory _host = null!;

    public async Task InitializeAsync()
    {
        _cloud = await LoopbackBotFrameworkCloud.StartAsync();
        _teams = await RecordingChannel.StartAsync();
        _host = new AuthenticatedBotFactory(_cloud, new Dictionary<string, string>
        {
            // The test runs the sender and the lifecycle itself.
            ["SalesBot:OrderNotices:Enabled"] = "false",
            ["SalesBot:Ordering:Lifecycle:AutoAdvance"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _teams.DisposeAsync();
        await _cloud.DisposeAsync();
    }

    public void Dispose() => _host?.Dispose();

    [Fact]
    public async Task A_shipment_notice_reaches_the_teams_personal_chat_the_order_was_placed_in_with_the_bots_token()
    {
        var client = _host.CreateClient();
        var room = TeamsChatRoom.Personal();
        var kim = TeamsUser.Kim;
        var said = "";
        foreach (var line in new[] { "hi", "add 1 X4 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue", "I agree" })
        {
            said = await SayAsync(client, room, kim, line);
        }

        var number = OrderNumber().Match(said).Groups["number"].Value;
        Assert.True(number.Length > 0, said);
        var before = _teams.Received.Count;
        await _host.Services.GetRequiredService<IOrderingService>().ApplyOrderEventAsync(number,
            new OrderEvent("wms-ship-teams", OrderStatus.Shipped, Shipments: [new("UPS", "1ZTEAMS0001")]), "warehouse", default);

        Assert.Equal(1, await _host.Services.GetRequiredService<OrderNoticeSender>().RunOnceAsync(default));
        Assert.Equal(0, await _host.Services.GetRequiredService<OrderNoticeSender>().RunOnceAsync(default));

        var (notice, authorization) = Assert.Single(_teams.Received.Skip(before), r => (string?)r.Activity["type"] == "message");
        Assert.Equal(room.Id, (string?)notice["conversation"]?["id"]);
        Assert.Equal(kim.Id, (string?)notice["recipient"]?["id"]);
        Assert.Equal(TeamsActivities.BotId, (string?)notice["from"]?["id"]);
        // A proactive message replies to nothing: Teams shows it as a new message in the chat.
        Assert.Null((string?)notice["replyToId"]);
        var text = $"{notice["text"]}\n{notice["attachments"]?[0]?["content"]?["fallbackText"]}";
        Assert.Contains($"your order {number} has shipped", text, StringComparison.Ordinal);
        Assert.Contains("UPS 1ZTEAMS0001", text, StringComparison.Ordinal);
        Assert.StartsWith("Bearer loopback-access-token-", authorization, StringComparison.Ordinal);
        Assert.Contains(authorization["Bearer ".Length..], _cloud.IssuedTokens);
        Assert.Equal(OrderNoticeOutcome.Sent, Assert.Single(await _host.Services.GetRequiredService<OrderNoticeStore>().NoticesAsync(number, default)).Outcome);
    }

    /// <summary>Posts a Teams message signed as the channel signs it; returns what the bot sent back in that turn.</summary>
    private async Task<string> SayAsync(HttpClient client, TeamsChatRoom room, TeamsUser user, string text)
    {
        var before = _teams.Received.Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(TeamsActivities.Message(_teams.ServiceUrl, room, user, text)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _cloud.ChannelToken(_host.AppId, _teams.ServiceUrl));
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode} to \"{text}\"");
        return string.Join("\n", _teams.Received.Skip(before).Select(r => $"{r.Activity["text"]}\n{(r.Activity["attachments"] as JsonArray)?.FirstOrDefault()?["content"]?["fallbackText"]}"));
    }

    [GeneratedRegex(@"Order number: (?<number>SO-\d{4}-\d{5,8})")]
    private static partial Regex OrderNumber();
}
