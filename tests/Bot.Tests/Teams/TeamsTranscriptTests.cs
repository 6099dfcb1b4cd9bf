using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Dialogs.Sales;

namespace My8x8.SalesBot.Bot.Tests.Teams;

/// <summary>
/// Teams-shaped activities (channelId msteams, Entra ID object id, tenant, conversation type, mention entities,
/// messageBack card submits) posted to the real /api/messages; replies arrive at a fake Teams serviceUrl.
/// Each test uses its own demo users, so the shared ordering database does not couple them.
/// </summary>
public sealed class TeamsTranscriptTests(SalesBotFactory factory) : IClassFixture<SalesBotFactory>, IAsyncLifetime
{
    private TeamsChat _chat = null!;

    public async Task InitializeAsync() => _chat = await TeamsChat.StartAsync(factory.CreateClient());

    public async Task DisposeAsync() => await _chat.DisposeAsync();

    [Fact]
    public async Task A_personal_chat_order_goes_from_hi_to_an_order_number_with_teams_card_clicks()
    {
        var room = TeamsChatRoom.Personal();
        var ava = TeamsUser.Ava;

        var greeting = await _chat.SayAsync(room, ava, "hi");
        var cart = await _chat.SayAsync(room, ava, "add 2 X4 lines and 1 Yealink T54W");
        var payment = await _chat.ClickAsync(room, ava, TeamsChat.Button(cart, "checkout"));
        var shipping = await _chat.ClickAsync(room, ava, TeamsChat.Button(payment, "useCard"), new Dictionary<string, string> { ["cardId"] = "card-acme-visa" });
        var quote = await _chat.ClickAsync(room, ava, TeamsChat.Button(shipping, "chooseShipping"), new Dictionary<string, string> { ["shippingMethod"] = "two-day" });
        var terms = await _chat.ClickAsync(room, ava, TeamsChat.Button(quote, "continue"));
        var buy = TeamsChat.Button(terms, "agreeAndBuy");
        var confirmation = await _chat.ClickAsync(room, ava, buy, new Dictionary<string, string> { ["agree"] = "true" });

        Assert.Contains("Hi Ava!", TeamsChat.Text(greeting));
        Assert.All(greeting.Concat(cart), reply => Assert.Equal(room.Id, (string?)reply["conversation"]?["id"]));
        var orders = await _chat.GetOrdersAsync("ava.ordering");
        var order = Assert.Single(orders)!.AsObject();
        var number = (string)order["number"]!;
        Assert.Contains($"Order number: {number}", TeamsChat.Text(confirmation));
        Assert.Equal(["X4-LINE×2", "YEA-T54W×1"], OrderItems(order));
        Assert.Equal("two-day", (string?)order["shipping"]?["code"]);
        Assert.Equal((string?)buy.Data["salesbot"]?["termsVersion"], (string?)order["termsVersion"]);
    }

    [Fact]
    public async Task A_channel_message_that_mentions_the_bot_is_answered_with_the_mention_removed()
    {
        var room = TeamsChatRoom.Channel();

        // "help" is recognized only if the dialogs see it without "<at>My 8x8 Sales</at>" in front.
        var replies = await _chat.SayAsync(room, TeamsUser.Ava, "help", mentionBot: true);

        Assert.Contains(SalesTexts.Help, TeamsChat.Text(replies));
        Assert.All(replies, reply => Assert.Equal(room.Id, (string?)reply["conversation"]?["id"]));
    }

    [Fact]
    public async Task A_channel_message_that_does_not_mention_the_bot_is_ignored()
    {
        var room = TeamsChatRoom.Channel();

        var replies = await _chat.SayAsync(room, TeamsUser.Ava, "hi everyone, lunch at noon?");
        var inGroupChat = await _chat.SayAsync(TeamsChatRoom.GroupChat(), TeamsUser.Ava, "help");

        Assert.Empty(replies);
        Assert.Empty(inGroupChat);
    }

