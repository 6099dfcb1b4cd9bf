using My8x8.SalesBot.Dialogs.Resources;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// The one place the conversation words what the ordering rules decided: a refused operation
/// (<see cref="OrderingException"/>: a code and its data), a cart problem (<see cref="CartProblem"/>), or why a user
/// may not order (<see cref="EligibilityReason"/>) — for the customer (here, from the resources, in the customer's
/// language), and for the agent who takes the conversation (<c>RefusalTexts.ForAgents.cs</c>).
/// The ordering service states codes and numbers only; nothing else words them.
/// </summary>
public static partial class RefusalTexts
{
    /// <summary>A refusal the conversation did not foresee, as one or two sentences for the customer.</summary>
    public static string Explain(OrderingException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        string D(string key) => refusal.Detail(key) ?? "";
        return refusal.Error switch
        {
            OrderingError.UnknownUser => Texts.Format("Refusal.UnknownUser", D("userId")),
            OrderingError.NotEligible => Enum.TryParse<EligibilityReason>(D("reason"), out var reason)
                ? Ineligible(reason, D("country"), D("paymentMethod"))
                : Texts["Refusal.NotEligible"],
            OrderingError.UnknownSku => Texts.Format("Refusal.UnknownSku", D("sku")),
            OrderingError.InvalidQuantity => Quantity(refusal),
            OrderingError.ItemNotInCart => Texts.Format("Refusal.ItemNotInCart", D("sku")),
            OrderingError.CartNotOpen => Texts.Format("Refusal.CartNotOpen", D("orderNumber")),
            OrderingError.TooManyLines => Texts.Format("Refusal.TooManyLines", D("lines"), D("maxLines")),
            OrderingError.TooManyDevices => Texts.Format("Refusal.TooManyDevices", D("devices"), D("maxDevices")),
            OrderingError.DevicesExceedAvailableLines =>
                Texts.Format("Refusal.DevicesExceedAvailableLines", D("devices"), D("allowed"), D("linesWithoutDevice"), D("newLines")),
            OrderingError.UnknownShippingMethod => Texts.Format("Refusal.UnknownShippingMethod", D("shippingMethod")),
            OrderingError.CardExpired =>
                Texts.Format("Refusal.CardExpired", D("brand"), D("last4"), refusal.DetailAsInt("expiryMonth") ?? 0, D("expiryYear")),
            OrderingError.TermsVersionMismatch => Texts.Format("Refusal.TermsVersionMismatch", D("currentVersion"), D("acceptedVersion")),
            OrderingError.CartNotFound or OrderingError.CartExpired or OrderingError.CartEmpty or OrderingError.ShippingNotAllowed
                or OrderingError.ShippingMethodRequired or OrderingError.CardNotFound or OrderingError.NoValidCard
                or OrderingError.QuoteNotFound or OrderingError.QuoteExpired or OrderingError.QuoteStale
                or OrderingError.TermsAcceptanceInvalid or OrderingError.IdempotencyKeyReused or OrderingError.CardSetupLinkUsed
                or OrderingError.CardSetupLinkExpired or OrderingError.CardSetupLinkInvalid or OrderingError.ServiceUnavailable
                => Texts["Refusal." + refusal.Error],
            _ => Texts["Refusal.Other"],
        };
    }

    /// <summary>A quantity the ordering rules refused, with the range they allow.</summary>
    public static string Quantity(OrderingException refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        var max = refusal.DetailAsInt("max");
        return refusal.DetailAsInt("inCart") is > 0 and var inCart
            ? Texts.Format("Refusal.Quantity.InCart", inCart, max)
            : Texts.Format("Refusal.Quantity", max);
    }

    /// <summary>A cart problem for the customer, with the numbers and what to do about it.</summary>
    public static string Problem(CartProblem problem, Cart cart)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(cart);
        return problem.Code switch
        {
            CartProblemCode.TooManyLines => Texts.Format("Problem.TooManyLines", cart.LineCount, cart.Limits.MaxLinesPerOrder),
            CartProblemCode.TooManyDevices => Texts.Format("Problem.TooManyDevices", cart.DeviceCount, cart.Limits.MaxDevicesPerOrder),
            _ => Texts.Format(
                "Problem.DevicesExceedAvailableLines",
                Texts.Plural(cart.LinesWithoutDevice, "Count.Line"),
                cart.LineCount,
                Texts[cart.LineCount == 1 ? "Noun.NewLine.One" : "Noun.NewLine.Other"],
                Texts.Plural(cart.LinesAvailableForDevices, "Count.Phone"),
                cart.DevicesNeedingLine),
        };
    }

    /// <summary>The advisory sales offer above the sales-assist line count, for the customer.</summary>
    public static string SalesAssistOffer(Cart cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return Texts.Format("Problem.SalesAssistOffer", cart.LineCount, cart.Limits.SalesAssistAboveLines);
    }

    /// <summary>Why a user may not order, for the customer in a personal chat (with what to do next).</summary>
    public static string NotEligible(EligibilityReason reason) => reason switch
    {
        EligibilityReason.UnknownUser => SalesTexts.UnknownUser,
        EligibilityReason.Express => SalesTexts.ManagerExpress,
        EligibilityReason.WrongProfile or EligibilityReason.NotUnitedStates or EligibilityReason.Wholesale => Texts["NotEligible." + reason],
        _ => Texts["NotEligible.PaymentMethod"],
    };

    /// <summary>A catalog name for <paramref name="count"/> items: the catalog names products in English, so its plural is English too ("X4 lines").</summary>
    public static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private static TextResources Texts => DialogTexts.Texts;

    private static string Ineligible(EligibilityReason reason, string country, string paymentMethod, string userId = "") => reason switch
    {
        EligibilityReason.UnknownUser => Texts.Format("Refusal.UnknownUser", userId),
        EligibilityReason.WrongProfile or EligibilityReason.Express or EligibilityReason.Wholesale => Texts["Ineligible." + reason],
        EligibilityReason.NotUnitedStates => Texts.Format("Ineligible.NotUnitedStates", country),
        _ => Texts.Format("Ineligible.PaymentMethod", paymentMethod),
    };
}
