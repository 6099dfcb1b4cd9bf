using System.Text.Json.Serialization;

namespace My8x8.SalesBot.Ordering;

/// <summary>Lines are billed monthly; equipment is a one-time charge and ships.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProductKind>))]
public enum ProductKind
{
    Line,
    Equipment,
}

[JsonConverter(typeof(JsonStringEnumConverter<ProductCategory>))]
public enum ProductCategory
{
    ServicePlan,
    DeskPhone,
    ConferencePhone,
    Headset,
}

/// <summary>
/// A catalog entry. <see cref="Price"/> is monthly for lines and one-time for equipment.
/// <see cref="RequiresLine"/> is true for devices that must be associated with a line before they ship.
/// <see cref="Keywords"/> are lower-case words and phrases the conversation can match ("yealink phone", "headset").
/// </summary>
public sealed record Product(
    string Sku,
    string Name,
    string Description,
    ProductKind Kind,
    ProductCategory Category,
    decimal Price,
    bool RequiresLine,
    IReadOnlyList<string> Keywords);

/// <summary>A way to ship equipment, with its price and delivery estimate in business days.</summary>
public sealed record ShippingMethod(string Code, string Name, decimal Price, int MinBusinessDays, int MaxBusinessDays);

/// <summary>A version of the Terms and Conditions; an order must carry the current <see cref="Version"/>.</summary>
public sealed record Terms(string Version, DateTimeOffset EffectiveAt, string Summary, string Text, Uri Url);
