using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

public sealed class CartRulesTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Fact]
    public async Task Six_lines_offer_a_sales_agent_but_the_order_can_still_be_placed()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        var cart = await chat.SayAllAsync("hi", "add 6 X2 lines");

        Assert.Contains("more than 5 lines", cart.AllText());
        await chat.SayAllAsync("checkout", "use it", "continue", "I agree");
        Assert.Equal(6, (await chat.LastOrderAsync())!.Items.Single().Quantity);
    }

    [Fact]
    public async Task Eleven_lines_and_eleven_devices_never_reach_checkout()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        var cart = await chat.SayAllAsync("hi", "add 11 X2 lines and 11 Poly VVX 250");
        Assert.Contains("up to 10", cart.AllText());

        var checkout = await chat.SayAsync("checkout");

        Assert.Contains("self-service limits", checkout.AllText());
        Assert.Contains("11 new lines", checkout.AllText());
        Assert.Contains("11 devices", checkout.AllText());
        Assert.DoesNotContain("4242", checkout.AllText());
        Assert.Null(await chat.LastOrderAsync());
    }

    [Fact]
    public async Task Phones_beyond_the_available_lines_are_explained_with_the_numbers()
    {
        using var chat = new SalesConversation(DemoUsers.Cara, world: _world);

        var cart = await chat.SayAllAsync("hi", "add 1 X2 line and 2 Yealink T54W");

        Assert.Contains("0 lines without a phone", cart.AllText());
        Assert.Contains("adding 1 new line, so up to 1 phone", cart.AllText());
        var checkout = await chat.SayAsync("checkout");
        Assert.Contains("one thing needs fixing", checkout.AllText());

        await chat.SayAllAsync("add 1 X2 line", "checkout", "use it", "ground", "continue", "I agree");
        var order = await chat.LastOrderAsync();
        Assert.Equal(2, order!.Items.Single(i => i.Sku == "YEA-T54W").Quantity);
    }

    [Fact]
    public async Task Checking_out_an_empty_cart_asks_for_products_instead()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        var reply = await chat.SayAllAsync("hi", "checkout");

        Assert.Contains("cart is empty", reply.AllText());
    }

    [Theory]
    [InlineData("add 0 X2 lines")]
    [InlineData("add 500 X2 lines")]
    public async Task Impossible_quantities_are_refused_politely_and_change_nothing(string request)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        var reply = await chat.SayAllAsync("hi", request);

        Assert.Contains("can't use", reply.AllText());
        Assert.True((await chat.CartAsync()).IsEmpty);
    }

    [Fact]
    public async Task Unrecognized_input_is_reprompted_with_examples_and_then_offers_an_agent()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        var first = await chat.SayAsync("blue elephants");
        Assert.Contains("for example \"add 2 X4 lines\"", first.AllText());

        await chat.SayAsync("purple giraffes");
        var third = await chat.SayAsync("green monkeys");
        Assert.Contains("sales", third.AllText(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("trouble understanding", third.AllText());
    }

    [Fact]
    public async Task Cart_changes_in_words_set_remove_and_empty()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 3 X4 lines and a headset");
        Assert.Equal(2, (await chat.CartAsync()).Items.Count);

        await chat.SayAsync("set X4 lines to 2");
        Assert.Equal(2, (await chat.CartAsync()).Items.Single(i => i.Sku == "X4-LINE").Quantity);

        await chat.SayAsync("remove the headset");
        Assert.Single((await chat.CartAsync()).Items);

        await chat.SayAsync("empty cart");
        Assert.True((await chat.CartAsync()).IsEmpty);
    }

    [Fact]
    public async Task Items_can_be_added_by_their_catalog_number()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        await chat.SayAllAsync("hi", "2 of number 9");

        Assert.Equal(("JABRA-EVOLVE2-65", 2), (await chat.CartAsync()).Items.Select(i => (i.Sku, i.Quantity)).Single());
    }

    [Fact]
    public async Task Upgrading_existing_services_is_handed_to_sales()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        var reply = await chat.SayAllAsync("hi", "upgrade my users to X4");

        Assert.Contains("isn't something I can do in self-service", reply.AllText());
        Assert.True((await chat.CartAsync()).IsEmpty);
    }

    public void Dispose() => _world.Dispose();
}
