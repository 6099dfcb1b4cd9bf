namespace My8x8.SalesBot.Ordering.Tests;

/// <summary>The order lifecycle, part of the contract every implementation keeps (embedded, HTTP, PostgreSQL).</summary>
public abstract partial class OrderingContractTests
{
    [SkippableFact]
    public async Task An_order_with_phones_moves_from_placed_to_delivered_on_the_schedule_under_a_fake_clock()
    {
        var order = await PlaceAsync(DemoUsers.Ava, ("X2-LINE", 1), ("YEA-T54W", 2), ("POLY-VVX250", 1));
        var schedule = Harness.Options.Lifecycle;
        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Equal([OrderStatus.Placed], order.History.Select(h => h.Status));

        Time.Advance(schedule.ProcessingAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await Harness.Embedded.AdvanceDueOrdersAsync(Ct));
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await Harness.Embedded.AdvanceDueOrdersAsync(Ct));
        Assert.Equal(OrderStatus.Processing, (await Ordering.GetOrderAsync(order.Number, Ct))!.Status);

        Time.Advance(schedule.ShippedAfter);
        await Harness.Embedded.AdvanceDueOrdersAsync(Ct);
        var shipped = (await Ordering.GetOrderAsync(order.Number, Ct))!;
        Assert.Equal(OrderStatus.Shipped, shipped.Status);
        // One package per device line, each with the carrier of the settings and its own tracking number.
        Assert.Equal(["POLY-VVX250", "YEA-T54W"], shipped.Shipments.SelectMany(p => p.Items).Select(i => i.Sku).Order());
        Assert.All(shipped.Shipments, p => Assert.Equal(schedule.Carrier, p.Carrier));
        Assert.Equal(2, shipped.Shipments.Select(p => p.TrackingNumber).Distinct().Count());
        Assert.Equal(2, shipped.Shipments.Single(p => p.Items[0].Sku == "YEA-T54W").Items[0].Quantity);

