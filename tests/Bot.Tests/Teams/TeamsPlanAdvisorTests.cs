using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.Hosting;

namespace My8x8.SalesBot.Bot.Tests.Teams;

/// <summary>
/// The plan advisor through the real /api/messages in Teams: in a personal chat the comparison is a card and the
/// recommended plan goes into the cart; in a group chat the comparison is text (the advice is the asker's, a card
/// there is everyone's to click); at most three suggested actions everywhere.
/// </summary>
public sealed class TeamsPlanAdvisorTests(SalesBotFactory factory) : IClassFixture<SalesBotFactory>, IAsyncLifetime
{
    private TeamsChat _chat = null!;

    public async Task InitializeAsync() => _chat = await TeamsChat.StartAsync(factory.CreateClient());

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task In_a_personal_chat_plans_compare_on_a_card_and_yes_adds_the_recommended_plan()
    {
        var room = TeamsChatRoom.Personal();
        var ava = TeamsUser.Ava;
        await _chat.SayAsync(room, ava, "hi");

        var compared = await _chat.SayAsync(room, ava, "what's the difference between X2 and X4?");
        Assert.True(TeamsChat.HasCard(compared), TeamsChat.Describe(compared));
        Assert.Contains("$44.00 per month", TeamsChat.Describe(compared));
        Assert.Contains(TeamsChat.Buttons(compared), b => b.Action == "advisePlan");

        var question = await _chat.SayAsync(room, ava, "which plan do I need?");
        Assert.Equal(["Yes", "No", "Skip"], Suggestions(question));
        await _chat.SayAsync(room, ava, "yes");
        await _chat.SayAsync(room, ava, "no");
        var recommendation = await _chat.SayAsync(room, ava, "4");
        Assert.Contains("I'd recommend the X4 line", TeamsChat.Text(recommendation));
        Assert.InRange(Suggestions(recommendation).Count, 1, 3);

        await _chat.SayAsync(room, ava, "yes");
        Assert.Contains("X4-LINE×4", await _chat.CartAsync("ava.ordering"));
    }

    [Fact]
    public async Task In_a_group_chat_the_comparison_is_text_and_the_advisor_asks_in_words()
    {
        var room = TeamsChatRoom.GroupChat();
        var ben = TeamsUser.Ben;

        var compared = await _chat.SayAsync(room, ben, "compare plans", mentionBot: true);
        Assert.False(TeamsChat.HasCard(compared), TeamsChat.Describe(compared));
        Assert.Contains("- X4 line: $44.00", TeamsChat.Text(compared));
        Assert.Contains("- International calling: X2 line not included", TeamsChat.Text(compared));

        var described = await _chat.SayAsync(room, ben, "tell me about the X6 plan", mentionBot: true);
        Assert.False(TeamsChat.HasCard(described));
        Assert.Contains("The X6 line plan: $85.00 per line per month", TeamsChat.Text(described));
        Assert.Empty(await _chat.CartAsync("ben.qtc"));

        var question = await _chat.SayAsync(room, ben, "which plan do I need?", mentionBot: true);
        Assert.Contains("other countries", TeamsChat.Text(question));
        Assert.InRange(Suggestions(question).Count, 1, 3);
    }

    private static List<string> Suggestions(IEnumerable<JsonObject> replies) =>
        [.. replies.SelectMany(r => r["suggestedActions"]?["actions"]?.AsArray() ?? []).Select(a => (string?)a!["title"] ?? "")];
}
