using System.Text.Json.Serialization;

namespace My8x8.SalesBot.Ordering;

/// <summary>A payment card on file: only a reference, brand, last four digits and expiry — never a number or CVC.</summary>
public sealed record PaymentCard(string Id, string Brand, string Last4, int ExpiryMonth, int ExpiryYear, DateTimeOffset AddedAt, bool IsValid);

/// <summary>A one-time link to the hosted card page.</summary>
public sealed record CardSetupLink(Uri Url, DateTimeOffset ExpiresAt);

/// <summary>
/// A price quote tied to one version of a cart. <see cref="Total"/> is the initial charge: one-time equipment,
/// the first month of service, shipping and tax. <see cref="MonthlyTotal"/> is the recurring charge with its tax.
/// <see cref="Charges"/> lists those amounts as the lines the customer sees, each total the sum of its lines.
/// When <see cref="CardPaysInitialChargeOnly"/> is true (invoice or ACH payers) the card pays only this initial
/// charge and later charges go to the unchanged default payment method; tell the customer before they agree.
/// </summary>
public sealed record Quote(
    string Id,
    string CartId,
    int CartVersion,
    IReadOnlyList<LineItem> Items,
    decimal OneTimeSubtotal,
    decimal MonthlySubtotal,
    ShippingMethod? Shipping,
    decimal ShippingPrice,
    string ShipToState,
    decimal TaxRate,
    decimal Tax,
    decimal Total,
    decimal MonthlyTotal,
    PaymentMethod DefaultPaymentMethod,
    PaymentCard? Card,
    bool CardPaysInitialChargeOnly,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    PriceBreakdown Charges);

/// <summary>
/// Everything needed to place an order. <see cref="CardId"/> null means the account's most recently added valid card.
/// <see cref="AcceptedAt"/> is when <see cref="UserId"/> agreed to <see cref="TermsVersion"/>. Who assisted is never
/// part of it (it comes from the cart), so the REST API refuses a body that names anything it does not know.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlaceOrderRequest(
    string UserId,
    string CartId,
    string QuoteId,
    string? CardId,
    string TermsVersion,
    DateTimeOffset AcceptedAt);

/// <summary>How the order is paid: the card charged, and whether it pays only the initial charge.</summary>
public sealed record OrderPayment(string CardId, string Brand, string Last4, PaymentMethod DefaultPaymentMethod, bool CardPaysInitialChargeOnly);

/// <summary>
/// A placed order with a human-friendly <see cref="Number"/> such as "SO-2026-48213". <see cref="Charges"/> are the
/// lines of its quote, as the customer saw them before agreeing. <see cref="Status"/> is where it is now,
/// <see cref="History"/> every status it has had (oldest first) and <see cref="Shipments"/> its packages with tracking.
/// <see cref="AssistedBy"/> is the sales agent who
/// prepared its cart (null for self service); the customer still agreed and bought it themselves.
/// </summary>
public sealed record Order(
    string Number,
    string UserId,
    string AccountId,
    DateTimeOffset PlacedAt,
    IReadOnlyList<LineItem> Items,
    ShippingMethod? Shipping,
    Address ShipTo,
    decimal OneTimeSubtotal,
    decimal MonthlySubtotal,
    decimal ShippingPrice,
    decimal TaxRate,
    decimal Tax,
    decimal Total,
    decimal MonthlyTotal,
    OrderPayment Payment,
    string TermsVersion,
    DateTimeOffset TermsAcceptedAt,
    string TermsAcceptedBy,
    string QuoteId,
    string CartId,
    PriceBreakdown Charges,
    OrderStatus Status,
    IReadOnlyList<OrderStatusChange> History,
    IReadOnlyList<Shipment> Shipments,
    AssistingAgent? AssistedBy = null);
