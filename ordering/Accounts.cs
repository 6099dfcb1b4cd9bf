using System.Text.Json.Serialization;

namespace My8x8.SalesBot.Ordering;

/// <summary>Portal profile of a user; only the three Customer Community ordering profiles may order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UserProfile>))]
public enum UserProfile
{
    CustomerCommunityQtcAdmin,
    CustomerCommunityOrdering,
    CustomerCommunityBillingAndOrdering,
    CustomerCommunityBilling,
    EndUser,
}

/// <summary>The 8x8 product family an account is on.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProductFamily>))]
public enum ProductFamily
{
    XSeries,
    Editions,
    Express,
}

/// <summary>How an account pays its bills by default.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentMethod>))]
public enum PaymentMethod
{
    Invoice,
    Ach,
    CreditCard,
    Check,
}

/// <summary>A postal address; <see cref="State"/> is the US state code that selects the tax rate.</summary>
public sealed record Address(string Name, string Street, string City, string State, string PostalCode, string Country);

/// <summary>The customer account a user belongs to, with the facts the ordering rules use.</summary>
public sealed record Account(
    string Id,
    string Name,
    ProductFamily ProductFamily,
    string Country,
    bool IsWholesale,
    PaymentMethod DefaultPaymentMethod,
    int Lines,
    int LinesWithDevice,
    Address ShipTo)
{
    /// <summary>Lines on the account that have no device yet (each can take one new phone).</summary>
    public int LinesWithoutDevice => Lines - LinesWithDevice;
}

/// <summary>A portal user and their account. Teams users are matched by Entra ID tenant and object id.</summary>
public sealed record OrderingUser(
    string Id,
    string DisplayName,
    string Email,
    UserProfile Profile,
    string? AadTenantId,
    string? AadObjectId,
    Account Account);

/// <summary>Why a user may not order through self service.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EligibilityReason>))]
public enum EligibilityReason
{
    UnknownUser,
    WrongProfile,
    /// <summary>8x8 Express accounts add licenses in Manager Express instead.</summary>
    Express,
    NotUnitedStates,
    Wholesale,
    UnsupportedPaymentMethod,
}

/// <summary>Account facts the conversation needs once a user is known.</summary>
public sealed record EligibilityFacts(
    UserProfile Profile,
    ProductFamily ProductFamily,
    string Country,
    bool IsWholesale,
    PaymentMethod DefaultPaymentMethod,
    int LinesOnAccount,
    int LinesWithoutDevice,
    bool HasValidCard,
    int ValidCardCount);

/// <summary>
/// Result of the self-service eligibility check. <see cref="Reason"/> is the first failed rule
/// (null when eligible); <see cref="Reasons"/> lists every failed rule. The conversation words the reason.
/// </summary>
public sealed record EligibilityResult(
    string UserId,
    bool IsEligible,
    EligibilityReason? Reason,
    IReadOnlyList<EligibilityReason> Reasons,
    EligibilityFacts? Facts);
