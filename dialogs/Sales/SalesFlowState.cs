namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>What the main flow carries from step to step (kept small: ids, not objects).</summary>
public sealed class SalesFlowState
{
    public string? UserId { get; set; }

    public string? CardId { get; set; }

    public string? QuoteId { get; set; }

    public string? TermsVersion { get; set; }

    public DateTimeOffset? TermsAcceptedAt { get; set; }
}

/// <summary>How the main flow is (re)started: fresh, or back in the cart after "change cart".</summary>
public sealed record SalesFlowOptions(bool BackToCart = false, string? Intro = null);

/// <summary>Checkout steps, carried by every card submit so an old card cannot act on a later step.</summary>
public static class SalesSteps
{
    public const string Shop = "shop";
    public const string Payment = "payment";
    public const string Shipping = "shipping";
    public const string Quote = "quote";
    public const string Terms = "terms";
    public const string Handoff = "handoff";
}
