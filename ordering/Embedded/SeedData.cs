using System.Globalization;

namespace My8x8.SalesBot.Ordering.Embedded;

/// <summary>First-run data of the embedded service: catalog, shipping, tax rates, terms, demo accounts and users.</summary>
internal static class SeedData
{
    internal sealed record SeedProduct(string Sku, ProductKind Kind, ProductCategory Category, string Name, string Description, long PriceCents, bool RequiresLine, string Keywords);

    internal sealed record SeedPlanFeature(string Sku, string Code, string Name, bool Included, string Value);

    internal sealed record SeedAccount(string Id, string Name, ProductFamily Family, string Country, bool Wholesale, PaymentMethod Payment, int Lines, int LinesWithDevice, Address ShipTo, string TenantId);

    internal sealed record SeedUser(string Id, string AccountId, string Email, UserProfile Profile, string AadObjectId);

    internal sealed record SeedCard(string Id, string AccountId, string Brand, string Last4, int ExpiryMonth, int ExpiryYear);

    internal sealed record SeedTerms(string Version, DateTimeOffset EffectiveAt, string Summary, string Text);

    public static IReadOnlyList<SeedProduct> Products { get; } =
    [
        new("X2-LINE", ProductKind.Line, ProductCategory.ServicePlan, "X2 line", "Unlimited calling in the US and Canada, business SMS, voicemail and team chat.", 2400, false, "line,lines,license,licence,seat,user,x2,x series x2,basic"),
        new("X4-LINE", ProductKind.Line, ProductCategory.ServicePlan, "X4 line", "Everything in X2 plus unlimited calling to 48 countries, video meetings for 500 and analytics.", 4400, false, "line,lines,license,licence,seat,user,x4,x series x4,international"),
        new("X6-LINE", ProductKind.Line, ProductCategory.ServicePlan, "X6 line", "Everything in X4 plus contact-center queues, supervisor tools and speech analytics.", 8500, false, "line,lines,license,licence,seat,user,x6,x series x6,contact center"),
        new("POLY-VVX250", ProductKind.Equipment, ProductCategory.DeskPhone, "Poly VVX 250", "Four-line desk phone with color display and HD voice.", 12900, true, "phone,desk phone,poly,polycom,vvx,vvx 250,poly phone,basic phone"),
        new("POLY-VVX450", ProductKind.Equipment, ProductCategory.DeskPhone, "Poly VVX 450", "Twelve-line desk phone with large color display for busy desks.", 22900, true, "phone,desk phone,poly,polycom,vvx,vvx 450,poly phone"),
        new("YEA-T54W", ProductKind.Equipment, ProductCategory.DeskPhone, "Yealink T54W", "Desk phone with tilting color screen, built-in Bluetooth and Wi-Fi.", 19900, true, "phone,desk phone,yealink,yealink phone,t54w,wireless,wifi,bluetooth"),
        new("YEA-T57W", ProductKind.Equipment, ProductCategory.DeskPhone, "Yealink T57W", "Executive desk phone with 7-inch touch screen, Bluetooth and Wi-Fi.", 25900, true, "phone,desk phone,yealink,yealink phone,t57w,touch screen,touchscreen,executive,wireless,wifi"),
        new("POLY-TRIO-C60", ProductKind.Equipment, ProductCategory.ConferencePhone, "Poly Trio C60", "Conference phone for meeting rooms up to 12 people.", 94900, true, "conference phone,conference,speakerphone,meeting room,poly,trio,c60"),
        new("JABRA-EVOLVE2-65", ProductKind.Equipment, ProductCategory.Headset, "Jabra Evolve2 65", "Wireless stereo headset with noise-cancelling microphone; pairs with a computer or phone, needs no line.", 19900, false, "headset,headphones,jabra,evolve,wireless headset,bluetooth"),
    ];

