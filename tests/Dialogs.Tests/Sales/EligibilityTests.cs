using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

public sealed class EligibilityTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Theory]
    [InlineData(DemoUsers.Dan, "ordering profile")]
    [InlineData(DemoUsers.Erin, "Wholesale accounts")]
    [InlineData(DemoUsers.Felix, "US-based accounts only")]
    [InlineData(DemoUsers.Grace, "US-based accounts only")]
    [InlineData(DemoUsers.Leo, "invoice, ACH or credit card")]
    public async Task Each_ineligible_customer_hears_why_and_is_offered_a_sales_agent(string userId, string explanation)
    {
        using var chat = new SalesConversation(userId, world: _world);

        var reply = await chat.SayAsync("hi");

        Assert.Contains(explanation, reply.AllText());
        Assert.Contains("agent", reply.AllText());
        Assert.Contains(reply, activity => activity.SuggestedActions?.Actions.Any(a => (string)a.Value == "Agent") == true);

        var again = await chat.SayAsync("add 2 X4 lines");
        Assert.Contains(explanation, again.AllText());
        Assert.True((await chat.Ordering.GetOrdersAsync(userId, CancellationToken.None)).Count == 0);
    }

    [Fact]
    public async Task An_express_customer_is_pointed_to_manager_express()
    {
        using var chat = new SalesConversation(DemoUsers.Hugo, world: _world);

        var reply = await chat.SayAsync("hi");

        Assert.Contains("Manager Express", reply.AllText());
        Assert.Contains("Add licenses", reply.AllText());
    }

    [Fact]
    public async Task An_unknown_user_is_told_clearly_and_offered_sales()
    {
        using var chat = new SalesConversation("nobody.here", world: _world);

        var reply = await chat.SayAsync("hi");

        Assert.Contains("couldn't find a My 8x8 account", reply.AllText());
        Assert.Contains("agent", reply.AllText());
    }

    public void Dispose() => _world.Dispose();
}
