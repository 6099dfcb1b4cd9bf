using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>Buttons of the checkout cards do what they say, clicked as Web Chat sends them.</summary>
public sealed class CardActionTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Fact]
    public async Task Change_cart_on_the_shipping_card_goes_back_to_the_cart_with_nothing_changed()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 Yealink T54W", "checkout", "1");
        var before = await chat.CartAsync();

        var reply = await chat.SubmitAsync(chat.SubmitData(CardActions.ChangeCart));

        Assert.Contains("what would you like to change", reply.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("choose a shipping method", reply.AllText(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(reply, a => a.Attachments?.Count > 0 && CardMessage.ContentOf(a.Attachments[0])!.ToString().Contains("\"checkout\"", StringComparison.Ordinal));
        Assert.Equal(before.Items, (await chat.CartAsync()).Items);
    }

    [Fact]
    public async Task Typing_change_cart_at_the_shipping_step_goes_back_to_the_cart()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 Yealink T54W", "checkout", "1");

        var reply = await chat.SayAsync("change cart");

        Assert.Contains("what would you like to change", reply.AllText(), StringComparison.Ordinal);
    }

    public void Dispose() => _world.Dispose();
}
