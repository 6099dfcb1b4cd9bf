using System.Globalization;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// The one place the conversation words what the ordering rules decided: a refused operation
/// (<see cref="OrderingException"/>: a code and its data), a cart problem (<see cref="CartProblem"/>), or why a user
/// may not order (<see cref="EligibilityReason"/>) — for the customer, and for the agent who takes the conversation.
/// The ordering service states codes and numbers only; nothing else words them.
/// </summary>
public static class RefusalTexts
{
    /// <summary>A refusal the conversation did not foresee, as one or two sentences for the customer.</summary>
    public static string Explain(OrderingException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        string D(string key) => refusal.Detail(key) ?? "";
        return refusal.Error switch
        {
            OrderingError.UnknownUser => $"We could not find user '{D("userId")}'.",
            OrderingError.NotEligible => Enum.TryParse<EligibilityReason>(D("reason"), out var reason)
                ? Ineligible(reason, D("country"), D("paymentMethod"))
                : "This account can't order through self-service.",
            OrderingError.UnknownSku => $"There is no product '{D("sku")}' in the catalog.",
            OrderingError.InvalidQuantity => Quantity(refusal),
            OrderingError.ItemNotInCart => $"{D("sku")} is not in the cart.",
            OrderingError.CartNotFound => "That cart was not found.",
            OrderingError.CartExpired => "This cart expired after being idle. Please start a new cart.",
            OrderingError.CartNotOpen => $"This cart was already ordered as {D("orderNumber")}; it can no longer change.",
            OrderingError.CartEmpty => "The cart is empty. Add lines or equipment first.",
            OrderingError.TooManyLines =>
                $"This order has {D("lines")} new lines; self-service orders can have at most {D("maxLines")}. Reduce the lines or talk to sales.",
            OrderingError.TooManyDevices =>
                $"This order has {D("devices")} pieces of equipment; self-service orders can have at most {D("maxDevices")}. Reduce the equipment or talk to sales.",
            OrderingError.DevicesExceedAvailableLines =>
                $"{D("devices")} phones each need a line, but only {D("allowed")} are available: {D("linesWithoutDevice")} lines on the account without a device plus {D("newLines")} new lines in this order. Add lines, remove phones or talk to sales.",
            OrderingError.ShippingNotAllowed => "Shipping is only chosen when the order includes equipment; this cart has none.",
            OrderingError.ShippingMethodRequired => "Choose a shipping method for the equipment first.",
            OrderingError.UnknownShippingMethod => $"There is no shipping method '{D("shippingMethod")}'. Choose ground, two-day or overnight.",
            OrderingError.CardNotFound => "That card is not on this account.",
            OrderingError.CardExpired => string.Create(CultureInfo.InvariantCulture,
                $"The {D("brand")} card ending {D("last4")} expired {refusal.DetailAsInt("expiryMonth") ?? 0:00}/{D("expiryYear")}. Please add or choose a valid card."),
            OrderingError.NoValidCard => "There is no valid card on the account. Please add a card first.",
            OrderingError.QuoteNotFound => "That quote was not found for this cart. Please get a new quote.",
            OrderingError.QuoteExpired => "This quote has expired. Please get a new quote.",
            OrderingError.QuoteStale => "The cart changed after this quote was made. Please get a new quote.",
            OrderingError.TermsVersionMismatch =>
                $"The Terms and Conditions changed: version {D("currentVersion")} is current, the order accepted {D("acceptedVersion")}. Please review and accept the current terms.",
            OrderingError.TermsAcceptanceInvalid => "The terms must be accepted after the quote and before the order is placed.",
            OrderingError.IdempotencyKeyReused => "This idempotency key was already used for a different order request.",
            OrderingError.CardSetupLinkUsed => "This card link was already used. Ask the assistant for a new link.",
            OrderingError.CardSetupLinkExpired => "This card link has expired. Ask the assistant for a new link.",
            OrderingError.CardSetupLinkInvalid => "This card link is not valid. Ask the assistant for a new link.",
            OrderingError.ServiceUnavailable => "The ordering service is not available right now. Please try again shortly.",
            _ => "The ordering service could not do that.",
        };
    }

    /// <summary>A quantity the ordering rules refused, with the range they allow.</summary>
    public static string Quantity(OrderingException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var max = refusal.DetailAsInt("max");
        return refusal.DetailAsInt("inCart") is > 0 and var inCart
            ? string.Create(CultureInfo.InvariantCulture, $"The cart already has {inCart}; a cart line can hold 1 to {max}.")
            : string.Create(CultureInfo.InvariantCulture, $"The quantity must be a whole number from 1 to {max}.");
    }

