using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>
/// Agree &amp; Buy went through, but the customer never heard (the reply was refused by the channel, or the host
/// stopped before saving): whatever the customer says next, they are told the truth about the order, and nothing is
/// ordered twice.
/// </summary>
public sealed class CheckoutRecoveryTests : IDisposable
{
    private readonly SalesWorld _world = new();

    private async Task<SalesConversation> OrderPlacedButNeverConfirmedAsync()
    {
        var chat = new SalesConversation(DemoUsers.Kim, world: _world);
        await chat.SayAllAsync("hi", "add 1 X4 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue");
        await chat.SayButTheTurnIsLostAsync("I agree");
        Assert.NotNull(await chat.LastOrderAsync());
        return chat;
    }

    [Fact]
    public async Task Agreeing_again_confirms_the_order_already_placed_and_never_says_nothing_was_charged()
    {
        using var chat = await OrderPlacedButNeverConfirmedAsync();

        var reply = (await chat.SayAsync("I agree")).AllText();

        var order = Assert.Single(await chat.Ordering.GetOrdersAsync(DemoUsers.Kim, CancellationToken.None));
        Assert.Contains(order.Number, reply);
        Assert.DoesNotContain("Nothing was charged", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nothing was ordered", reply, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("change cart")]
    [InlineData("no")]
    [InlineData("cart")]
    [InlineData("start over")]
    [InlineData("cancel")]
    [InlineData("hello?")]
    public async Task Anything_else_said_at_the_terms_is_answered_with_the_order_first(string text)
    {
        using var chat = await OrderPlacedButNeverConfirmedAsync();

        var reply = (await chat.SayAsync(text)).AllText();

        var order = Assert.Single(await chat.Ordering.GetOrdersAsync(DemoUsers.Kim, CancellationToken.None));
        Assert.Contains("Your order went through earlier", reply);
        Assert.Contains(order.Number, reply);
        Assert.DoesNotContain("nothing was ordered", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Your cart is saved", reply);

        // The checkout is over: the next order starts from a new, empty cart.
        var next = (await chat.SayAsync("hi")).AllText();
        Assert.DoesNotContain(order.Number, next);
        Assert.True((await chat.CartAsync()).IsEmpty);
    }

    [Fact]
    public async Task A_customer_back_after_the_cart_would_have_expired_hears_of_the_order_not_of_an_expired_cart()
    {
        using var chat = await OrderPlacedButNeverConfirmedAsync();
        chat.Clock.Advance(TimeSpan.FromDays(8));

        var reply = (await chat.SayAsync("I agree")).AllText();

        var order = Assert.Single(await chat.Ordering.GetOrdersAsync(DemoUsers.Kim, CancellationToken.None));
        Assert.Contains(order.Number, reply);
        Assert.DoesNotContain("expired", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nothing was ordered", reply, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _world.Dispose();
}
