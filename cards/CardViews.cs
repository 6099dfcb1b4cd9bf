using My8x8.SalesBot.Cards.Resources;
namespace My8x8.SalesBot.Cards;

// View models the dialogs map the ordering domain into; cards never reference the ordering project.
// Money is in US dollars.

/// <summary>The sales phone and hours as configured (SalesBot:SalesHours), e.g. "6:00 a.m.–5:00 p.m. Pacific, Monday–Friday".</summary>
public sealed record SalesContactView(string Phone, string Hours);

/// <summary><c>FirstName</c>: The customer's first name, when known. <c>Notices</c>: Things to know up front, e.g. that a card will be needed before checkout.</summary>
public sealed record WelcomeView(string? FirstName, IReadOnlyList<string> Notices);

/// <summary>A catalog entry; <see cref="Price"/> is monthly for lines and one-time for equipment.</summary>
public sealed record CatalogItemView(string Sku, string Name, string Description, decimal Price);

/// <summary>The catalog: lines of service and equipment, with the self-service limits per order in force.</summary>
public sealed record CatalogView(
    IReadOnlyList<CatalogItemView> Lines,
    IReadOnlyList<CatalogItemView> Equipment,
    int MaxLinesPerOrder,
    int MaxDevicesPerOrder);

/// <summary>One row of a plan comparison for one plan: the catalog's feature name, whether the plan includes it, and how.</summary>
public sealed record PlanFeatureView(string Name, bool Included, string Value);

/// <summary>A line plan as the catalog describes it; <see cref="MonthlyPrice"/> is per line.</summary>
public sealed record PlanView(string Sku, string Name, string Description, decimal MonthlyPrice, IReadOnlyList<PlanFeatureView> Features);

/// <summary>
/// Plans side by side (one plan: that plan described). Rows are the first plan's features, matched by name in the
/// others. <c>RecommendedSku</c>: the plan the advisor recommended, marked. <c>MaxLinesPerOrder</c>: the
/// self-service limit, for the quantity boxes.
/// </summary>
public sealed record PlanComparisonView(IReadOnlyList<PlanView> Plans, int MaxLinesPerOrder, string? RecommendedSku = null);

/// <summary>A cart, quote or order line. <see cref="Monthly"/> is true for lines of service.</summary>
public sealed record CartLineView(string Sku, string Name, int Quantity, decimal UnitPrice, decimal LineTotal, bool Monthly);

/// <summary><c>Notices</c>: Warnings and notices: limits, devices over available lines, the sales offer above the sales-assist line count. <c>CanCheckout</c>: False while the cart breaks a rule (or is empty): the Checkout button is left out. <c>MaxPerItem</c>: The most one cart line may hold, from the setting the ordering service enforces.</summary>
public sealed record CartView(
    IReadOnlyList<CartLineView> Items,
    int LineCount,
    int DeviceCount,
    decimal OneTimeSubtotal,
    decimal MonthlySubtotal,
    IReadOnlyList<string> Notices,
    bool CanCheckout,
    int MaxPerItem);

/// <summary>A card on file: only what the bot may see (never the number).</summary>
public sealed record PaymentCardView(string Id, string Brand, string Last4, int ExpiryMonth, int ExpiryYear)
{
    public string Label => Resources.CardTexts.Texts.Format("Payment.CardOnFileLabel", Brand, Last4, Wording.Expiry(ExpiryMonth, ExpiryYear));
}

/// <summary><c>PaymentNotice</c>: For invoice/ACH payers: the card pays only this order's initial charge.</summary>
public sealed record CardOnFileView(IReadOnlyList<PaymentCardView> Cards, string? SelectedCardId, string? PaymentNotice);

/// <summary>
/// <c>CardPageUrl</c>: The hosted (PCI) card page link for this customer. <c>LinkValidity</c>: How long the link works,
/// e.g. "30 minutes"; null when it does not expire. <c>ContinuesByItself</c>: the chat moves on by itself when the
/// card page saves the card, so the customer need not come back and type anything.
/// </summary>
public sealed record AddCardView(Uri CardPageUrl, string? LinkValidity, bool ContinuesByItself = false);

public sealed record AddressView(string Name, string Street, string City, string State, string PostalCode, string Country)
{
    public IReadOnlyList<string> Lines => [Name, Street, $"{City}, {State} {PostalCode}", Country];
}

public sealed record ShippingOptionView(string Code, string Name, decimal Price, int MinBusinessDays, int MaxBusinessDays)
{
    public string Label => $"{Name}: {Wording.Money(Price)}, {Wording.BusinessDays(MinBusinessDays, MaxBusinessDays)}";
}

