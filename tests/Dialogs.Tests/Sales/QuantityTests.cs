using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>Quantities are read as said, refused with the range when they cannot be, and the cart decides which item "the phone" is.</summary>
public sealed class QuantityTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Theory]
    [InlineData("add 2.5 X4 lines", "2.5")]
    [InlineData("add 99999999999 X4 lines", "99999999999")]
    [InlineData("add 1/2 X4 line", "1/2")]
    [InlineData("add two and a half X4 lines", "two and a half")]
    public async Task A_quantity_that_is_not_a_whole_number_in_range_is_refused_with_the_range_and_adds_nothing(string request, string said)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync(request);

        Assert.True((await chat.CartAsync()).IsEmpty, reply.AllText());
        Assert.Contains($"\"{said}\"", reply.AllText());
        Assert.Contains("whole number from 1 to 10", reply.AllText());
        Assert.DoesNotContain("Added", reply.AllText());
    }

    [Theory]
    [InlineData("add a few X4 lines", "a few")]
    [InlineData("add some X4 lines", "some")]
    [InlineData("I need several X4 lines", "several")]
    [InlineData("add a bunch of X4 lines", "a bunch of")]
    public async Task A_vague_quantity_is_asked_for_as_a_number_and_never_read_as_one(string request, string said)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync(request);

        Assert.True((await chat.CartAsync()).IsEmpty, reply.AllText());
        Assert.Contains($"\"{said}\"", reply.AllText());
        Assert.Contains("whole number from 1 to 10", reply.AllText());
    }

    [Theory]
    [InlineData("add 0 X4 lines")]
    [InlineData("add -1 X4 lines")]
    public async Task Adding_none_or_a_negative_number_is_refused_with_the_range_of_the_order_limits(string request)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world, settings: new Dictionary<string, string?> { ["SalesBot:Ordering:MaxLinesPerOrder"] = "12" });
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync(request);

        Assert.True((await chat.CartAsync()).IsEmpty, reply.AllText());
        Assert.Contains("whole number from 1 to 12", reply.AllText());
        Assert.DoesNotContain("100", reply.AllText());
    }

    [Fact]
    public async Task A_refused_quantity_in_a_change_says_nothing_was_changed()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 2 X4 lines");

        var reply = await chat.SayAsync("set X4 lines to 2.5");

        Assert.Contains("Nothing was changed", reply.AllText());
        Assert.DoesNotContain("Nothing was added", reply.AllText());
        Assert.Equal(2, Assert.Single((await chat.CartAsync()).Items).Quantity);
    }

    [Fact]
    public async Task The_range_in_the_refusal_follows_the_order_limit_settings()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world, settings: new Dictionary<string, string?>
        {
            ["SalesBot:Ordering:MaxLinesPerOrder"] = "12",
            ["SalesBot:Ordering:MaxDevicesPerOrder"] = "7",
        });
        await chat.SayAsync("hi");

        var lines = await chat.SayAsync("add 2.5 X4 lines");
        var phones = await chat.SayAsync("add 1.5 Poly VVX 250");

        Assert.Contains("whole number from 1 to 12", lines.AllText());
        Assert.Contains("whole number from 1 to 7", phones.AllText());
        Assert.True((await chat.CartAsync()).IsEmpty);
    }

    [Fact]
    public async Task An_unreadable_quantity_for_a_mention_that_fits_several_products_is_refused_before_asking_which()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync("add 2.5 lines");

        Assert.DoesNotContain("Which one", reply.AllText());
        Assert.Contains("whole number from 1 to 10", reply.AllText());
        Assert.True((await chat.CartAsync()).IsEmpty);
    }

    [Theory]
    [InlineData("add a couple of X4 lines", 2)]
    [InlineData("a couple X4 lines please", 2)]
    [InlineData("add a pair of X4 lines", 2)]
    [InlineData("add a X4 line", 1)]
    [InlineData("add three X4 lines", 3)]
    public async Task Everyday_words_for_quantities_are_read(string request, int expected)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        await chat.SayAsync(request);

        Assert.Equal(expected, (await chat.CartAsync()).Items.Single(i => i.Sku == "X4-LINE").Quantity);
    }

    [Fact]
    public async Task A_couple_of_lines_is_two_of_the_plan_the_customer_picks()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        var which = await chat.SayAsync("add a couple of lines");
        await chat.SayAsync("X4");

        Assert.Contains("Which one", which.AllText());
        Assert.Equal(2, (await chat.CartAsync()).Items.Single(i => i.Sku == "X4-LINE").Quantity);
    }

    [Fact]
    public async Task Removing_the_phone_with_one_phone_in_the_cart_removes_it_without_asking()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 2 X4 lines and 1 Poly VVX 250");

        var reply = await chat.SayAsync("remove the phone");

        Assert.DoesNotContain("Which one", reply.AllText());
        Assert.Contains("Removed Poly VVX 250", reply.AllText());
        Assert.Equal(["X4-LINE"], (await chat.CartAsync()).Items.Select(i => i.Sku));
    }

    [Fact]
    public async Task Setting_lines_with_one_line_plan_in_the_cart_sets_that_plan()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 2 X4 lines and 1 Poly VVX 250");

        var reply = await chat.SayAsync("set lines to 3");

        Assert.DoesNotContain("Which one", reply.AllText());
        Assert.Equal(3, (await chat.CartAsync()).Items.Single(i => i.Sku == "X4-LINE").Quantity);
    }

    [Fact]
    public async Task With_two_phones_in_the_cart_the_question_lists_only_those_two()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 2 X4 lines, 1 Poly VVX 250 and 1 Yealink T54W");

        var which = await chat.SayAsync("remove the phone");

        Assert.Contains("Which one", which.AllText());
        Assert.Contains("Poly VVX 250", which.AllText());
        Assert.Contains("Yealink T54W", which.AllText());
        Assert.DoesNotContain("Yealink T57W", which.AllText());
        await chat.SayAsync("the second one");
        Assert.Equal(["POLY-VVX250", "X4-LINE"], (await chat.CartAsync()).Items.Select(i => i.Sku).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Removing_a_kind_of_product_the_cart_does_not_have_says_so()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 2 X4 lines");

        var reply = await chat.SayAsync("remove the phone");

        Assert.DoesNotContain("Which one", reply.AllText());
        Assert.Contains("no phone in your cart", reply.AllText());
        Assert.Equal(2, (await chat.CartAsync()).LineCount);
    }

    public void Dispose() => _world.Dispose();
}
