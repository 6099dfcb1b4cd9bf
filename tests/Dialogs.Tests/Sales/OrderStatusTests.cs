using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Tests.Sqlite;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>After the purchase, in the chat: the customer's own orders with status and tracking, notices, reorder.</summary>
public sealed class OrderStatusTests : IDisposable
{
    private readonly SalesWorld _world = new(new Dictionary<string, string?> { ["SalesBot:Ordering:Lifecycle:AutoAdvance"] = "false" });

    public void Dispose() => _world.Dispose();

    [Theory]
    [InlineData("status of {0}")]
    [InlineData("what's the status of {0}?")]
    [InlineData("where is order {0}")]
    public async Task Status_by_number_shows_the_order_with_its_tracking_items_and_history(string question)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        var order = await OrderAsync(chat, "add 1 X2 line and 2 Yealink T54W", "checkout", "use it", "ground", "continue", "I agree");
        await chat.Ordering.ApplyOrderEventAsync(order.Number, new OrderEvent("wms-1", OrderStatus.Shipped,
            Shipments: [new("FedEx", "7720 1111 2222", [new("YEA-T54W", 2)])]), "warehouse", default);

        var reply = await chat.SayAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, question, order.Number));

        var text = reply.AllText();
        Assert.Contains($"Order {order.Number}: Shipped", text);
        Assert.Contains("FedEx 7720 1111 2222: 2 × Yealink T54W", text);
        Assert.Contains("1 × X2 line", text);
        Assert.Contains("Placed:", text);
        Assert.Contains($"Total charged: {Money(order.Total)}", text);
        // The card's charge lines add up to what was charged.
        var card = Assert.Single(reply, a => a.Attachments?.Count > 0).Attachments[0];
        var facts = Cards.CardMessage.ContentOf(card)!.SelectTokens("$..[?(@.id == 'chargedFacts')].facts[*].value").Select(v => decimal.Parse((string)v!, System.Globalization.NumberStyles.Currency, System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        Assert.Equal(order.Total, facts.Sum());
    }

    [Theory]
    [InlineData("my orders")]
    [InlineData("what did I buy?")]
    [InlineData("where's my order")]
    public async Task My_orders_lists_the_customers_own_orders_newest_first(string question)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        var first = await OrderAsync(chat, "add 1 X4 line", "checkout", "use it", "continue", "I agree");
        _world.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await OrderAsync(chat, "start over", "add 2 X2 lines", "checkout", "use it", "continue", "I agree");
        using var ben = new SalesConversation(DemoUsers.Ben, world: _world);
        var bens = await OrderAsync(ben, "add 1 X2 line", "checkout", "use it", "continue", "I agree");

        var reply = (await chat.SayAsync(question)).AllText();

        Assert.Contains($"Order {second.Number}", reply);
        Assert.Contains(first.Number, reply);
        Assert.True(reply.IndexOf(second.Number, StringComparison.Ordinal) < reply.IndexOf(first.Number, StringComparison.Ordinal));
        Assert.DoesNotContain(bens.Number, reply);
    }

    [Fact]
    public async Task Someone_elses_order_number_is_answered_exactly_like_a_number_that_does_not_exist()
    {
        using var ben = new SalesConversation(DemoUsers.Ben, world: _world);
        var bens = await OrderAsync(ben, "add 1 X2 line", "checkout", "use it", "continue", "I agree");
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");

        var other = (await chat.SayAsync($"status of {bens.Number}")).AllText();
        var missing = (await chat.SayAsync("status of SO-2026-99999")).AllText();

        Assert.Equal(missing.Replace("SO-2026-99999", "#", StringComparison.Ordinal), other.Replace(bens.Number, "#", StringComparison.Ordinal));
        Assert.DoesNotContain("X2 line", other);
        Assert.DoesNotContain("Placed", other);
    }

    [Fact]
    public async Task The_lifecycle_advancing_on_a_fake_clock_shows_in_the_chat()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        var order = await OrderAsync(chat, "add 1 X2 line and 1 Yealink T54W", "checkout", "use it", "ground", "continue", "I agree");
        var embedded = (Ordering.Embedded.EmbeddedOrderingService)chat.Ordering;
        var schedule = new OrderLifecycleOptions();

        _world.Clock.Advance(schedule.ProcessingAfter);
        await embedded.AdvanceDueOrdersAsync(default);
        Assert.Contains("Processing", (await chat.SayAsync("where's my order")).AllText());
        _world.Clock.Advance(schedule.ShippedAfter);
        await embedded.AdvanceDueOrdersAsync(default);
        var shipped = (await chat.SayAsync($"status of {order.Number}")).AllText();

        Assert.Contains("Shipped", shipped);
        Assert.Matches(@"UPS 1Z[0-9A-F]{16}: 1 × Yealink T54W", shipped);
    }

    [Fact]
    public async Task A_notice_is_sent_until_the_customer_says_stop_updates_and_again_after_start_updates()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        var order = await OrderAsync(chat, "add 1 X2 line and 1 Yealink T54W", "checkout", "use it", "ground", "continue", "I agree");
        await chat.Ordering.ApplyOrderEventAsync(order.Number, new OrderEvent("s", OrderStatus.Shipped, Shipments: [new("UPS", "1ZX")]), "warehouse", default);
        var notice = JObject.FromObject(new OrderNotice("s", order.Number, DemoUsers.Ava, OrderStatus.Shipped));

        var first = await chat.EventWithValueAsync(OrderStatusReplies.OrderNoticeEvent, notice);
        var stopped = (await chat.SayAsync("stop updates")).AllText();
        var whileStopped = await chat.EventWithValueAsync(OrderStatusReplies.OrderNoticeEvent, notice);
        await chat.SayAsync("start updates");
        var again = await chat.EventWithValueAsync(OrderStatusReplies.OrderNoticeEvent, notice);

        Assert.Contains($"your order {order.Number} has shipped", first.AllText());
        Assert.Contains("UPS 1ZX", first.AllText());
        Assert.Contains("won't send order updates", stopped);
        Assert.Empty(whileStopped);
        Assert.Contains("has shipped", again.AllText());
    }

    [Fact]
    public async Task Order_the_same_again_fills_a_new_cart_at_todays_price_and_says_what_changed()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        var order = await OrderAsync(chat, "add 2 X4 lines", "checkout", "use it", "continue", "I agree");
        await SqliteFile.ExecuteAsync(_world.OrderingDatabase, "UPDATE products SET price_cents = 4900 WHERE sku = 'X4-LINE'");
        _world.Clock.Advance(TimeSpan.FromMinutes(10));

        var reply = (await chat.SayAsync("order the same again")).AllText();

        Assert.Contains($"last order {order.Number}", reply);
        Assert.Contains("X4 line was $44.00 per month, now $49.00 per month", reply);
        var cart = await chat.CartAsync();
        Assert.Equal(("X4-LINE", 2, 49.00m), (cart.Items.Single().Sku, cart.Items.Single().Quantity, cart.Items.Single().UnitPrice));
    }

    [Fact]
    public async Task Order_the_same_again_says_which_rule_the_repeated_order_now_breaks()
    {
        // Ava's account has 3 lines without a phone: the first order gave each a phone, so repeating it finds no line for them.
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await OrderAsync(chat, "add 3 Yealink T54W", "checkout", "use it", "ground", "continue", "I agree");

        var reply = (await chat.SayAsync("order the same again")).AllText();

        Assert.Contains("in a new cart", reply);
        Assert.Contains("line", reply);
        var cart = await chat.CartAsync();
        Assert.Contains(cart.Problems, p => p.Code == CartProblemCode.DevicesExceedAvailableLines);
        Assert.False(cart.CheckoutMayStart);
    }

    [Fact]
    public async Task Reorder_never_overwrites_a_cart_in_progress()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await OrderAsync(chat, "add 1 X2 line", "checkout", "use it", "continue", "I agree");
        await chat.SayAllAsync("start over", "add 1 X6 line");

        var reply = (await chat.SayAsync("order the same again")).AllText();

        Assert.Contains("already has items", reply);
        Assert.Equal("X6-LINE", (await chat.CartAsync()).Items.Single().Sku);
    }

    private static async Task<Order> OrderAsync(SalesConversation chat, params string[] lines)
    {
        await chat.SayAllAsync(["hi", .. lines]);
        return await chat.LastOrderAsync() ?? throw new InvalidOperationException("No order was placed.");
    }

    private static string Money(decimal amount) => amount.ToString("C2", System.Globalization.CultureInfo.GetCultureInfo("en-US"));
}