    [Fact]
    public async Task Two_users_in_one_channel_keep_their_own_conversation_and_cart_and_neither_cart_is_shown_there()
    {
        var room = TeamsChatRoom.Channel();
        var ben = TeamsUser.Ben;
        var kim = TeamsUser.Kim;

        var benHi = await _chat.SayAsync(room, ben, "hi", mentionBot: true);
        var kimHi = await _chat.SayAsync(room, kim, "hi", mentionBot: true);
        var benAdds = await _chat.SayAsync(room, ben, "add 2 X4 lines", mentionBot: true);
        var kimAdds = await _chat.SayAsync(room, kim, "add 1 Yealink T54W", mentionBot: true);
        var benAsksForCart = await _chat.SayAsync(room, ben, "cart", mentionBot: true);

        // Each got their own greeting: with one shared dialog, Kim's "hi" would have gone to Ben's shopping step.
        Assert.Contains("Hi Ben!", TeamsChat.Text(benHi));
        Assert.Contains("Hi Kim!", TeamsChat.Text(kimHi));
        Assert.Equal(["X4-LINE×2"], await _chat.CartAsync("ben.qtc"));
        Assert.Equal(["YEA-T54W×1"], await _chat.CartAsync("kim.manycards"));

        // What they added is acknowledged in the channel, but the cart itself goes to a personal chat.
        Assert.False(TeamsChat.HasCard(benAdds.Concat(kimAdds).Concat(benAsksForCart)), TeamsChat.Describe(benAdds));
        Assert.Contains("Added 2 × X4 line.", TeamsChat.Text(benAdds));
        Assert.DoesNotContain("$", TeamsChat.Text(benAdds.Concat(kimAdds).Concat(benAsksForCart)));
        Assert.Contains("https://teams.microsoft.com/l/chat/0/0?users=28%3A", TeamsChat.Text(benAsksForCart));
        var pointer = Assert.Single(benAsksForCart);
        var mention = Assert.Single(pointer["entities"]!.AsArray());
        Assert.Equal(ben.Id, (string?)mention!["mentioned"]?["id"]);
        Assert.StartsWith($"<at>{ben.Name}</at>", (string?)pointer["text"]);
    }

    [Fact]
    public async Task Checkout_in_a_channel_is_moved_to_a_personal_chat_where_the_cart_is_waiting()
    {
        var channel = TeamsChatRoom.Channel();
        var ivy = TeamsUser.Ivy;
        await _chat.SayAsync(channel, ivy, "hi", mentionBot: true);
        await _chat.SayAsync(channel, ivy, "add 1 X2 line", mentionBot: true);

        var checkout = await _chat.SayAsync(channel, ivy, "checkout", mentionBot: true);
        var afterwards = await _chat.SayAsync(channel, ivy, "hi", mentionBot: true);
        var personal = await _chat.SayAsync(TeamsChatRoom.Personal(), ivy, "hi");

        // Ivy has no card on file: in a personal chat the next step would show her the secure card page link.
        Assert.False(TeamsChat.HasCard(checkout), TeamsChat.Describe(checkout));
        Assert.Contains("payment and checkout happen only in a personal chat", TeamsChat.Text(checkout));
        Assert.DoesNotContain("http://", TeamsChat.Text(checkout));
        // The channel conversation starts afresh for Ivy rather than waiting, unseen, at the payment step.
        Assert.Contains("Welcome back, Ivy!", TeamsChat.Text(afterwards));
        Assert.Contains("Welcome back, Ivy!", TeamsChat.Text(personal));
        Assert.Contains(TeamsChat.Buttons(personal), button => button.Action == "checkout");
    }

