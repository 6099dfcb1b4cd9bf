using System.Globalization;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// The refusals as the agent desk states them, in the desk's language (English): agents read these in the handoff
/// summary, not the customer, so they are not among the customer's texts in the resources.
/// </summary>
public static partial class RefusalTexts
{
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
            ? IneligibleForAgentIn(reason, eligibility.Facts?.Country ?? "", eligibility.Facts?.DefaultPaymentMethod.ToString() ?? "", eligibility.UserId)
            : "Eligible for self-service ordering.";
    }

    private static string IneligibleForAgentIn(EligibilityReason reason, string country, string paymentMethod, string userId = "") => reason switch
    {
        EligibilityReason.UnknownUser => $"We could not find user '{userId}'.",
        EligibilityReason.WrongProfile =>
            "Ordering needs one of the profiles Customer Community QTC Admin, Customer Community Ordering or Customer Community Billing and Ordering.",
        EligibilityReason.Express => "8x8 Express accounts add licenses in Manager Express rather than here.",
        EligibilityReason.NotUnitedStates => $"Self-service ordering is for US-based accounts; this account is based in {country}.",
        EligibilityReason.Wholesale => "Wholesale accounts order through their 8x8 partner team rather than self service.",
        _ => $"Self-service ordering needs an account that pays by invoice, ACH or credit card; this account pays by {paymentMethod}.",
    };

    /// <summary>What no self-service plan has, as the agent's offer states it.</summary>
    public static string NoPlanForAgent(IReadOnlyList<string> unmet) =>
        string.Create(CultureInfo.InvariantCulture, $"The customer needs {string.Join(", ", unmet)}, which no self-service plan includes.");
}
