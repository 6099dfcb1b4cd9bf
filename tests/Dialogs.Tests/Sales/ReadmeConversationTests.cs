using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>The README's example phrases, typed as written, in one conversation that ends in an order.</summary>
public sealed class ReadmeConversationTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Fact]
    public async Task The_readme_example_conversation_works_as_written()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        Assert.Contains("Hi Ava", (await chat.SayAsync("hi")).AllText());
        Assert.Contains("Which one did you mean by \"lines\"", (await chat.SayAsync("I need three more lines and 2 Yealink phones")).AllText());
        Assert.Contains("Yealink", (await chat.SayAsync("the second one")).AllText());
        Assert.Contains("Added 2 × Yealink T57W", (await chat.SayAsync("the second one")).AllText());
        Assert.Contains("Added 3 × X4 line", (await chat.SayAsync("add 3 X4 lines")).AllText());
        Assert.Contains("Added 2 × Jabra Evolve2 65", (await chat.SayAsync("2 of number 9")).AllText());
        Assert.Contains("Removed Jabra Evolve2 65", (await chat.SayAsync("remove the headset")).AllText());
        Assert.Contains("X4 line: now 2", (await chat.SayAsync("set X4 lines to 2")).AllText());
        foreach (var command in new[] { "help", "cart", "hours" })
        {
            Assert.DoesNotContain("didn't catch that", (await chat.SayAsync(command)).AllText());
        }

        Assert.Contains("4242", (await chat.SayAsync("checkout")).AllText());
        Assert.Contains("Ground", (await chat.SayAsync("use it")).AllText());
        Assert.Contains("Your quote", (await chat.SayAsync("ground")).AllText());
        Assert.Contains("Terms and Conditions", (await chat.SayAsync("continue")).AllText());
        await chat.SayAsync("I agree");

        var order = await chat.LastOrderAsync();
        Assert.NotNull(order);
        Assert.Equal("ground", order.Shipping!.Code);
        Assert.Equal(
            new Dictionary<string, int> { ["X4-LINE"] = 2, ["YEA-T57W"] = 2 },
            order.Items.ToDictionary(item => item.Sku, item => item.Quantity));
        Assert.Contains(order.Number, (await chat.SayAsync("what's the status of my order?")).AllText());
        Assert.Contains("You're welcome", (await chat.SayAsync("thanks!")).AllText());
        Assert.Contains("Thanks for ordering", (await chat.SayAsync("bye")).AllText());
        Assert.Empty(chat.Handoffs);
    }

    public void Dispose() => _world.Dispose();
}