    /// <summary>
    /// What each line plan includes, row by row as a comparison lists them; the plan advisor asks about the codes in
    /// <see cref="PlanFeatureCodes"/>. Every plan carries every row, so a comparison never has a hole.
    /// </summary>
    public static IReadOnlyList<SeedPlanFeature> PlanFeatures { get; } =
    [
        .. Plan("X2-LINE", international: false, video: false, analytics: false, contactCenter: false),
        .. Plan("X4-LINE", international: true, video: true, analytics: true, contactCenter: false),
        .. Plan("X6-LINE", international: true, video: true, analytics: true, contactCenter: true),
    ];

    private static IEnumerable<SeedPlanFeature> Plan(string sku, bool international, bool video, bool analytics, bool contactCenter)
    {
        const string Included = "Included";
        const string NotIncluded = "Not included";
        yield return new(sku, "us-canada-calling", "Calling in the US and Canada", true, "Unlimited");
        yield return new(sku, "business-sms", "Business SMS and voicemail", true, Included);
        yield return new(sku, "team-chat", "Team chat", true, Included);
        yield return new(sku, PlanFeatureCodes.InternationalCalling, "International calling", international, international ? "Unlimited to 48 countries" : NotIncluded);
        yield return new(sku, PlanFeatureCodes.VideoMeetings, "Video meetings", video, video ? "Up to 500 participants" : NotIncluded);
        yield return new(sku, "analytics", "Call analytics", analytics, analytics ? Included : NotIncluded);
        yield return new(sku, PlanFeatureCodes.ContactCenter, "Contact-center queues", contactCenter, contactCenter ? Included : NotIncluded);
        yield return new(sku, "supervisor-tools", "Supervisor tools", contactCenter, contactCenter ? Included : NotIncluded);
        yield return new(sku, "speech-analytics", "Speech analytics", contactCenter, contactCenter ? Included : NotIncluded);
    }

    public static IReadOnlyList<ShippingMethod> ShippingMethods { get; } =
    [
        new("ground", "Ground", 9.95m, 5, 7),
        new("two-day", "Two-day", 19.95m, 2, 2),
        new("overnight", "Overnight", 39.95m, 1, 1),
    ];

    /// <summary>Sales tax by ship-to state in basis points (725 = 7.25%); states not listed are charged no tax.</summary>
    public static IReadOnlyDictionary<string, int> TaxRates { get; } = new Dictionary<string, int>
    {
        ["CA"] = 725, ["TX"] = 625, ["NY"] = 400, ["WA"] = 650, ["FL"] = 600, ["CO"] = 290,
        ["IL"] = 625, ["MA"] = 625, ["GA"] = 400, ["NJ"] = 663, ["OR"] = 0, ["DE"] = 0,
    };