public sealed record ShippingView(AddressView ShipTo, IReadOnlyList<ShippingOptionView> Methods, string? SelectedCode);

/// <summary>
/// A line of a price breakdown exactly as the ordering service priced it; a tax line carries the amount it taxes
/// and its rate, so the customer can check it.
/// </summary>
public sealed record ChargeView(string Label, decimal Amount, decimal? TaxableBase = null, decimal? TaxRate = null)
{
    /// <summary>"Equipment", or for a tax line "Sales tax (CA 7.25%) on $247.00".</summary>
    public string Title => TaxableBase is { } taxed && TaxRate is not null ? CardTexts.Texts.Format("Charge.TaxOn", Label, Wording.Money(taxed)) : Label;
}

/// <summary>
/// <c>DueToday</c>/<c>Monthly</c>: The lines whose sums are <c>TotalDueToday</c> and <c>MonthlyTotal</c>.
/// <c>DeliveryEstimate</c>: E.g. "Two-day: 2 business days"; null when nothing ships. <c>PaymentCard</c>: The card
/// paying today, e.g. "Visa ending in 4242". <c>PaymentNotice</c>: For invoice/ACH payers: the card pays only this
/// order's initial charge.
/// </summary>
public sealed record QuoteView(
    IReadOnlyList<ChargeView> DueToday,
    decimal TotalDueToday,
    IReadOnlyList<ChargeView> Monthly,
    decimal MonthlyTotal,
    string? DeliveryEstimate,
    string? PaymentCard,
    string? PaymentNotice);

/// <summary><c>TotalDueToday</c>: Repeated next to Agree &amp; Buy so the customer knows what the click charges.</summary>
/// <summary><c>LanguageNotice</c>: said above the summary when the terms are not in the customer's language (the legal text is the one the ordering service holds).</summary>
public sealed record TermsView(string Version, string Summary, Uri FullTextUrl, decimal? TotalDueToday, string? LanguageNotice = null);

/// <summary>
/// <c>DueToday</c>/<c>Monthly</c>: The order's lines, whose sums are <c>TotalCharged</c> and <c>MonthlyTotal</c>.
/// <c>ShippingMethod</c>, <c>DeliveryEstimate</c> ("5–7 business days") and <c>ShipTo</c>: null when nothing ships.
/// <c>Sales</c>: Whom to call about the order.
/// </summary>
public sealed record ConfirmationView(
    string OrderNumber,
    IReadOnlyList<CartLineView> Items,
    IReadOnlyList<ChargeView> DueToday,
    decimal TotalCharged,
    IReadOnlyList<ChargeView> Monthly,
    decimal MonthlyTotal,
    string? ShippingMethod,
    string? DeliveryEstimate,
    AddressView? ShipTo,
    SalesContactView Sales);

/// <summary><c>Reason</c>: Why a person should take over, in plain words. <c>SalesOpen</c>: Inside sales hours (computed by the caller in America/Los_Angeles): offer a live agent. <c>Availability</c>: E.g. "Sales is open now" or "Sales opens Monday at 6:00 a.m. Pacific Time". <c>CanResume</c>: The customer has an order in progress to go back to. <c>Sales</c>: The configured phone and hours.</summary>
public sealed record HandoffView(string Reason, bool SalesOpen, string Availability, bool CanResume, SalesContactView Sales);

/// <summary>
/// One order as its customer sees it after buying. <c>Status</c>: the status in words ("Shipped"); <c>StatusLine</c>: what
/// it means ("On its way."). <c>DueToday</c>/<c>TotalCharged</c>: what was charged when it was placed (the lines add up to
/// the total). <c>Shipments</c>: per package, carrier and tracking number with its devices. <c>History</c>: each status
/// with when, oldest first.
/// </summary>
public sealed record OrderStatusView(
    string OrderNumber,
    string PlacedOn,
    string Status,
    string StatusLine,
    IReadOnlyList<CartLineView> Items,
    IReadOnlyList<ChargeView> DueToday,
    decimal TotalCharged,
    string? ShippingMethod,
    AddressView? ShipTo,
    IReadOnlyList<ShipmentView> Shipments,
    IReadOnlyList<(string Status, string At)> History);

/// <summary>A package: carrier, tracking number and what is in it ("2 × Yealink T54W").</summary>
public sealed record ShipmentView(string Carrier, string TrackingNumber, IReadOnlyList<string> Contents);
