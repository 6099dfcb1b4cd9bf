using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>
/// Order times (placed, shipped) read in the sales time zone from the settings, with its label, written as the turn's
/// language writes dates and as the sales hours write times — never in UTC. The order is placed late in the evening in
/// the configured zone, when UTC is already on the next day, so a UTC rendering shows the wrong day.
/// </summary>
public sealed class OrderTimesTests : IDisposable
{
    // Tuesday Nov 24, 2026, 11:30 p.m. Eastern (EST, UTC-5) = Wednesday Nov 25, 04:30 UTC = Tuesday 8:30 p.m. Pacific.
    private static readonly DateTimeOffset LateTuesdayEvening = new(2026, 11, 25, 4, 30, 0, TimeSpan.Zero);

    // Wednesday Nov 25, 2026, 10:15 p.m. Eastern = Thursday Nov 26, 03:15 UTC.
    private static readonly DateTimeOffset ShippedWednesdayNight = new(2026, 11, 26, 3, 15, 0, TimeSpan.Zero);

    private readonly SalesWorld _world = new(new Dictionary<string, string?>
    {
        ["SalesBot:Ordering:Lifecycle:AutoAdvance"] = "false",
        // Not the default (America/Los_Angeles, "Pacific"): the times must follow the setting, not a constant.
        ["SalesBot:SalesHours:TimeZone"] = "America/New_York",
        ["SalesBot:SalesHours:TimeZoneLabel"] = "Eastern",
        ["SalesBot:SalesHours:TimeZoneLabels:es"] = "hora del Este",
    });

    public OrderTimesTests() => _world.Clock.SetUtcNow(LateTuesdayEvening);

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task The_order_card_and_the_shipment_notice_show_their_times_in_the_sales_time_zone_from_the_settings()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 Yealink T54W", "checkout", "use it", "ground", "continue", "I agree");
        var order = await chat.LastOrderAsync() ?? throw new InvalidOperationException("No order was placed.");
        Assert.Equal(LateTuesdayEvening, order.PlacedAt);

        var status = (await chat.SayAsync($"status of {order.Number}")).AllText();

        Assert.Contains("- Placed: Nov 24, 2026\n", status + "\n");
        Assert.Contains("- Placed: Nov 24, 2026, 11:30 p.m. Eastern", status);
        Assert.DoesNotContain("Nov 25", status);
        Assert.DoesNotContain("4:30", status);
        Assert.DoesNotContain("UTC", status);

        var notice = await NoticeOfShipmentAsync(chat, order);
        Assert.Contains("- Shipped: Nov 25, 2026, 10:15 p.m. Eastern", notice);
        Assert.DoesNotContain("Nov 26", notice);
    }

    [Fact]
    public async Task A_spanish_customer_reads_the_order_times_in_spanish_in_the_sales_time_zone()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "es-US" };
        await chat.SayAllAsync("hola", "agrega 1 línea X2 y 1 Yealink T54W", "pagar", "usar esa tarjeta", "terrestre", "continuar", "acepto");
        var order = await chat.LastOrderAsync() ?? throw new InvalidOperationException("No order was placed.");

        var status = (await chat.SayAsync($"estado del pedido {order.Number}")).AllText();

        Assert.Contains("- Fecha del pedido: 24 de noviembre de 2026\n", status + "\n");
        Assert.Contains("- Recibido: 24 de noviembre de 2026, 11:30 p. m., hora del Este", status);
        Assert.DoesNotContain("25 de noviembre", status);
        Assert.DoesNotContain("UTC", status);

        var notice = await NoticeOfShipmentAsync(chat, order);
        Assert.Contains("- Enviado: 25 de noviembre de 2026, 10:15 p. m., hora del Este", notice);
        Assert.DoesNotContain("26 de noviembre", notice);
    }

    private static async Task<string> NoticeOfShipmentAsync(SalesConversation chat, Order order)
    {
        chat.Clock.SetUtcNow(ShippedWednesdayNight);
        await chat.Ordering.ApplyOrderEventAsync(order.Number, new OrderEvent("wms-late", OrderStatus.Shipped, ShippedWednesdayNight,
            [new("UPS", "1Z999", [new("YEA-T54W", 1)])]), "warehouse", default);
        var notice = JObject.FromObject(new OrderNotice("wms-late", order.Number, DemoUsers.Ava, OrderStatus.Shipped));
        return (await chat.EventWithValueAsync(OrderStatusReplies.OrderNoticeEvent, notice)).AllText();
    }
}
