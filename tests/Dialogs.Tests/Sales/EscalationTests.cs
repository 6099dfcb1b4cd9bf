using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>The customer decides on escalation: the bot offers a sales agent, and only a yes or "agent" starts a handoff.</summary>
public sealed class EscalationTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Fact]
    public async Task Three_messages_the_bot_cannot_read_get_an_offer_of_an_agent_and_queue_nobody()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "blue elephants", "purple giraffes");

        var third = await chat.SayAsync("green monkeys");

        Assert.Contains("Would you like a sales agent", third.AllText());
        Assert.Empty(chat.Handoffs);
        var fourth = await chat.SayAsync("add 2 X4 lines");
        Assert.Equal(2, (await chat.CartAsync()).LineCount);
        Assert.Contains("Added 2 × X4 line", fourth.AllText());
        Assert.Empty(chat.Handoffs);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("yes please")]
    [InlineData("agent")]
    public async Task Accepting_the_offer_starts_the_handoff_with_the_reason_it_was_offered(string answer)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "blue elephants", "purple giraffes", "green monkeys");

        await chat.SayAsync(answer);

        Assert.Equal(HandoffReason.RepeatedFailures, Assert.Single(chat.Handoffs).Reason);
    }

    [Fact]
    public async Task Declining_the_offer_keeps_shopping_with_the_bot()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "blue elephants", "purple giraffes", "green monkeys");

        var no = await chat.SayAsync("no thanks");

        Assert.Empty(chat.Handoffs);
        Assert.DoesNotContain("didn't catch that", no.AllText());
        Assert.Contains("add", no.AllText(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("👍")]
    [InlineData("🙂🙂")]
    [InlineData("?!")]
    public async Task Empty_messages_and_emoji_are_not_misunderstandings(string nothing)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        var replies = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            replies.Add((await chat.SayAsync(nothing)).AllText());
        }

        Assert.All(replies, reply => Assert.DoesNotContain("didn't catch that", reply));
        Assert.All(replies, reply => Assert.DoesNotContain("trouble understanding", reply));
        Assert.All(replies, reply => Assert.NotEqual("", reply.Trim()));
        Assert.Empty(chat.Handoffs);
        // Nothing was counted against the customer: one real misunderstanding is the first apology.
        Assert.Contains("didn't catch that", (await chat.SayAsync("blue elephants")).AllText());
    }

    [Fact]
    public async Task An_empty_message_at_a_checkout_step_asks_the_same_question_without_using_up_an_attempt()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 Poly VVX 250", "checkout", "use it");

        await chat.SayAllAsync("", "👍", "purple", "");
        var second = await chat.SayAsync("sideways");

        Assert.DoesNotContain("Would you like a sales agent", second.AllText());
        Assert.Contains("Ground", second.AllText());
        Assert.Empty(chat.Handoffs);
    }

    [Fact]
    public async Task A_very_long_message_is_refused_politely_and_not_read()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");
        var paste = "add 2 X4 lines " + new string('x', 5000);

        var replies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add((await chat.SayAsync(paste)).AllText());
        }

        Assert.All(replies, reply => Assert.Contains("too long", reply));
        Assert.All(replies, reply => Assert.Contains("500 characters", reply));
        Assert.True((await chat.CartAsync()).IsEmpty);
        Assert.Empty(chat.Handoffs);
        Assert.DoesNotContain("Would you like a sales agent", string.Join("\n", replies));
    }

    [Fact]
    public async Task The_longest_message_read_comes_from_the_setting()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world, settings: new Dictionary<string, string?> { ["SalesBot:Dialogs:MaxMessageLength"] = "300" });
        await chat.SayAsync("hi");

        var tooLong = await chat.SayAsync("add 2 X4 lines " + new string('x', 300));
        var fits = await chat.SayAsync("add 2 X4 lines " + new string(' ', 250));

        Assert.Contains("300 characters", tooLong.AllText());
        Assert.Contains("Added 2 × X4 line", fits.AllText());
    }

    [Fact]
    public async Task Asking_for_an_upgrade_offers_sales_and_queues_only_when_the_customer_says_yes()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        var upgrade = await chat.SayAsync("upgrade my users to X4");

        Assert.Contains("isn't something I can do in self-service", upgrade.AllText());
        Assert.Contains("Would you like", upgrade.AllText());
        Assert.Empty(chat.Handoffs);
        await chat.SayAsync("yes");
        Assert.Equal(HandoffReason.UpgradeRequest, Assert.Single(chat.Handoffs).Reason);
    }

    [Fact]
    public async Task At_a_checkout_step_three_unusable_answers_offer_an_agent_and_ask_again()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 Poly VVX 250", "checkout", "use it");

        var third = await chat.SayAllAsync("purple", "sideways", "by pigeon");

        Assert.Contains("Would you like a sales agent", third.AllText());
        Assert.Contains("Ground", third.AllText());
        Assert.Empty(chat.Handoffs);
        await chat.SayAsync("agent");
        Assert.Equal(HandoffReason.RepeatedFailures, Assert.Single(chat.Handoffs).Reason);
    }

    [Fact]
    public async Task A_customer_who_has_not_added_a_card_is_offered_help_and_still_waited_for()
    {
        using var chat = new SalesConversation(DemoUsers.Ivy, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line", "checkout");

        var third = await chat.SayAllAsync("done", "done", "done");
        var fourth = await chat.SayAsync("done");

        Assert.Contains("Would you like a sales agent", third.AllText());
        Assert.Empty(chat.Handoffs);
        Assert.Contains("don't see a new card", fourth.AllText());
    }

    public void Dispose() => _world.Dispose();
}