    public static IReadOnlyList<SeedTerms> Terms { get; } =
    [
        new("2025-01", new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
            "Earlier self-service ordering terms (superseded).",
            "These terms were replaced by version 2025-11."),
        new("2025-11", new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero),
            "New lines are billed monthly from activation under your existing agreement; equipment is a one-time charge, ships to the address on file and may be returned unused within 30 days.",
            """
            8x8 Self-Service Ordering Terms, version 2025-11.
            1. New lines of service are added to your existing 8x8 agreement and billed monthly from activation.
            2. Equipment is a one-time charge. It ships to the address on file and is associated with your account before shipping.
            3. Unused equipment in its original packaging may be returned within 30 days of delivery for a refund.
            4. When your default payment method is invoice or ACH, the card you choose pays only this order's initial charge; later charges go to your default payment method, which does not change.
            5. Prices exclude taxes and fees unless shown; taxes are calculated for the ship-to address.
            """),
    ];

    public static IReadOnlyList<SeedAccount> Accounts { get; } =
    [
        new("acct-acme", "Acme Dental", ProductFamily.XSeries, "US", false, PaymentMethod.CreditCard, 8, 5,
            new("Acme Dental", "100 Market St", "San Jose", "CA", "95113", "US"), "0f6b2c1a-0001-4a5e-9d1e-acde00000001"),
        new("acct-birch", "Birch Logistics", ProductFamily.Editions, "US", false, PaymentMethod.Invoice, 20, 12,
            new("Birch Logistics", "2200 Commerce St", "Dallas", "TX", "75201", "US"), "0f6b2c1a-0002-4a5e-9d1e-acde00000002"),
        new("acct-cobalt", "Cobalt Legal", ProductFamily.XSeries, "US", false, PaymentMethod.Ach, 4, 4,
            new("Cobalt Legal", "350 5th Ave", "New York", "NY", "10118", "US"), "0f6b2c1a-0003-4a5e-9d1e-acde00000003"),
        new("acct-fjord", "Fjord Telecom Partners", ProductFamily.XSeries, "US", true, PaymentMethod.Invoice, 120, 80,
            new("Fjord Telecom Partners", "1 Harbor Way", "Boston", "MA", "02110", "US"), "0f6b2c1a-0004-4a5e-9d1e-acde00000004"),
        new("acct-maple", "Maple Leaf Clinics", ProductFamily.XSeries, "CA", false, PaymentMethod.CreditCard, 6, 2,
            new("Maple Leaf Clinics", "200 Bay St", "Toronto", "ON", "M5J 2J2", "CA"), "0f6b2c1a-0005-4a5e-9d1e-acde00000005"),
        new("acct-thames", "Thames Design Ltd", ProductFamily.XSeries, "GB", false, PaymentMethod.Invoice, 10, 10,
            new("Thames Design Ltd", "30 South Bank", "London", "LDN", "SE1 9PX", "GB"), "0f6b2c1a-0006-4a5e-9d1e-acde00000006"),
        new("acct-kite", "Kite Coffee", ProductFamily.Express, "US", false, PaymentMethod.CreditCard, 3, 1,
            new("Kite Coffee", "45 Pine St", "Portland", "OR", "97204", "US"), "0f6b2c1a-0007-4a5e-9d1e-acde00000007"),
        new("acct-dune", "Dune Realty", ProductFamily.XSeries, "US", false, PaymentMethod.CreditCard, 3, 1,
            new("Dune Realty", "900 Pike St", "Seattle", "WA", "98101", "US"), "0f6b2c1a-0008-4a5e-9d1e-acde00000008"),
        new("acct-ember", "Ember Bakery", ProductFamily.Editions, "US", false, PaymentMethod.CreditCard, 2, 0,
            new("Ember Bakery", "12 Ocean Dr", "Miami", "FL", "33139", "US"), "0f6b2c1a-0009-4a5e-9d1e-acde00000009"),
        new("acct-orchid", "Orchid Studios", ProductFamily.Editions, "US", false, PaymentMethod.CreditCard, 5, 3,
            new("Orchid Studios", "1600 Champa St", "Denver", "CO", "80202", "US"), "0f6b2c1a-0010-4a5e-9d1e-acde00000010"),
        new("acct-gulf", "Gulf Marine Supply", ProductFamily.XSeries, "US", false, PaymentMethod.Check, 7, 3,
            new("Gulf Marine Supply", "77 Harbor Blvd", "Houston", "TX", "77002", "US"), "0f6b2c1a-0011-4a5e-9d1e-acde00000011"),
    ];

    public static IReadOnlyList<SeedUser> Users { get; } =
    [
        new(DemoUsers.Ava, "acct-acme", "ava@acmedental.example", UserProfile.CustomerCommunityOrdering, "a1a1a1a1-0000-4000-8000-000000000001"),
        new(DemoUsers.Ben, "acct-birch", "ben@birchlogistics.example", UserProfile.CustomerCommunityQtcAdmin, "a1a1a1a1-0000-4000-8000-000000000002"),
        new(DemoUsers.Cara, "acct-cobalt", "cara@cobaltlegal.example", UserProfile.CustomerCommunityBillingAndOrdering, "a1a1a1a1-0000-4000-8000-000000000003"),
        new(DemoUsers.Dan, "acct-acme", "dan@acmedental.example", UserProfile.EndUser, "a1a1a1a1-0000-4000-8000-000000000004"),
        new(DemoUsers.Erin, "acct-fjord", "erin@fjordtelecom.example", UserProfile.CustomerCommunityOrdering, "a1a1a1a1-0000-4000-8000-000000000005"),
        new(DemoUsers.Felix, "acct-maple", "felix@mapleleafclinics.example", UserProfile.CustomerCommunityOrdering, "a1a1a1a1-0000-4000-8000-000000000006"),
        new(DemoUsers.Grace, "acct-thames", "grace@thamesdesign.example", UserProfile.CustomerCommunityQtcAdmin, "a1a1a1a1-0000-4000-8000-000000000007"),
        new(DemoUsers.Hugo, "acct-kite", "hugo@kitecoffee.example", UserProfile.CustomerCommunityOrdering, "a1a1a1a1-0000-4000-8000-000000000008"),
        new(DemoUsers.Ivy, "acct-dune", "ivy@dunerealty.example", UserProfile.CustomerCommunityOrdering, "a1a1a1a1-0000-4000-8000-000000000009"),
        new(DemoUsers.Jack, "acct-ember", "jack@emberbakery.example", UserProfile.CustomerCommunityBillingAndOrdering, "a1a1a1a1-0000-4000-8000-000000000010"),
        new(DemoUsers.Kim, "acct-orchid", "kim@orchidstudios.example", UserProfile.CustomerCommunityQtcAdmin, "a1a1a1a1-0000-4000-8000-000000000011"),
        new(DemoUsers.Leo, "acct-gulf", "leo@gulfmarine.example", UserProfile.CustomerCommunityOrdering, "a1a1a1a1-0000-4000-8000-000000000012"),
    ];

    /// <summary>
    /// Users for load tests only ("load-001", …): eligible credit-card payers, each on its own X Series account with
    /// 1,000 lines (10 with a device) and one valid Visa, so any number of orders of lines and phones fits.
    /// </summary>
    public static IEnumerable<(SeedAccount Account, SeedUser User, SeedCard Card)> LoadTestUsers(int count)
    {
        for (var i = 1; i <= count; i++)
        {
            var n = i.ToString("000", CultureInfo.InvariantCulture);
            var account = new SeedAccount($"acct-load-{n}", $"Load Test {n}", ProductFamily.XSeries, "US", false, PaymentMethod.CreditCard, 1000, 10,
                new($"Load Test {n}", "1 Load Test Way", "San Jose", "CA", "95113", "US"), "");
            yield return (account,
                new SeedUser($"load-{n}", account.Id, $"load-{n}@loadtest.example", UserProfile.CustomerCommunityOrdering, ""),
                new SeedCard($"card-load-{n}", account.Id, "Visa", "4242", 12, 2035));
        }
    }

    public static IReadOnlyList<SeedCard> Cards { get; } =
    [
        new("card-acme-visa", "acct-acme", "Visa", "4242", 12, 2030),
        new("card-birch-amex", "acct-birch", "Amex", "0005", 6, 2029),
        new("card-cobalt-mc", "acct-cobalt", "Mastercard", "4444", 9, 2028),
        new("card-ember-visa", "acct-ember", "Visa", "1881", 8, 2025),
        new("card-orchid-visa", "acct-orchid", "Visa", "1111", 3, 2031),
        new("card-orchid-mc", "acct-orchid", "Mastercard", "5100", 11, 2029),
        new("card-orchid-amex", "acct-orchid", "Amex", "8431", 1, 2024),
        new("card-maple-visa", "acct-maple", "Visa", "0077", 5, 2030),
        new("card-kite-visa", "acct-kite", "Visa", "3220", 7, 2030),
    ];
}
