using System.Text.Json.Nodes;
using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards.Tests;

/// <summary>Views with values unlike the templates' sample values, so a leftover sample is caught.</summary>
internal static class Samples
{
    public static readonly SubmitContext Context = new("checkout.terms", "prompt-7f3a");

    public static readonly CatalogView Catalog = new(
        Lines:
        [
            new("X6-LN", "X6 line", "Everything in X4 plus contact center basics", 56.25m),
            new("X2-LN", "X2 line", "Calling and meetings", 24m),
        ],
        Equipment:
        [
            new("YEA-T54W", "Yealink T54W phone", "Color desk phone with Bluetooth", 249.99m),
            new("JAB-E40", "Jabra Evolve2 headset", "Wired stereo headset", 1234.5m),
            new("POLY-TRIO", "Poly Trio 8800", "Conference phone", 899m),
        ],
        MaxLinesPerOrder: 12,
        MaxDevicesPerOrder: 7);

    public static readonly CartView Cart = new(
        Items:
        [
            new("X6-LN", "X6 line", 6, 56.25m, 337.5m, Monthly: true),
            new("YEA-T54W", "Yealink T54W phone", 2, 249.99m, 499.98m, Monthly: false),
        ],
        LineCount: 6,
        DeviceCount: 2,
        OneTimeSubtotal: 499.98m,
        MonthlySubtotal: 337.5m,
        Notices: ["You're ordering more than 5 lines: a sales agent can help, or you can continue here."],
        CanCheckout: true,
        MaxPerItem: 40);

    public static readonly CartView EmptyCart = new([], 0, 0, 0m, 0m, [], CanCheckout: false, MaxPerItem: 40);

    public static readonly SalesContactView Sales = new("1-800-555-0142", "7:00 a.m.–3:30 p.m. Mountain, Monday–Friday");

    // Oregon-style numbers unlike the templates' samples: 499.98 + 337.50 = 837.48 taxed at 4.9% = 41.04.
    public static readonly IReadOnlyList<ChargeView> DueToday =
    [
        new("Equipment", 499.98m),
        new("First month of service", 337.5m),
        new("Shipping (Standard)", 12.5m),
        new("Sales tax (OR 4.9%)", 41.04m, 837.48m, 0.049m),
    ];

    public static readonly IReadOnlyList<ChargeView> Monthly =
    [
        new("Lines of service", 337.5m),
        new("Sales tax (OR 4.9%)", 16.54m, 337.5m, 0.049m),
    ];

    public static readonly CardOnFileView CardsOnFile = new(
        [new("pm_1", "Amex", "1005", 3, 2029), new("pm_2", "Discover", "6011", 11, 2030)],
        SelectedCardId: "pm_2",
        PaymentNotice: "You pay by ACH: this card pays only this order's initial charge.");

    public static readonly AddCardView AddCard = new(new Uri("https://bot.example.test/cards/setup?token=abc123"), "15 minutes");

    public static readonly ShippingView Shipping = new(
        new AddressView("Contoso Clinic", "42 Harbor Way", "Portland", "OR", "97201", "United States"),
        [new("STD", "Standard", 12.5m, 4, 6), new("NEXT", "Next day", 39m, 1, 1)],
        SelectedCode: null);

    public static readonly QuoteView Quote = new(
        DueToday,
        TotalDueToday: 891.02m,
        Monthly,
        MonthlyTotal: 354.04m,
        DeliveryEstimate: "Standard, 4–6 business days",
        PaymentCard: "Amex ending in 1005",
        PaymentNotice: "You pay by invoice: this card pays only this order's initial charge, and your default payment method doesn't change.");

    public static readonly TermsView Terms = new("2026-03", "Plans renew monthly; devices may be returned within 15 days.", new Uri("https://bot.example.test/terms/2026-03"), 891.02m);

    public static readonly ConfirmationView Confirmation = new(
        "SO-778812",
        Cart.Items,
        DueToday,
        TotalCharged: 891.02m,
        Monthly,
        MonthlyTotal: 354.04m,
        ShippingMethod: "Standard",
        DeliveryEstimate: "4–6 business days",
        ShipTo: Shipping.ShipTo,
        Sales);

    public static readonly HandoffView HandoffClosed = new(
        "Orders of more than 10 lines are placed with a sales agent",
        SalesOpen: false,
        Availability: "Sales opens Monday at 6:00 a.m. Pacific Time",
        CanResume: true,
        Sales);

    /// <summary>Two plans with prices and feature rows no seed has, so nothing can come from anywhere but the view.</summary>
    public static readonly PlanComparisonView Plans = new(
        [
            new PlanView("BASIC-LINE", "Basic line", "Calls and voicemail.", 19.5m,
            [
                new("Calling in the US and Canada", true, "Unlimited"),
                new("Team chat", true, "Included"),
                new("International calling", false, "Not included"),
                new("Contact-center queues", false, "Not included"),
            ]),
            new PlanView("GLOBAL-LINE", "Global line", "Calls everywhere.", 61.25m,
            [
                new("Calling in the US and Canada", true, "Unlimited"),
                new("Team chat", true, "Included"),
                new("International calling", true, "Unlimited to 12 countries"),
                new("Contact-center queues", false, "Not included"),
            ]),
        ],
        MaxLinesPerOrder: 7,
        RecommendedSku: "GLOBAL-LINE");

    /// <summary>Every builder with sample data, by card name, for table-driven tests.</summary>
    public static readonly IReadOnlyDictionary<string, Func<SubmitContext, bool, CardMessage>> Builders =
        new Dictionary<string, Func<SubmitContext, bool, CardMessage>>
        {
            [CardTemplates.Welcome] = (c, s) => SalesCards.Welcome(new WelcomeView("Dana", ["A valid credit card is needed before checkout."]), c, s),
            [CardTemplates.Catalog] = (c, s) => SalesCards.Catalog(Catalog, c, s),
            [CardTemplates.Cart] = (c, s) => SalesCards.Cart(Cart, c, s),
            [CardTemplates.CardOnFile] = (c, s) => SalesCards.CardOnFile(CardsOnFile, c, s),
            [CardTemplates.AddCard] = (c, s) => SalesCards.AddCard(AddCard, c, s),
            [CardTemplates.Shipping] = (c, s) => SalesCards.Shipping(Shipping, c, s),
            [CardTemplates.Quote] = (c, s) => SalesCards.Quote(Quote, c, s),
            [CardTemplates.Terms] = (c, s) => SalesCards.Terms(Terms, c, s),
            [CardTemplates.Confirmation] = (c, s) => SalesCards.Confirmation(Confirmation, c, s),
            [CardTemplates.Handoff] = (c, s) => SalesCards.Handoff(HandoffClosed, c, s),
            [CardTemplates.PlanComparison] = (c, s) => SalesCards.PlanComparison(Plans, c, s),
        };

    public static TheoryData<string> BuilderNames => [.. Builders.Keys];

    public static CardMessage Build(string name) => Builders[name](Context, true);

    /// <summary>The card as System.Text.Json, for walking it with <see cref="CardJson"/>.</summary>
    public static JsonObject CardOf(CardMessage message) =>
        JsonNode.Parse(message.Card?.ToString() ?? throw new InvalidOperationException("The message has no card."))!.AsObject();

    public static List<JsonObject> ElementsOfType(JsonObject card, string type) =>
        [.. CardJson.Elements(card).Where(e => (string?)e["type"] == type)];

    public static List<string> Ids(JsonObject card) =>
        [.. CardJson.Elements(card).Select(e => e["id"]).OfType<JsonValue>().Select(v => v.GetValue<string>())];
}
