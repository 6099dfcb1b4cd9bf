namespace My8x8.SalesBot.Ordering.Api;

/// <summary>
/// The plain English <c>detail</c> of the REST API's problem details, built from a refusal's code and data, in this
/// one place. It is for developers reading the API's answers; the conversation words refusals for customers itself
/// (<c>dialogs/Sales/RefusalTexts.cs</c>) from the same code and data.
/// </summary>
internal static class ProblemTexts
{
    public static string Detail(OrderingException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        string D(string key) => refusal.Detail(key) ?? "?";
        return refusal.Error switch
        {
            OrderingError.InvalidRequest => refusal.Detail("problem") is { } problem ? $"The request is not valid: {problem}." : "The request is not valid.",
            OrderingError.UnknownUser => $"There is no user '{D("userId")}'.",
            OrderingError.NotEligible => $"The user may not order through self service ({D("reason")}).",
            OrderingError.UnknownSku => $"There is no product '{D("sku")}' in the catalog.",
            OrderingError.InvalidQuantity => refusal.DetailAsInt("inCart") is > 0
                ? $"The cart already has {D("inCart")}; a cart line can hold {D("min")} to {D("max")}."
                : $"The quantity must be a whole number from {D("min")} to {D("max")}.",
            OrderingError.ItemNotInCart => $"{D("sku")} is not in the cart.",
            OrderingError.CartNotFound => "That cart was not found.",
            OrderingError.CartExpired => "This cart expired after being idle; open a new cart.",
            OrderingError.CartNotOpen => $"This cart was already ordered as {D("orderNumber")}; it can no longer change.",
            OrderingError.CartEmpty => "The cart is empty.",
            OrderingError.TooManyLines => $"The cart has {D("lines")} new lines; {Kind(refusal)} orders can have at most {D("maxLines")}.",
            OrderingError.TooManyDevices => $"The cart has {D("devices")} devices; {Kind(refusal)} orders can have at most {D("maxDevices")}.",
            OrderingError.DevicesExceedAvailableLines =>
                $"{D("devices")} devices each need a line, but only {D("allowed")} are available ({D("linesWithoutDevice")} on the account without a device plus {D("newLines")} new).",
            OrderingError.ShippingNotAllowed => "A shipping method is only chosen when the cart has equipment.",
            OrderingError.ShippingMethodRequired => "Choose a shipping method for the equipment first.",
            OrderingError.UnknownShippingMethod => $"There is no shipping method '{D("shippingMethod")}'.",
            OrderingError.CardNotFound => "That card is not on this account.",
            OrderingError.CardExpired => $"The {D("brand")} card ending {D("last4")} has expired.",
            OrderingError.NoValidCard => "There is no valid card on the account.",
            OrderingError.QuoteNotFound => "That quote was not found for this cart.",
            OrderingError.QuoteExpired => "This quote has expired.",
            OrderingError.QuoteStale => "The cart changed after this quote was made.",
            OrderingError.TermsVersionMismatch => $"Terms version {D("currentVersion")} is current; the order accepted {D("acceptedVersion")}.",
            OrderingError.TermsAcceptanceInvalid => "The terms must be accepted after the quote and before the order is placed.",
            OrderingError.IdempotencyKeyRequired => "Placing an order needs an Idempotency-Key header.",
            OrderingError.IdempotencyKeyReused => "This idempotency key was already used for a different order request.",
            OrderingError.OrderNotFound => refusal.Detail("cartId") is { } cartId ? $"No order was placed from cart {cartId}." : $"There is no order {D("orderNumber")}.",
            OrderingError.CardSetupLinkInvalid => "This card link is not valid.",
            OrderingError.CardSetupLinkExpired => "This card link has expired.",
            OrderingError.CardSetupLinkUsed => "This card link was already used.",
            OrderingError.IllegalStatusTransition => $"Order status cannot change from {D("from")} to {D("to")}; allowed next: {(refusal.Detail("allowed") is { Length: > 0 } allowed ? allowed : "none, the order is complete")}.",
            OrderingError.OrderEventIdReused => $"Event id {D("eventId")} was already used for a different event.",
            _ => "The ordering service is not available right now.",
        };
    }

    private static string Kind(OrderingException refusal) => refusal.Detail("limit") == "salesAssisted" ? "sales-assisted" : "self-service";
}
