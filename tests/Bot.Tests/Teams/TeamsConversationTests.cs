using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.Hosting;

namespace My8x8.SalesBot.Bot.Tests.Teams;

/// <summary>
/// What each Teams conversation shows: nothing about anyone's account, cart or money where others read along; a
/// personal chat that acts on its first message whatever it asks; at most the three quick replies Teams displays.
/// Its own host, so the carts of these demo users do not depend on the other Teams tests.
/// </summary>
public sealed class TeamsConversationTests(SalesBotFactory factory) : IClassFixture<SalesBotFactory>, IAsyncLifetime
{
    private TeamsChat _chat = null!;

    public async Task InitializeAsync() => _chat = await TeamsChat.StartAsync(factory.CreateClient());

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task The_greeting_in_a_channel_or_group_chat_shows_no_account_facts()
    {
        var channel = TeamsChatRoom.Channel();
        var group = TeamsChatRoom.GroupChat();

        var ben = await _chat.SayAsync(channel, TeamsUser.Ben, "hi", mentionBot: true);
        var ivy = await _chat.SayAsync(group, TeamsUser.Ivy, "hello", mentionBot: true);

        Assert.Contains("Hi Ben!", TeamsChat.Text(ben));
        Assert.Contains("Hi Ivy!", TeamsChat.Text(ivy));
        var shown = TeamsChat.Describe(ben.Concat(ivy));
        foreach (var fact in new[] { "Birch Logistics", "Dune Realty", "Editions", "X Series", "Your account has", "without a phone", "credit card" })
        {
            Assert.DoesNotContain(fact, shown);
        }
    }

    [Fact]
    public async Task A_customer_who_is_not_eligible_is_not_told_why_in_a_channel()
    {
        var channel = TeamsChatRoom.Channel();
        var leo = new TeamsUser("29:leo-teams-id", "Leo Fischer", "a1a1a1a1-0000-4000-8000-000000000012", "0f6b2c1a-0011-4a5e-9d1e-acde00000011");

        var replies = await _chat.SayAsync(channel, leo, "hi", mentionBot: true);

        Assert.NotEmpty(replies);
        Assert.DoesNotContain("payment method", TeamsChat.Text(replies), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("pays by", TeamsChat.Text(replies), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("personal chat", TeamsChat.Text(replies));
    }

    [Fact]
    public async Task Checkout_as_the_first_message_of_a_personal_chat_goes_to_payment()
    {
        var kim = TeamsUser.Kim;
        await _chat.SayAsync(TeamsChatRoom.Channel(), kim, "add 1 X2 line", mentionBot: true);

        var checkout = await _chat.SayAsync(TeamsChatRoom.Personal(), kim, "checkout");

        Assert.Contains(TeamsChat.Buttons(checkout), button => button.Action == "useCard");
        Assert.Contains("1111", TeamsChat.Describe(checkout));
        Assert.Contains("Kim", TeamsChat.Text(checkout));
    }

    [Fact]
    public async Task Cart_as_the_first_message_of_a_personal_chat_shows_the_cart_once()
    {
        var cara = TeamsUser.Cara;
        await _chat.SayAsync(TeamsChatRoom.Channel(), cara, "add 2 X4 lines", mentionBot: true);

        var cart = await _chat.SayAsync(TeamsChatRoom.Personal(), cara, "cart");

        Assert.Equal(1, TeamsChat.Buttons(cart).Count(button => button.Action == "checkout"));
        Assert.Equal(1, CountOf(TeamsChat.Text(cart), "Your cart:"));
        Assert.Contains("Cara", TeamsChat.Text(cart));
    }

    [Fact]
    public async Task Teams_gets_at_most_three_suggested_actions_the_most_important_first()
    {
        var room = TeamsChatRoom.Personal();
        var ava = TeamsUser.Ava;

        var welcome = await _chat.PostAsync(TeamsActivities.MembersAdded(_chat.ServiceUrl, room, ava, (ava.Id, ava.AadObjectId)));
        var all = welcome.ToList();
        foreach (var text in new[] { "hi", "empty cart", "help", "add 1 X2 line", "blue elephants", "purple giraffes", "green monkeys", "checkout" })
        {
            all.AddRange(await _chat.SayAsync(room, ava, text));
        }

        Assert.Contains(all, reply => Suggestions(reply).Count > 0);
        Assert.All(all, reply => Assert.True(Suggestions(reply).Count <= 3, TeamsChat.Describe([reply])));
        var shopping = all.Select(Suggestions).First(titles => titles.Contains("Catalog") && titles.Contains("Checkout"));
        Assert.Equal(["Catalog", "Checkout", "Agent"], shopping);
    }

    private static List<string> Suggestions(JsonObject reply) =>
        [.. reply["suggestedActions"]?["actions"]?.AsArray().Select(action => (string?)action!["title"] ?? "") ?? []];

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