    [Fact]
    public async Task A_click_on_another_users_card_in_a_channel_changes_nobodys_cart()
    {
        var room = TeamsChatRoom.Channel();
        var cara = TeamsUser.Cara;
        var jack = TeamsUser.Jack;
        await _chat.SayAsync(room, cara, "hi", mentionBot: true);
        var carasCatalog = await _chat.SayAsync(room, cara, "catalog", mentionBot: true);

        // Jack has not talked to the bot here: with one state for the whole channel, Cara's card would be current for him too.
        var click = await _chat.ClickAsync(room, jack, TeamsChat.Button(carasCatalog, "addToCart"), new Dictionary<string, string> { ["qty.X6-LINE"] = "3" });

        Assert.Contains(SalesTexts.StaleSubmit, TeamsChat.Text(click));
        Assert.Empty(await _chat.CartAsync("jack.expired"));
        Assert.DoesNotContain("X6-LINE×3", await _chat.CartAsync("cara.billing"));
    }

    [Fact]
    public async Task An_unknown_teams_user_is_told_how_to_get_their_account_linked()
    {
        var replies = await _chat.SayAsync(TeamsChatRoom.Personal(), TeamsUser.Stranger, "hi");

        Assert.Contains(SalesTexts.UnknownTeamsUser, TeamsChat.Text(replies));
        Assert.DoesNotContain("sign in to the My 8x8 portal", TeamsChat.Text(replies));
    }

    [Fact]
    public async Task A_known_user_from_the_wrong_tenant_is_not_matched()
    {
        var replies = await _chat.SayAsync(TeamsChatRoom.Personal(), TeamsUser.Ava with { TenantId = TeamsUser.Ben.TenantId }, "hi");

        Assert.Contains(SalesTexts.UnknownTeamsUser, TeamsChat.Text(replies));
    }

    [Theory]
    [InlineData("messageBack")]
    [InlineData("submit without messageBack text")]
    [InlineData("value nested in msteams.value")]
    public async Task A_teams_add_to_cart_click_adds_what_the_card_inputs_say(string shape)
    {
        var cara = TeamsUser.Cara with { Id = $"29:cara-{Guid.NewGuid():N}" };
        var room = TeamsChatRoom.Personal();
        await _chat.SayAsync(room, cara, "start over");
        await _chat.SayAsync(room, cara, "empty cart");
        var catalog = await _chat.SayAsync(room, cara, "catalog");
        var submit = TeamsActivities.Submit(_chat.ServiceUrl, room, cara, TeamsChat.Button(catalog, "addToCart"), new Dictionary<string, string> { ["qty.X2-LINE"] = "2" });
        switch (shape)
        {
            case "submit without messageBack text":
                submit.Remove("text");
                break;
            case "value nested in msteams.value":
                submit["value"] = new JsonObject { ["msteams"] = new JsonObject { ["value"] = submit["value"]!.DeepClone() } };
                break;
        }

        var replies = await _chat.PostAsync(submit);

        Assert.Contains("Added 2 × X2 line", TeamsChat.Text(replies));
        Assert.Equal(["X2-LINE×2"], await _chat.CartAsync("cara.billing"));
    }

    [Fact]
    public async Task The_bot_introduces_itself_once_when_added_to_a_team_and_does_not_greet_each_new_member()
    {
        var room = TeamsChatRoom.Channel();

        var added = await _chat.PostAsync(TeamsActivities.MembersAdded(_chat.ServiceUrl, room, TeamsUser.Ava, (TeamsActivities.BotId, null)));
        var memberJoined = await _chat.PostAsync(TeamsActivities.MembersAdded(_chat.ServiceUrl, room, TeamsUser.Ava, (TeamsUser.Ben.Id, TeamsUser.Ben.AadObjectId)));

        Assert.Contains("Mention me", (string?)Assert.Single(added)["text"]);
        Assert.Empty(memberJoined);
    }

    private static List<string> OrderItems(JsonObject order) =>
        [.. order["items"]!.AsArray().Select(item => $"{(string?)item!["sku"]}×{(int)item["quantity"]!}").Order(StringComparer.Ordinal)];
}