        Time.Advance(schedule.DeliveredAfter);
        await Harness.Embedded.AdvanceDueOrdersAsync(Ct);
        Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(0, await Harness.Embedded.AdvanceDueOrdersAsync(Ct));
        var delivered = (await Ordering.GetOrderAsync(order.Number, Ct))!;
        Assert.Equal([OrderStatus.Placed, OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered], delivered.History.Select(h => h.Status));
        Assert.Equal(delivered.History.Select(h => h.At).Order(), delivered.History.Select(h => h.At));
    }

    [SkippableFact]
    public async Task A_lines_only_order_becomes_active_and_never_ships()
    {
        var order = await PlaceAsync(DemoUsers.Ava, ("X4-LINE", 2));

        Time.Advance(Harness.Options.Lifecycle.ActiveAfter);
        await Harness.Embedded.AdvanceDueOrdersAsync(Ct);

        var active = (await Ordering.GetOrderAsync(order.Number, Ct))!;
        Assert.Equal([OrderStatus.Placed, OrderStatus.Active], active.History.Select(h => h.Status));
        Assert.Empty(active.Shipments);
        await RefusedAsync(OrderingError.IllegalStatusTransition, () => Ordering.ApplyOrderEventAsync(order.Number,
            new OrderEvent("ship-lines", OrderStatus.Shipped, Shipments: [new("UPS", "1Z1")]), "test", Ct));
    }

    [SkippableFact]
    public async Task A_fulfilment_event_applies_once_by_event_id_and_an_id_reused_for_something_else_is_refused()
    {
        var order = await PlaceAsync(DemoUsers.Ava, ("X2-LINE", 1), ("YEA-T54W", 1));
        var shipped = new OrderEvent("wms-771", OrderStatus.Shipped, Shipments: [new("FedEx", "7720 1234 5678", [new("YEA-T54W", 1)])]);

        var first = await Ordering.ApplyOrderEventAsync(order.Number, shipped, "warehouse", Ct);
        var retry = await Ordering.ApplyOrderEventAsync(order.Number, shipped, "warehouse", Ct);

        Assert.False(first.AlreadyApplied);
        Assert.True(retry.AlreadyApplied);
        Assert.Equal(("FedEx", "7720 1234 5678"), (retry.Order.Shipments.Single().Carrier, retry.Order.Shipments.Single().TrackingNumber));
        Assert.Single(retry.Order.History, h => h.Status == OrderStatus.Shipped);
        await RefusedAsync(OrderingError.OrderEventIdReused, () => Ordering.ApplyOrderEventAsync(order.Number, shipped with { Status = OrderStatus.Delivered, Shipments = null }, "warehouse", Ct));
    }

    [SkippableFact]
    public async Task Status_changes_off_the_lifecycle_are_refused_and_change_nothing()
    {
        var order = await PlaceAsync(DemoUsers.Ava, ("X2-LINE", 1), ("YEA-T54W", 1));
        await Ordering.ApplyOrderEventAsync(order.Number, new OrderEvent("d-1", OrderStatus.Delivered), "warehouse", Ct);

        await RefusedAsync(OrderingError.IllegalStatusTransition, () => Ordering.ApplyOrderEventAsync(order.Number, new OrderEvent("p-1", OrderStatus.Processing), "warehouse", Ct));
        await RefusedAsync(OrderingError.IllegalStatusTransition, () => Ordering.ApplyOrderEventAsync(order.Number, new OrderEvent("a-1", OrderStatus.Active), "warehouse", Ct));
        await RefusedAsync(OrderingError.OrderNotFound, () => Ordering.ApplyOrderEventAsync("SO-2026-00000", new OrderEvent("x-1", OrderStatus.Processing), "warehouse", Ct));

        var other = await PlaceAsync(DemoUsers.Ben, ("X2-LINE", 1), ("POLY-VVX250", 1));
        await RefusedAsync(OrderingError.InvalidRequest, () => Ordering.ApplyOrderEventAsync(other.Number, new OrderEvent("s-0", OrderStatus.Shipped), "warehouse", Ct));
        await RefusedAsync(OrderingError.InvalidRequest, () => Ordering.ApplyOrderEventAsync(other.Number,
            new OrderEvent("s-1", OrderStatus.Shipped, Shipments: [new("UPS", "1Z9", [new("YEA-T54W", 1)])]), "warehouse", Ct));
        await RefusedAsync(OrderingError.InvalidRequest, () => Ordering.ApplyOrderEventAsync(other.Number,
            new OrderEvent("s-2", OrderStatus.Shipped, Shipments: [new("UPS", "1Z9", [new("POLY-VVX250", 2)])]), "warehouse", Ct));
        await RefusedAsync(OrderingError.InvalidRequest, () => Ordering.ApplyOrderEventAsync(other.Number, new OrderEvent("", OrderStatus.Processing), "warehouse", Ct));
        Assert.Equal([OrderStatus.Placed], (await Ordering.GetOrderAsync(other.Number, Ct))!.History.Select(h => h.Status));
    }

    [SkippableFact]
    public async Task The_status_feed_lists_changes_in_the_order_they_were_recorded_with_their_shipments()
    {
        var start = (await Ordering.GetOrderEventsAsync(0, 1000, Ct)).Select(e => e.Sequence).DefaultIfEmpty(0).Max();
        var order = await PlaceAsync(DemoUsers.Ava, ("X2-LINE", 1), ("YEA-T54W", 1));
        await Ordering.ApplyOrderEventAsync(order.Number, new OrderEvent("e-ship", OrderStatus.Shipped, Shipments: [new("UPS", "1ZAA")]), "warehouse", Ct);
        await Ordering.ApplyOrderEventAsync(order.Number, new OrderEvent("e-done", OrderStatus.Delivered), "warehouse", Ct);

        var feed = await Ordering.GetOrderEventsAsync(start, 100, Ct);

        Assert.Equal([OrderStatus.Placed, OrderStatus.Shipped, OrderStatus.Delivered], feed.Select(e => e.Status));
        Assert.All(feed, e => Assert.Equal((order.Number, DemoUsers.Ava), (e.OrderNumber, e.UserId)));
        Assert.Equal("1ZAA", feed[1].Shipments.Single().TrackingNumber);
        Assert.Equal(feed.Select(e => e.Sequence).Order(), feed.Select(e => e.Sequence));
        Assert.Equal(feed.Skip(1).Select(e => e.EventId), (await Ordering.GetOrderEventsAsync(feed[0].Sequence, 100, Ct)).Select(e => e.EventId));
    }

    protected async Task<Order> PlaceAsync(string userId, params (string Sku, int Quantity)[] items)
    {
        var (cart, quote) = await ReadyAsync(userId, items);
        return await Ordering.PlaceOrderAsync(RequestFor(userId, cart, quote), NewKey(), Ct);
    }
}
