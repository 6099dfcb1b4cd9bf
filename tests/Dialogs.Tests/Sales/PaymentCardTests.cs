using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Dialogs.Sales;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>Adding and choosing a payment card, in words a customer would use and never by typing a card number.</summary>
public sealed class PaymentCardTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Theory]
    [InlineData("add a card")]
    [InlineData("add a new card")]
    [InlineData("update my card")]
    [InlineData("I want to add a credit card")]
    public async Task A_customer_can_ask_for_the_secure_card_page_while_shopping(string ask)
    {
        using var chat = new SalesConversation(DemoUsers.Jack, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line");

        var reply = await chat.SayAsync(ask);

        Assert.Contains("/payments/cards/new?token=", reply.AllText());
        Assert.DoesNotContain("didn't catch that", reply.AllText());
        Assert.Equal(1, (await chat.CartAsync()).LineCount);
    }

    [Fact]
    public async Task A_first_message_asking_to_add_a_card_gets_the_greeting_and_the_link()
    {
        using var chat = new SalesConversation(DemoUsers.Ivy, world: _world);

        var reply = await chat.SayAsync("add a card");

        Assert.Contains("Hi Ivy", reply.AllText());
        Assert.Contains("/payments/cards/new?token=", reply.AllText());
    }

    [Fact]
    public async Task A_customer_without_a_card_is_told_they_can_add_one_now()
    {
        using var chat = new SalesConversation(DemoUsers.Ivy, world: _world);

        var greeting = await chat.SayAsync("hi");

        Assert.Contains("no valid credit card", greeting.AllText());
        Assert.Contains("\"add a card\"", greeting.AllText());
    }

    [Fact]
    public async Task Going_back_to_shopping_from_the_card_page_keeps_the_cart()
    {
        using var chat = new SalesConversation(DemoUsers.Jack, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line", "add a card");

        var back = await chat.SayAsync("add 1 X4 line");

        Assert.Equal(2, (await chat.CartAsync()).LineCount);
        Assert.Contains("X4 line", back.AllText());
    }

    [Fact]
    public async Task The_card_choice_asks_for_a_position_brand_or_last_four_digits_and_never_for_a_number()
    {
        using var chat = new SalesConversation(DemoUsers.Kim, channelId: "sms", world: _world);

        var choice = await chat.SayAllAsync("hi", "add 1 X2 line", "checkout");

        Assert.DoesNotContain("number of a card", choice.AllText());
        Assert.Contains("last four", choice.AllText());
        await chat.SayAllAsync("mastercard", "continue", "I agree");
        Assert.Equal("5100", (await chat.LastOrderAsync())!.Payment.Last4);
    }

    [Fact]
    public async Task The_second_card_can_be_chosen_by_position()
    {
        using var chat = new SalesConversation(DemoUsers.Kim, world: _world);

        // Kim's cards are listed Mastercard 5100, then Visa 1111.
        await chat.SayAllAsync("hi", "add 1 X2 line", "checkout", "the second one", "continue", "I agree");

        Assert.Equal("1111", (await chat.LastOrderAsync())!.Payment.Last4);
    }

    [Fact]
    public async Task Where_the_chat_continues_by_itself_the_link_message_uses_a_link_text_and_does_not_ask_for_done()
    {
        using var chat = new SalesConversation(DemoUsers.Ivy, world: _world, configure: services => services.AddSingleton(new CardPageFollowUp(ContinuesConversation: true)));

        var link = await chat.SayAllAsync("hi", "add 1 X2 line", "checkout");

        var text = string.Join("\n", link.Select(a => a.Text));
        Assert.Matches(@"\[[^\]]+\]\(http://localhost:3978/payments/cards/new\?token=[^)]+\)", text);
        Assert.DoesNotMatch(@"(?<!\()http://localhost:3978/payments", text);
        Assert.DoesNotContain("\"done\"", link.AllText());
        Assert.DoesNotContain("done", link.Suggestions(), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_text_only_channel_gets_the_plain_link_and_can_say_done()
    {
        using var chat = new SalesConversation(DemoUsers.Ivy, channelId: "sms", world: _world);

        var link = await chat.SayAllAsync("hi", "add 1 X2 line", "checkout");

        Assert.Contains("http://localhost:3978/payments/cards/new?token=", link.AllText());
        Assert.DoesNotContain("](http", link.AllText());
        Assert.Contains("\"done\"", link.AllText());
        Assert.Contains("don't see a new card", (await chat.SayAsync("done")).AllText());
    }

    public void Dispose() => _world.Dispose();
}
