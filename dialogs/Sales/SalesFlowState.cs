namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>What the main flow carries from step to step (kept small: ids, not objects).</summary>
public sealed class SalesFlowState
{
    public string? UserId { get; set; }

    public string? CardId { get; set; }

    public string? QuoteId { get; set; }

    /// <summary>
    /// What checkout is about to place, remembered from the quote on (so before the ordering service is called): the
    /// priced cart and the order's idempotency key. A retry of the order step, in this turn or after a restart, uses
    /// these, never whatever cart happens to be open then (after an order that is a new, empty one).
    /// </summary>
    public string? CartId { get; set; }

    public string? IdempotencyKey { get; set; }

    public string? TermsVersion { get; set; }

    public DateTimeOffset? TermsAcceptedAt { get; set; }

    /// <summary>The customer asked for a new card during checkout: the payment step opens the secure card page.</summary>
    public bool AddNewCard { get; set; }
}

/// <summary>
/// How the main flow is (re)started: fresh, back in the cart after "change cart", restarted by a command (whose words
/// are not a request), showing the cart (the first message was "cart"), or straight back to payment with a new card.
/// </summary>
public sealed record SalesFlowOptions(bool BackToCart = false, string? Intro = null, bool Restarted = false, bool ShowCart = false, bool CheckoutWithNewCard = false);

/// <summary>Checkout steps, carried by every card submit so an old card cannot act on a later step.</summary>
public static class SalesSteps
{
    public const string Shop = "shop";
    public const string ShopChoice = "shop.choice";
    public const string Advice = "advice";
    public const string Payment = "payment";
    public const string Shipping = "shipping";
    public const string Quote = "quote";
    public const string Terms = "terms";
    public const string Handoff = "handoff";
}
