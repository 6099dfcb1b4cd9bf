using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>Thanks, closings and questions about an order get a fitting answer, never the greeting again or a queue.</summary>
public sealed class SmallTalkTests : IDisposable
{
    private readonly SalesWorld _world = new();

    private async Task<(SalesConversation Chat, string OrderNumber)> AfterAnOrderAsync()
    {
        var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line", "checkout", "use it", "continue", "I agree");
        var order = await chat.LastOrderAsync();
        Assert.NotNull(order);
        return (chat, order.Number);
    }

    [Theory]
    [InlineData("thanks!")]
    [InlineData("thank you")]
    [InlineData("Thanks so much")]
    [InlineData("ty")]
    public async Task Thanks_after_an_order_gets_a_thank_you_not_the_greeting_and_catalog(string thanks)
    {
        var (chat, _) = await AfterAnOrderAsync();
        using var _ = chat;

        var reply = await chat.SayAsync(thanks);

        Assert.Contains("You're welcome", reply.AllText());
        Assert.DoesNotContain("Hi Ava", reply.AllText());
        Assert.DoesNotContain("Lines of service", reply.AllText());
        Assert.All(reply, activity => Assert.True(activity.Attachments is null or { Count: 0 }));
        Assert.Empty(chat.Handoffs);
    }

    [Theory]
    [InlineData("ok that's all")]
    [InlineData("bye")]
    [InlineData("Goodbye!")]
    [InlineData("that's all for now, thanks")]
    [InlineData("no thanks, that's it")]
    public async Task A_closing_after_an_order_gets_a_goodbye_and_never_a_queue(string closing)
    {
        var (chat, _) = await AfterAnOrderAsync();
        using var _ = chat;

        var reply = await chat.SayAsync(closing);

        Assert.Contains("Thanks for ordering", reply.AllText());
        Assert.DoesNotContain("didn't catch that", reply.AllText());
        Assert.DoesNotContain("Hi Ava", reply.AllText());
        Assert.Empty(chat.Handoffs);
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("great")]
    [InlineData("Perfect!")]
    [InlineData("cool")]
    [InlineData("sounds good")]
    [InlineData("yes")]
    [InlineData("👍")]
    public async Task An_acknowledgement_after_an_order_gets_a_short_answer_not_the_greeting_and_catalog(string acknowledgement)
    {
        var (chat, number) = await AfterAnOrderAsync();
        using var _ = chat;

        var reply = await chat.SayAsync(acknowledgement);

        Assert.NotEmpty(reply);
        Assert.Contains(number, reply.AllText());
        Assert.DoesNotContain("Hi Ava", reply.AllText());
        Assert.DoesNotContain("Lines of service", reply.AllText());
        Assert.All(reply, activity => Assert.True(activity.Attachments is null or { Count: 0 }));
        Assert.Empty(chat.Handoffs);
    }

    [Fact]
    public async Task After_the_short_answer_hi_starts_a_new_order()
    {
        var (chat, _) = await AfterAnOrderAsync();
        using var _ = chat;
        await chat.SayAsync("ok");

        var reply = await chat.SayAsync("hi");

        Assert.Contains("Hi Ava", reply.AllText());
    }

    [Fact]
    public async Task Small_talk_while_shopping_is_not_a_misunderstanding()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 2 X4 lines");

        var replies = new List<string>();
        foreach (var line in new[] { "ok", "great", "hello", "yes", "no", "got it" })
        {
            replies.Add((await chat.SayAsync(line)).AllText());
        }

        Assert.All(replies, text => Assert.DoesNotContain("didn't catch that", text));
        Assert.All(replies, text => Assert.DoesNotContain("trouble understanding", text));
        Assert.All(replies, text => Assert.Contains("X4 line", text));
        Assert.Equal(2, Assert.Single((await chat.CartAsync()).Items).Quantity);
        Assert.Empty(chat.Handoffs);
    }

    [Theory]
    [InlineData("what's the status of my order?")]
    [InlineData("where is my order")]
    [InlineData("order status")]
    [InlineData("when will my order arrive?")]
    public async Task A_question_about_the_order_answers_with_its_number_and_status(string question)
    {
        var (chat, number) = await AfterAnOrderAsync();
        using var _ = chat;

        var reply = await chat.SayAsync(question);

        Assert.Contains(number, reply.AllText());
        Assert.Contains("Placed", reply.AllText());
        Assert.DoesNotContain("Hi Ava", reply.AllText());
        Assert.Empty(chat.Handoffs);
    }

    [Fact]
    public async Task Every_order_placed_in_the_conversation_is_named_when_asked_about_orders()
    {
        var (chat, _) = await AfterAnOrderAsync();
        using var _ = chat;
        await chat.SayAllAsync("hi", "add 1 X4 line", "checkout", "use it", "continue", "I agree");
        var orders = await chat.Ordering.GetOrdersAsync(DemoUsers.Ava, CancellationToken.None);

        var reply = await chat.SayAsync("what's the status of my order?");

        Assert.Equal(2, orders.Count);
        Assert.All(orders, order => Assert.Contains(order.Number, reply.AllText()));
    }

    [Fact]
    public async Task A_question_about_orders_before_any_order_says_there_are_none()
    {
        using var chat = new SalesConversation(DemoUsers.Ben, world: _world);
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync("where's my order?");

        Assert.Contains("don't see any orders", reply.AllText());
        Assert.DoesNotContain("didn't catch that", reply.AllText());
        Assert.Empty(chat.Handoffs);
    }

    [Fact]
    public async Task Thanks_and_bye_while_shopping_keep_the_cart_and_the_step()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 Poly VVX 250", "checkout", "use it");

        var thanks = await chat.SayAsync("thanks");
        var bye = await chat.SayAsync("bye");

        Assert.Contains("You're welcome", thanks.AllText());
        Assert.Contains("Ground", thanks.AllText());
        Assert.Contains("saved", bye.AllText());
        Assert.Empty(chat.Handoffs);
        await chat.SayAllAsync("ground", "continue", "I agree");
        Assert.Equal("ground", (await chat.LastOrderAsync())!.Shipping!.Code);
    }

    [Fact]
    public async Task That_is_all_with_items_in_the_cart_still_goes_to_checkout()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        var payment = await chat.SayAllAsync("hi", "add 1 X2 line", "ok that's all");

        Assert.Contains("4242", payment.AllText());
    }

    public void Dispose() => _world.Dispose();
}
