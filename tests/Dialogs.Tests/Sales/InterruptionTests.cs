using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

public sealed class InterruptionTests : IDisposable
{
    private readonly SalesWorld _world = new();

    private async Task<SalesConversation> AtShippingAsync()
    {
        var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        var shipping = await chat.SayAllAsync("hi", "add 1 X2 line and 1 Poly VVX 250", "checkout", "use it");
        Assert.Contains("ship", shipping.AllText(), StringComparison.OrdinalIgnoreCase);
        return chat;
    }

    [Fact]
    public async Task Help_mid_prompt_explains_and_asks_the_same_question_again()
    {
        using var chat = await AtShippingAsync();

        var help = await chat.SayAsync("help");

        Assert.Contains("Here's what I can do", help.AllText());
        Assert.Contains("Ground", help.AllText());
        await chat.SayAllAsync("ground", "continue", "I agree");
        Assert.Equal("ground", (await chat.LastOrderAsync())!.Shipping!.Code);
    }

    [Fact]
    public async Task Cart_mid_prompt_shows_the_cart_and_resumes_the_step()
    {
        using var chat = await AtShippingAsync();

        var cart = await chat.SayAsync("cart");

        Assert.Contains("Poly VVX 250", cart.AllText());
        Assert.Contains("Ground", cart.AllText());
    }

    [Fact]
    public async Task Hours_and_agent_mid_prompt_answer_and_keep_the_step()
    {
        using var chat = await AtShippingAsync();

        var hours = await chat.SayAsync("when are you open?");
        Assert.Contains("1-866-879-8647", hours.AllText());

        var agent = await chat.SayAsync("talk to a person");
        Assert.Contains("1-866-879-8647", agent.AllText());

        await chat.SayAllAsync("overnight", "continue", "I agree");
        Assert.Equal("overnight", (await chat.LastOrderAsync())!.Shipping!.Code);
    }

    [Fact]
    public async Task Cancel_mid_prompt_stops_and_keeps_the_cart()
    {
        using var chat = await AtShippingAsync();

        var cancelled = await chat.SayAsync("cancel");

        Assert.Contains("Your cart is saved", cancelled.AllText());
        Assert.Equal(2, (await chat.CartAsync()).Items.Count);
        var back = await chat.SayAsync("hi");
        Assert.Contains("Welcome back", back.AllText());
    }

    [Fact]
    public async Task Start_over_mid_prompt_begins_again_with_the_saved_cart()
    {
        using var chat = await AtShippingAsync();

        var restarted = await chat.SayAsync("start over");

        Assert.Contains("let's start over", restarted.AllText());
        Assert.Contains("Welcome back", restarted.AllText());
    }

    [Fact]
    public async Task Changing_the_cart_at_the_quote_goes_back_to_the_cart_and_the_new_contents_are_ordered()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 2 X2 lines", "checkout", "use it");

        var back = await chat.SayAsync("change cart");
        Assert.Contains("what would you like to change", back.AllText());

        await chat.SayAllAsync("set X2 lines to 1", "add 1 X6 line", "checkout", "use it", "continue", "I agree");
        var order = await chat.LastOrderAsync();
        Assert.Equal(2, order!.Items.Count);
        Assert.Equal(1, order.Items.Single(i => i.Sku == "X2-LINE").Quantity);
    }

    [Fact]
    public async Task Terms_need_an_explicit_agreement()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line", "checkout", "use it", "continue");

        var unclear = await chat.SayAsync("hmm maybe");
        Assert.Contains("explicit agreement", unclear.AllText());

        var unticked = await chat.SubmitAsync(chat.SubmitData(CardActions.AgreeAndBuy, new Dictionary<string, string> { [CardInputs.Agree] = "false" }));
        Assert.Contains("explicit agreement", unticked.AllText());
        Assert.Null(await chat.LastOrderAsync());

        await chat.SayAsync("I agree");
        Assert.NotNull(await chat.LastOrderAsync());
    }

    [Fact]
    public async Task A_card_from_an_earlier_step_changes_nothing()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 Poly VVX 250", "checkout", "use it");
        var shippingCard = chat.LastCard();
        await chat.SayAsync("ground");

        var stale = await chat.SubmitAsync(chat.SubmitData(CardActions.ChooseShipping, new Dictionary<string, string> { [CardInputs.ShippingMethod] = "overnight" }, shippingCard));

        Assert.Contains("belongs to an earlier step", stale.AllText());
        Assert.Equal("ground", (await chat.CartAsync()).ShippingMethodCode);
    }

    [Fact]
    public async Task Agree_and_buy_clicked_twice_places_exactly_one_order()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line", "checkout", "use it", "continue");
        var agree = chat.SubmitData(CardActions.AgreeAndBuy, new Dictionary<string, string> { [CardInputs.Agree] = "true" });

        await chat.SubmitAsync(agree);
        var second = await chat.SubmitAsync(agree);

        Assert.Contains("belongs to an earlier step", second.AllText());
        Assert.Single(await chat.Ordering.GetOrdersAsync(DemoUsers.Ava, CancellationToken.None));
    }

    [Fact]
    public async Task The_same_cart_and_quote_always_give_the_same_idempotency_key()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line");
        var cart = await chat.CartAsync();
        var adapter = new Microsoft.Bot.Builder.Adapters.TestAdapter();
        var activity = adapter.MakeActivity("x");
        var context = new Microsoft.Bot.Builder.TurnContext(adapter, activity);

        var first = SalesFlowDialog.IdempotencyKey(context, cart.Id, cart.Version, "quote-1");
        var again = SalesFlowDialog.IdempotencyKey(context, cart.Id, cart.Version, "quote-1");
        var otherQuote = SalesFlowDialog.IdempotencyKey(context, cart.Id, cart.Version, "quote-2");

        Assert.Equal(first, again);
        Assert.NotEqual(first, otherQuote);
    }

    [Fact]
    public async Task A_first_message_that_asks_for_products_is_acted_on_after_the_greeting()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        var reply = await chat.SayAsync("add 2 X4 lines");

        Assert.Contains("Hi Ava", reply.AllText());
        Assert.Equal(2, (await chat.CartAsync()).LineCount);
    }

    [Fact]
    public async Task Cart_while_shopping_shows_the_cart_without_repeating_an_earlier_apology()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line");
        var apology = await chat.SayAsync("blue elephants");
        Assert.Contains("didn't catch that", apology.AllText());

        var cart = await chat.SayAsync("cart");

        Assert.Contains("X2 line", cart.AllText());
        Assert.DoesNotContain("didn't catch that", cart.AllText());
        await chat.SayAllAsync("checkout", "use it", "continue", "I agree");
        Assert.NotNull(await chat.LastOrderAsync());
    }

    [Theory]
    [InlineData("order")]
    [InlineData("I want to order")]
    public async Task Asking_to_order_while_shopping_shows_the_catalog(string text)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync(text);

        Assert.Contains("Lines of service", reply.AllText());
        Assert.DoesNotContain("didn't catch that", reply.AllText());
    }

    public void Dispose() => _world.Dispose();
}
