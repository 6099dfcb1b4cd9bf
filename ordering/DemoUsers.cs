namespace My8x8.SalesBot.Ordering;

/// <summary>A seeded demo user and the case it demonstrates.</summary>
public sealed record DemoUser(string Id, string DisplayName, string Demonstrates);

/// <summary>The demo users the embedded ordering service is seeded with; together they cover every eligibility case.</summary>
public static class DemoUsers
{
    public const string Ava = "ava.ordering";
    public const string Ben = "ben.qtc";
    public const string Cara = "cara.billing";
    public const string Dan = "dan.enduser";
    public const string Erin = "erin.wholesale";
    public const string Felix = "felix.canada";
    public const string Grace = "grace.uk";
    public const string Hugo = "hugo.express";
    public const string Ivy = "ivy.nocard";
    public const string Jack = "jack.expired";
    public const string Kim = "kim.manycards";
    public const string Leo = "leo.check";

    public static IReadOnlyList<DemoUser> All { get; } =
    [
        new(Ava, "Ava Martinez", "Happy path: Customer Community Ordering profile, X Series, pays by credit card, one valid Visa ending 4242, 3 lines without a device (ships to CA)."),
        new(Ben, "Ben Okafor", "Customer Community QTC Admin, Editions, pays by invoice: the card pays only the initial charge (ships to TX)."),
        new(Cara, "Cara Lindqvist", "Customer Community Billing and Ordering, pays by ACH; every line already has a device, so phones need new lines (ships to NY)."),
        new(Dan, "Dan Whitaker", "Plain end user profile: not eligible (WrongProfile)."),
        new(Erin, "Erin Castillo", "Wholesale account: not eligible (Wholesale)."),
        new(Felix, "Felix Tremblay", "Account in Canada: not eligible (NotUnitedStates)."),
        new(Grace, "Grace Pemberton", "Account in the United Kingdom: not eligible (NotUnitedStates)."),
        new(Hugo, "Hugo Brandt", "8x8 Express account: pointed to Manager Express (Express)."),
        new(Ivy, "Ivy Chen", "Eligible credit-card payer with no card on file: must add one on the hosted card page (ships to WA)."),
        new(Jack, "Jack Duarte", "Eligible, but the only card on file has expired: must add a new one (ships to FL)."),
        new(Kim, "Kim Nakamura", "Several cards: a valid Visa, a valid Mastercard and an expired Amex (ships to CO)."),
        new(Leo, "Leo Fischer", "Account that pays by check: not eligible (UnsupportedPaymentMethod)."),
    ];
}
