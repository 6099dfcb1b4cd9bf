using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

public sealed class HappyPathTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Fact]
    public async Task A_customer_orders_lines_only_by_typing_and_gets_an_order_number()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        var greeting = await chat.SayAsync("hi");
        Assert.Contains("Hi Ava", greeting.AllText());

        await chat.SayAsync("add 2 X4 lines");
        Assert.Equal(2, (await chat.CartAsync()).LineCount);

        var payment = await chat.SayAsync("checkout");
        Assert.Contains("4242", payment.AllText());

        var quote = await chat.SayAsync("use it");
        Assert.Contains("$88.00", quote.AllText());
        Assert.DoesNotContain("How should we ship", quote.AllText());

        var terms = await chat.SayAsync("continue");
        Assert.Contains("2025-11", terms.AllText());

        var confirmation = await chat.SayAsync("I agree");

        var order = await chat.LastOrderAsync();
        Assert.NotNull(order);
        Assert.Contains(order.Number, confirmation.AllText());
        var line = Assert.Single(order.Items);
        Assert.Equal(("X4-LINE", 2), (line.Sku, line.Quantity));
        Assert.Null(order.Shipping);
        Assert.Equal("2025-11", order.TermsVersion);
        Assert.Equal("4242", order.Payment.Last4);
    }

    [Fact]
    public async Task Lines_and_phones_in_one_sentence_ask_back_what_is_ambiguous_then_ship_and_order()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        var which = await chat.SayAsync("I need three more lines and 2 Yealink phones");
        Assert.Contains("Which one did you mean by \"lines\"", which.AllText());
        Assert.True((await chat.CartAsync()).IsEmpty);

        var whichPhone = await chat.SayAsync("X4");
        Assert.Contains("Yealink", whichPhone.AllText());
        Assert.Equal(3, (await chat.CartAsync()).LineCount);

        await chat.SayAsync("the first one");
        var cart = await chat.CartAsync();
        Assert.Equal(2, cart.Items.Single(i => i.Sku == "YEA-T54W").Quantity);

        await chat.SayAsync("checkout");
        var shipping = await chat.SayAsync("use it");
        Assert.Contains("100 Market St", shipping.AllText());

        var quote = await chat.SayAsync("two-day");
        Assert.Contains("Two-day", quote.AllText());
        await chat.SayAllAsync("continue", "I agree");

        var order = await chat.LastOrderAsync();
        Assert.NotNull(order);
        Assert.Equal("two-day", order.Shipping?.Code);
        Assert.Equal(2, order.Items.Count);
    }

    [Fact]
    public async Task The_whole_order_can_be_clicked_on_cards()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        await chat.SubmitAsync(chat.SubmitData(CardActions.AddToCart, new Dictionary<string, string>
        {
            [CardInputs.Quantity("X2-LINE")] = "2",
            [CardInputs.Quantity("POLY-VVX250")] = "1",
        }));
        Assert.Equal(3, (await chat.CartAsync()).Items.Sum(i => i.Quantity));

        await chat.SubmitAsync(chat.SubmitData(CardActions.Checkout));
        await chat.SubmitAsync(chat.SubmitData(CardActions.UseCard, new Dictionary<string, string> { [CardInputs.CardId] = "card-acme-visa" }));
        await chat.SubmitAsync(chat.SubmitData(CardActions.ChooseShipping, new Dictionary<string, string> { [CardInputs.ShippingMethod] = "overnight" }));
        await chat.SubmitAsync(chat.SubmitData(CardActions.Continue));
        var confirmation = await chat.SubmitAsync(chat.SubmitData(CardActions.AgreeAndBuy, new Dictionary<string, string> { [CardInputs.Agree] = "true" }));

        var order = await chat.LastOrderAsync();
        Assert.NotNull(order);
        Assert.Contains(order.Number, confirmation.AllText());
        Assert.Equal("overnight", order.Shipping?.Code);
    }

    [Fact]
    public async Task A_text_only_channel_completes_the_order_without_any_card()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, channelId: "sms", world: _world);

        await chat.SayAllAsync("hi", "add 1 X6 line and 1 Poly VVX 250", "checkout", "use it", "ground", "continue", "I agree");

        Assert.NotNull(await chat.LastOrderAsync());
        Assert.All(chat.Transcript, activity => Assert.True(activity.Attachments is null || activity.Attachments.Count == 0));
        Assert.Contains("Poly VVX 250", chat.Transcript.AllText());
    }

    [Fact]
    public async Task An_invoice_payer_is_told_the_card_pays_only_this_orders_initial_charge_before_agreeing()
    {
        using var chat = new SalesConversation(DemoUsers.Ben, world: _world);

        var quote = await chat.SayAllAsync("hi", "add 1 X2 line", "checkout", "use it");

        Assert.Contains("only this order's initial charge", quote.AllText());
        Assert.Contains("does not change", quote.AllText());
        await chat.SayAllAsync("continue", "I agree");
        var order = await chat.LastOrderAsync();
        Assert.True(order!.Payment.CardPaysInitialChargeOnly);
    }

    [Fact]
    public async Task With_several_cards_the_customer_chooses_one_by_its_last_four_digits()
    {
        using var chat = new SalesConversation(DemoUsers.Kim, world: _world);

        var choice = await chat.SayAllAsync("hi", "add 1 X2 line", "checkout");
        Assert.Contains("1111", choice.AllText());
        Assert.Contains("5100", choice.AllText());
        Assert.DoesNotContain("8431", choice.AllText());

        await chat.SayAllAsync("5100", "continue", "I agree");

        Assert.Equal("5100", (await chat.LastOrderAsync())!.Payment.Last4);
    }

    [Fact]
    public async Task A_customer_without_a_card_is_told_early_and_gets_the_secure_card_page_at_checkout()
    {
        using var chat = new SalesConversation(DemoUsers.Ivy, world: _world);

        var greeting = await chat.SayAsync("hi");
        Assert.Contains("no valid credit card", greeting.AllText());

        var payment = await chat.SayAllAsync("add 1 X2 line", "checkout");
        Assert.Contains("/payments/cards/new?token=", payment.AllText());

        var waiting = await chat.SayAsync("done");
        Assert.Contains("don't see a new card", waiting.AllText());
        Assert.Null(await chat.LastOrderAsync());
    }

    public void Dispose() => _world.Dispose();
}
