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
    IReadOnlyList<string> Keywords)
{
    /// <summary>
    /// What a line plan includes, in the catalog's order, so plans can be compared and recommended from the catalog
    /// itself; empty for equipment.
    /// </summary>
    public IReadOnlyList<PlanFeature> Features { get; init; } = [];

    /// <summary>Whether this plan includes the feature with <paramref name="code"/> (see <see cref="PlanFeatureCodes"/>).</summary>
    public bool Includes(string code) => Features.Any(f => f.Included && string.Equals(f.Code, code, StringComparison.Ordinal));
}

/// <summary>
/// One row of a plan comparison: a stable <see cref="Code"/> (see <see cref="PlanFeatureCodes"/>), the customer-facing
/// <see cref="Name"/> ("International calling"), whether the plan <see cref="Included"/> it and how, in words
/// (<see cref="Value"/>: "Unlimited to 48 countries", "Not included").
/// </summary>
public sealed record PlanFeature(string Code, string Name, bool Included, string Value);

/// <summary>
/// The feature codes the plan advisor asks about. Other codes may appear in the catalog (they are compared, not
/// asked about).
/// </summary>
public static class PlanFeatureCodes
{
    public const string InternationalCalling = "international-calling";
    public const string VideoMeetings = "video-meetings";
    public const string ContactCenter = "contact-center";
}

/// <summary>A way to ship equipment, with its price and delivery estimate in business days.</summary>
public sealed record ShippingMethod(string Code, string Name, decimal Price, int MinBusinessDays, int MaxBusinessDays);

/// <summary>A version of the Terms and Conditions; an order must carry the current <see cref="Version"/>.</summary>
/// <summary>
/// The Terms and Conditions of sale as the ordering service holds them. <c>Language</c> is the language of the legal
/// text (an IETF tag; the service holds one version, in English): the conversation shows that text as it is, and says
/// so when the customer reads another language.
/// </summary>
public sealed record Terms(string Version, DateTimeOffset EffectiveAt, string Summary, string Text, Uri Url, string Language = "en");
