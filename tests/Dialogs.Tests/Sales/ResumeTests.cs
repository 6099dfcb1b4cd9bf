using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

public sealed class ResumeTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Fact]
    public async Task After_a_restart_the_customer_continues_at_the_same_step_with_the_same_cart()
    {
        using (var before = new SalesConversation(DemoUsers.Ava, world: _world))
        {
            await before.SayAllAsync("hi", "add 2 X4 lines and 1 Yealink T57W", "checkout", "use it");
        }

        // A new process: new services and dialogs over the same state store and ordering database.
        using var after = new SalesConversation(DemoUsers.Ava, world: _world);
        var quote = await after.SayAsync("two-day");

        Assert.Contains("Two-day", quote.AllText());
        await after.SayAllAsync("continue", "I agree");
        var order = await after.LastOrderAsync();
        Assert.Equal(3, order!.Items.Sum(i => i.Quantity));
    }

    [Fact]
    public async Task A_customer_returning_after_the_cart_expired_is_told_and_starts_fresh()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 2 X4 lines");

        chat.Clock.Advance(TimeSpan.FromDays(8));
        var reply = await chat.SayAsync("checkout");

        Assert.Contains("cart expired", reply.AllText());
        Assert.True((await chat.CartAsync()).IsEmpty);
        Assert.Null(await chat.LastOrderAsync());
    }

    [Fact]
    public async Task A_customer_who_leaves_and_says_hi_later_finds_the_cart()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 2 X4 lines", "cancel");

        chat.Clock.Advance(TimeSpan.FromDays(2));
        var back = await chat.SayAsync("hi");

        Assert.Contains("Welcome back", back.AllText());
        Assert.Contains("X4 line", back.AllText());
    }

    public void Dispose() => _world.Dispose();
}