    /// <summary>A cart problem for the customer, with the numbers and what to do about it.</summary>
    public static string Problem(CartProblem problem, Cart cart)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(cart);
        return problem.Code switch
        {
            CartProblemCode.TooManyLines =>
                $"Your cart has {cart.LineCount} new lines, and self-service orders can add up to {cart.Limits.MaxLinesPerOrder}. " +
                $"Reduce the lines to {cart.Limits.MaxLinesPerOrder} or fewer (for example \"set X4 lines to {cart.Limits.MaxLinesPerOrder}\"), or say \"agent\" and our sales team will handle the larger order.",
            CartProblemCode.TooManyDevices =>
                $"Your cart has {cart.DeviceCount} devices, and self-service orders can include up to {cart.Limits.MaxDevicesPerOrder}. " +
                "Remove some equipment, or say \"agent\" and our sales team will handle the larger order.",
            _ =>
                $"Each phone is linked to a line before it ships. You have {cart.LinesWithoutDevice} {Plural(cart.LinesWithoutDevice, "line")} without a phone " +
                $"and are adding {cart.LineCount} new {Plural(cart.LineCount, "line")}, so up to {cart.LinesAvailableForDevices} {Plural(cart.LinesAvailableForDevices, "phone")} — " +
                $"your cart has {cart.DevicesNeedingLine}. Add lines (\"add 1 X4 line\"), remove a phone, or say \"agent\" to talk to sales.",
        };
    }

    /// <summary>The advisory sales offer above the sales-assist line count, for the customer.</summary>
    public static string SalesAssistOffer(Cart cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return $"You're adding {cart.LineCount} lines. For orders of more than {cart.Limits.SalesAssistAboveLines} lines our sales team can help with pricing and setup — " +
            "say \"agent\" to talk to them, or keep going here.";
    }

    /// <summary>A cart problem for the agent's handoff summary: the facts, briefly.</summary>
    public static string ProblemForAgent(CartProblem problem, Cart cart)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(cart);
        var kind = cart.AssistedBy is null ? "self-service" : "sales-assisted";
        return problem.Code switch
        {
            CartProblemCode.TooManyLines => string.Create(CultureInfo.InvariantCulture,
                $"This order has {problem.Actual} new lines; {kind} orders can have at most {problem.Allowed}."),
            CartProblemCode.TooManyDevices => string.Create(CultureInfo.InvariantCulture,
                $"This order has {problem.Actual} pieces of equipment; {kind} orders can have at most {problem.Allowed}."),
            _ => string.Create(CultureInfo.InvariantCulture,
                $"{problem.Actual} phones each need a line, but only {problem.Allowed} are available: {cart.LinesWithoutDevice} lines on the account without a device plus {cart.LineCount} new lines in this order."),
        };
    }

    /// <summary>The advisory sales offer as the agent's handoff summary states it.</summary>
    public static string SalesAssistForAgent(Cart cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return string.Create(CultureInfo.InvariantCulture, $"Adding {cart.LineCount} lines (sales help offered above {cart.Limits.SalesAssistAboveLines}).");
    }

    /// <summary>Why a user may not order, as the agent's handoff summary states it.</summary>
    public static string IneligibleForAgent(EligibilityResult eligibility)
    {
        ArgumentNullException.ThrowIfNull(eligibility);
        return eligibility.Reason is { } reason
            ? Ineligible(reason, eligibility.Facts?.Country ?? "", eligibility.Facts?.DefaultPaymentMethod.ToString() ?? "", eligibility.UserId)
            : "Eligible for self-service ordering.";
    }

    /// <summary>Why a user may not order, for the customer in a personal chat (with what to do next).</summary>
    public static string NotEligible(EligibilityReason reason) => reason switch
    {
        EligibilityReason.UnknownUser => SalesTexts.UnknownUser,
        EligibilityReason.Express => SalesTexts.ManagerExpress,
        EligibilityReason.WrongProfile =>
            "Only account admins with an ordering profile (Customer Community QTC Admin, Customer Community Ordering, or Customer Community Billing and Ordering) " +
            "can order here, and your profile isn't one of them. Your account admin can order for you — or I can connect you with our sales team: say \"agent\".",
        EligibilityReason.NotUnitedStates =>
            "Self-service ordering is available for US-based accounts only, and your account is outside the US. Our sales team can take your order: say \"agent\".",
        EligibilityReason.Wholesale =>
            "Wholesale accounts order through their 8x8 partner team rather than self-service. Say \"agent\" and I'll connect you with sales.",
        _ =>
            "Self-service ordering needs an account that pays by invoice, ACH or credit card, and yours uses another method. Say \"agent\" and our sales team will help.",
    };

    public static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private static string Ineligible(EligibilityReason reason, string country, string paymentMethod, string userId = "") => reason switch
    {
        EligibilityReason.UnknownUser => $"We could not find user '{userId}'.",
        EligibilityReason.WrongProfile =>
            "Ordering needs one of the profiles Customer Community QTC Admin, Customer Community Ordering or Customer Community Billing and Ordering.",
        EligibilityReason.Express => "8x8 Express accounts add licenses in Manager Express rather than here.",
        EligibilityReason.NotUnitedStates => $"Self-service ordering is for US-based accounts; this account is based in {country}.",
        EligibilityReason.Wholesale => "Wholesale accounts order through their 8x8 partner team rather than self service.",
        _ => $"Self-service ordering needs an account that pays by invoice, ACH or credit card; this account pays by {paymentMethod}.",
    };
}
