using System.Text.Json.Serialization;

namespace My8x8.SalesBot.Ordering;

/// <summary>
/// Where an order is in its life. Orders with equipment: placed → processing → shipped → delivered. Orders of lines
/// only: placed → active. <see cref="Domain.OrderLifecycle"/> holds the rule.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<OrderStatus>))]
public enum OrderStatus
{
    Placed,
    Processing,
    Shipped,
    Delivered,
    Active,
}

/// <summary>One change of an order's status: when, which event made it, and who sent it ("ordering", "schedule", or the fulfilment caller's name).</summary>
public sealed record OrderStatusChange(OrderStatus Status, DateTimeOffset At, string EventId, string Source);

/// <summary>A package on its way: the carrier, its tracking number and the devices in it.</summary>
public sealed record Shipment(string Carrier, string TrackingNumber, DateTimeOffset ShippedAt, IReadOnlyList<ShipmentItem> Items);

/// <summary>Devices of one order line in a package.</summary>
public sealed record ShipmentItem(string Sku, string Name, int Quantity);

/// <summary>
/// A status change a fulfilment system reports for an order, idempotent by <see cref="EventId"/>: the same id with
/// the same content is accepted again without a second effect; the same id with other content is refused.
/// <see cref="Shipments"/> go with <see cref="OrderStatus.Shipped"/> only (each package with its devices; no items
/// means every device of the order). <see cref="OccurredAt"/> null means now.
/// </summary>
public sealed record OrderEvent(string EventId, OrderStatus Status, DateTimeOffset? OccurredAt = null, IReadOnlyList<OrderEventShipment>? Shipments = null);

/// <summary>A package in an <see cref="OrderEvent"/>.</summary>
public sealed record OrderEventShipment(string Carrier, string TrackingNumber, IReadOnlyList<OrderEventShipmentItem>? Items = null);

/// <summary>Devices of one order line in an <see cref="OrderEventShipment"/>.</summary>
public sealed record OrderEventShipmentItem(string Sku, int Quantity);

/// <summary>The order after an event, and whether the event had been applied before (a retry).</summary>
public sealed record OrderEventResult(Order Order, bool AlreadyApplied);

/// <summary>
/// One entry of the order status feed, in the order the changes were recorded (<see cref="Sequence"/> grows), so a
/// reader (the bot's shipment notices) can follow it from where it stopped.
/// </summary>
public sealed record OrderStatusEvent(long Sequence, string EventId, string OrderNumber, string UserId, OrderStatus Status, DateTimeOffset At, IReadOnlyList<Shipment> Shipments);
