using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>
/// The plan advisor: a few needs questions (clicked or typed, skippable) lead to a line plan with its reasons from
/// the catalog's features; plans are compared side by side; the chosen plan goes into the cart in the same turn.
/// </summary>
public sealed class PlanAdvisorTests : IDisposable
{
    private readonly SalesWorld _world = new();

    private SalesConversation Chat(string user = DemoUsers.Ava, string channelId = "test") => new(user, channelId, world: _world);

    [Theory]
    [InlineData("tell me about the X4 plan")]
    [InlineData("what's included in X6?")]
    [InlineData("what's the difference between X2 and X4?")]
    [InlineData("I need international calling")]
    public async Task Asking_about_plans_changes_nothing_in_the_cart(string question)
    {
        using var chat = Chat();
        await chat.SayAsync("hi");

        await chat.SayAsync(question);

        Assert.Empty((await chat.CartAsync()).Items);
    }

    public void Dispose() => _world.Dispose();
}
