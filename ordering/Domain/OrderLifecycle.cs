namespace My8x8.SalesBot.Ordering.Domain;

/// <summary>
/// The order lifecycle rule, in one place and without I/O: which statuses an order passes through, which change is
/// allowed from where, what a shipment must say, and when the embedded schedule moves an order on. Both the
/// fulfilment events and the schedule go through <see cref="EnsureChange"/>; the services persist what it allows.
/// </summary>
internal static class OrderLifecycle
{
    private static readonly OrderStatus[] DevicePath = [OrderStatus.Placed, OrderStatus.Processing, OrderStatus.Shipped, OrderStatus.Delivered];
    private static readonly OrderStatus[] LinesPath = [OrderStatus.Placed, OrderStatus.Active];

    public const int MaxShipmentsPerEvent = 50;
    public const int MaxEventIdLength = 100;
    public const int MaxCarrierLength = 60;
    public const int MaxTrackingNumberLength = 64;

    /// <summary>An order of lines only ships nothing: it becomes active instead.</summary>
    public static bool IsLinesOnly(IEnumerable<LineItem> items) => items.All(i => i.Kind != ProductKind.Equipment);

    /// <summary>The statuses an order passes through, in order.</summary>
    public static IReadOnlyList<OrderStatus> PathOf(bool linesOnly) => linesOnly ? LinesPath : DevicePath;

    /// <summary>Whether the order has reached the end of its life (nothing further will happen to it).</summary>
    public static bool IsFinal(OrderStatus status, bool linesOnly) => PathOf(linesOnly)[^1] == status;

    /// <summary>The next status on the order's path, or null at the end.</summary>
    public static OrderStatus? Next(OrderStatus current, bool linesOnly)
    {
        var path = PathOf(linesOnly);
        var index = Array.IndexOf((OrderStatus[])path, current);
        return index >= 0 && index + 1 < path.Count ? path[index + 1] : null;
    }

    /// <summary>
    /// Checks a change from <paramref name="current"/> to <paramref name="to"/>: forward along the order's path
    /// (a fulfilment system may skip a step it does not report, such as processing), or another package of an order
    /// already shipped; shipments only with "shipped", and "shipped" only with at least one, each naming devices of
    /// this order at most as many as were ordered. Refused changes throw with the statuses involved.
    /// </summary>
    public static void EnsureChange(OrderStatus current, OrderStatus to, bool linesOnly, IReadOnlyList<OrderEventShipment>? shipments, IReadOnlyList<LineItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var path = PathOf(linesOnly);
        var from = Array.IndexOf((OrderStatus[])path, current);
        var target = Array.IndexOf((OrderStatus[])path, to);
        var anotherPackage = current == OrderStatus.Shipped && to == OrderStatus.Shipped;
        if (target < 0 || (target <= from && !anotherPackage))
        {
            throw ShoppingCart.Refuse(OrderingError.IllegalStatusTransition, ("from", current.ToString()), ("to", to.ToString()),
                ("allowed", string.Join(", ", Allowed(current, linesOnly))));
        }

        var count = shipments?.Count ?? 0;
        if (to != OrderStatus.Shipped && count > 0)
        {
            throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", "shipments are reported only with the status Shipped"));
        }

        if (to == OrderStatus.Shipped)
        {
            if (count == 0)
            {
                throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", "a Shipped event needs at least one shipment with a carrier and a tracking number"));
            }

            if (count > MaxShipmentsPerEvent)
            {
                throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", $"an event can carry at most {MaxShipmentsPerEvent} shipments"));
            }

            foreach (var shipment in shipments!)
            {
                EnsureShipment(shipment, items);
            }
        }
    }

    /// <summary>The statuses an order may move to from <paramref name="current"/>.</summary>
    public static IEnumerable<OrderStatus> Allowed(OrderStatus current, bool linesOnly)
    {
        var path = PathOf(linesOnly);
        var from = Array.IndexOf((OrderStatus[])path, current);
        return path.Where((status, index) => index > from || (status == OrderStatus.Shipped && current == OrderStatus.Shipped));
    }

    /// <summary>The devices of a shipment as stored: its items, or every device of the order when it names none.</summary>
    public static IReadOnlyList<ShipmentItem> ItemsOf(OrderEventShipment shipment, IReadOnlyList<LineItem> items)
    {
        ArgumentNullException.ThrowIfNull(shipment);
        return shipment.Items is { Count: > 0 } named
            ? [.. named.Select(i => new ShipmentItem(i.Sku, items.First(o => o.Sku == i.Sku).Name, i.Quantity))]
            : [.. items.Where(i => i.Kind == ProductKind.Equipment).Select(i => new ShipmentItem(i.Sku, i.Name, i.Quantity))];
    }

    /// <summary>
    /// The change the embedded schedule makes now, or null when the order is not due: each step waits its delay
    /// after the order's last change.
    /// </summary>
    public static OrderStatus? DueChange(OrderStatus current, bool linesOnly, DateTimeOffset lastChangeAt, DateTimeOffset now, OrderLifecycleOptions schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (Next(current, linesOnly) is not { } next)
        {
            return null;
        }

        var wait = next switch
        {
            OrderStatus.Processing => schedule.ProcessingAfter,
            OrderStatus.Shipped => schedule.ShippedAfter,
            OrderStatus.Delivered => schedule.DeliveredAfter,
            _ => schedule.ActiveAfter,
        };
        return lastChangeAt + wait <= now ? next : null;
    }

    private static void EnsureShipment(OrderEventShipment shipment, IReadOnlyList<LineItem> items)
    {
        if (shipment is null || string.IsNullOrWhiteSpace(shipment.Carrier) || string.IsNullOrWhiteSpace(shipment.TrackingNumber))
        {
            throw ShoppingCart.Refuse(OrderingError.InvalidRequest, ("problem", "every shipment needs a carrier and a tracking number"));
        }

        if (shipment.Carrier.Length > MaxCarrierLength || shipment.TrackingNumber.Length > MaxTrackingNumberLength)
        {
            throw ShoppingCart.Refuse(OrderingError.InvalidRequest,
                ("problem", $"a carrier has at most {MaxCarrierLength} characters and a tracking number at most {MaxTrackingNumberLength}"));
        }

        foreach (var item in shipment.Items ?? [])
        {
            var line = items.FirstOrDefault(i => i.Sku == item?.Sku && i.Kind == ProductKind.Equipment);
            if (item is null || line is null || item.Quantity < 1 || item.Quantity > line.Quantity)
            {
                throw ShoppingCart.Refuse(OrderingError.InvalidRequest,
                    ("problem", $"shipment item '{item?.Sku}' is not a device of this order in a quantity from 1 to the quantity ordered"));
            }
        }
    }
}
