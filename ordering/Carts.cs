using System.Text.Json.Serialization;

namespace My8x8.SalesBot.Ordering;

[JsonConverter(typeof(JsonStringEnumConverter<CartStatus>))]
public enum CartStatus
{
    Open,
    Ordered,
    Expired,
}

/// <summary>A cart, quote or order line; prices always come from the catalog.</summary>
public sealed record LineItem(string Sku, string Name, ProductKind Kind, ProductCategory Category, int Quantity, decimal UnitPrice, decimal LineTotal);

/// <summary>
/// The limits in force (from <see cref="OrderingOptions"/>), for the conversation to tell the customer:
/// <see cref="MaxQuantityPerItem"/> is the most one cart line may hold. The self-service limits apply to every cart a
/// customer builds alone; <see cref="MaxLinesPerAssistedOrder"/> and <see cref="MaxDevicesPerAssistedOrder"/> to a cart
/// a sales agent prepared (<see cref="Cart.AssistedBy"/>).
/// </summary>
public sealed record CartLimits(int MaxLinesPerOrder, int MaxDevicesPerOrder, int SalesAssistAboveLines, int MaxQuantityPerItem,
    int MaxLinesPerAssistedOrder, int MaxDevicesPerAssistedOrder);

/// <summary>The sales agent who prepared a cart or assisted on an order: the agent console's id and display name.</summary>
public sealed record AssistingAgent(string Id, string Name);

/// <summary>One product and its quantity in the contents an agent sets (0 leaves the product out).</summary>
public sealed record CartItemQuantity(string Sku, int Quantity);

/// <summary>
/// What a sales agent sets for a customer's cart: the agent (only a caller that authenticated the agent may send
/// this: the agent console, or a REST key with the <c>SalesAssisted</c> scope) and the cart's whole contents.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AssistedCartRequest(AssistingAgent Agent, IReadOnlyList<CartItemQuantity> Items);

/// <summary>A rule the cart currently breaks; quoting and ordering are refused while any is present.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CartProblemCode>))]
public enum CartProblemCode
{
    TooManyLines,
    TooManyDevices,
    DevicesExceedAvailableLines,
}

/// <summary>
/// A broken cart rule with the numbers behind it: <see cref="Actual"/> versus <see cref="Allowed"/> (lines, devices,
/// or devices needing a line versus lines available). The conversation words it; the service only states it.
/// </summary>
public sealed record CartProblem(CartProblemCode Code, int Actual, int Allowed);

/// <summary>How far a cart is from checkout, decided by the ordering rules: the first thing still in the way.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CheckoutReadiness>))]
public enum CheckoutReadiness
{
    /// <summary>Nothing in the cart.</summary>
    Empty,

    /// <summary>The cart breaks a rule (see <see cref="Cart.Problems"/>): no checkout until it is fixed.</summary>
    BreaksRules,

    /// <summary>Checkout may start; the equipment still needs a shipping method before a quote.</summary>
    NeedsShippingMethod,

    /// <summary>Ready to quote and order.</summary>
    Ready,
}

/// <summary>
/// A user's server-side cart. <see cref="Version"/> changes with every change to the contents or the shipping
/// method, which invalidates earlier quotes. <see cref="DeviceCount"/> counts all equipment (limit and shipping);
/// <see cref="DevicesNeedingLine"/> counts devices that must be associated with a line, which may not exceed
/// <see cref="LinesAvailableForDevices"/> (lines on the account without a device plus new lines in this cart).
/// Everything here is computed by the ordering rules (<c>ordering/Domain/ShoppingCart.cs</c>); readers never recompute it.
/// <see cref="AssistedBy"/> names the sales agent who prepared the cart while it is held to the sales-assisted limits.
/// </summary>
public sealed record Cart(
    string Id,
    string UserId,
    CartStatus Status,
    int Version,
    IReadOnlyList<LineItem> Items,
    int LineCount,
    int DeviceCount,
    int DevicesNeedingLine,
    int LinesWithoutDevice,
    int LinesAvailableForDevices,
    decimal OneTimeSubtotal,
    decimal MonthlySubtotal,
    string? ShippingMethodCode,
    CartLimits Limits,
    bool SalesAssistSuggested,
    IReadOnlyList<CartProblem> Problems,
    bool NeedsShipping,
    CheckoutReadiness Readiness,
    DateTimeOffset UpdatedAt,
    DateTimeOffset ExpiresAt,
    AssistingAgent? AssistedBy = null)
{
    public bool IsEmpty => Items.Count == 0;

    /// <summary>Checkout may begin: the cart is not empty and breaks no rule (the shipping method is chosen in checkout).</summary>
    public bool CheckoutMayStart => Readiness is CheckoutReadiness.NeedsShippingMethod or CheckoutReadiness.Ready;
}
