using System.Globalization;
using System.Text;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Languages;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Every word the agent console shows for a code: reasons, states, profiles, payment methods, eligibility rules,
/// checkout steps and channels (cart problems and refusals are worded once, in <c>RefusalTexts</c>). Agents read these, never the enum names; the JSON API keeps the codes
/// beside the words for integrations.
/// </summary>
public static class AgentConsoleTexts
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public static string Reason(HandoffReason reason) => reason switch
    {
        HandoffReason.CustomerAsked => "Asked for a person",
        HandoffReason.NotEligible => "Not eligible for self-service",
        HandoffReason.UnknownUser => "Customer not identified",
        HandoffReason.OverSelfServiceLimits => "Cart over the self-service limits",
        HandoffReason.DevicesExceedLines => "More phones than lines",
        HandoffReason.AboveSalesAssistLines => "Many lines: sales help offered",
        HandoffReason.UpgradeRequest => "Wants to upgrade",
        HandoffReason.RepeatedFailures => "The bot did not understand",
        HandoffReason.PaymentProblem => "Payment card trouble",
        _ => Words(reason.ToString()),
    };

    /// <summary>Where the conversation stands, with the agent's name once someone has it ("With Dana Reyes").</summary>
    public static string Status(HandoffStatus status, string? agentName) => status switch
    {
        HandoffStatus.Queued => "Waiting for an agent",
        HandoffStatus.WithAgent => agentName is { Length: > 0 } ? $"With {agentName}" : "With an agent",
        HandoffStatus.WaitingForHub => "Waiting for the contact center",
        HandoffStatus.WithHubAgent => "With a contact-center agent",
        HandoffStatus.CapturingCallback => "Giving a callback number",
        HandoffStatus.Ended => "Ended",
        _ => Words(status.ToString()),
    };

    public static string Profile(UserProfile profile) => profile switch
    {
        UserProfile.CustomerCommunityQtcAdmin => "Customer Community QTC Admin",
        UserProfile.CustomerCommunityOrdering => "Customer Community Ordering",
        UserProfile.CustomerCommunityBillingAndOrdering => "Customer Community Billing and Ordering",
        UserProfile.CustomerCommunityBilling => "Customer Community Billing",
        UserProfile.EndUser => "End user",
        _ => Words(profile.ToString()),
    };

    public static string ProductFamily(ProductFamily family) => family switch
    {
        Ordering.ProductFamily.XSeries => "X Series",
        Ordering.ProductFamily.Editions => "Editions",
        Ordering.ProductFamily.Express => "8x8 Express",
        _ => Words(family.ToString()),
    };

    public static string PaymentMethod(PaymentMethod method) => method switch
    {
        Ordering.PaymentMethod.Invoice => "Invoice",
        Ordering.PaymentMethod.Ach => "ACH",
        Ordering.PaymentMethod.CreditCard => "Credit card",
        Ordering.PaymentMethod.Check => "Check",
        _ => Words(method.ToString()),
    };

    public static string Country(string code) => code.ToUpperInvariant() switch
    {
        "US" => "United States",
        "CA" => "Canada",
        "GB" or "UK" => "United Kingdom",
        _ => code,
    };

    /// <summary>A failed eligibility rule, as the reason an agent reads.</summary>
    public static string EligibilityRule(EligibilityReason reason) => reason switch
    {
        EligibilityReason.UnknownUser => "Not a known portal user",
        EligibilityReason.WrongProfile => "Profile may not order",
        EligibilityReason.Express => "8x8 Express account (adds licenses in Manager Express)",
        EligibilityReason.NotUnitedStates => "Account outside the United States",
        EligibilityReason.Wholesale => "Wholesale account",
        EligibilityReason.UnsupportedPaymentMethod => "Pays by a method self-service does not take",
        _ => Words(reason.ToString()),
    };

    /// <summary>The checkout step the conversation had reached, from the step the bot last asked about.</summary>
    public static string Step(string? step) => step switch
    {
        null or "" => "Not shopping yet",
        SalesSteps.Shop => "Choosing lines and phones",
        SalesSteps.ShopChoice => "Choosing between matching products",
        SalesSteps.Payment => "Payment card",
        SalesSteps.Shipping => "Shipping method",
        SalesSteps.Quote => "Quote with shipping and taxes",
        SalesSteps.Terms => "Terms and conditions, before Agree & Buy",
        SalesSteps.Handoff => "Talking about a sales agent",
        _ => Words(step),
    };

    /// <summary>The language the customer is served in, in the desk's words; sessions from before it was kept were English.</summary>
    public static string Language(string? cultureName) =>
        SalesLanguage.For(cultureName) == SalesLanguage.Spanish ? "Spanish" : "English";

    public static string Channel(string channelId) => channelId switch
    {
        "msteams" => "Microsoft Teams",
        "directline" or "webchat" => "Web Chat",
        "emulator" => "Bot Framework Emulator",
        "test" => "Test channel",
        _ => channelId,
    };

    /// <summary>A card on file as agents may see it: brand and last four only, never the number.</summary>
    public static string Card(CardOnFile card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var expiry = Invariant($"{card.ExpiryMonth:00}/{card.ExpiryYear}");
        return $"{card.Brand} ending {card.Last4}, {(card.IsValid ? "expires " + expiry : "expired " + expiry)}";
    }

    public static string Lines(int lines, int withDevice) =>
        Invariant($"{lines} ({withDevice} with a phone, {lines - withDevice} without)");

    public static string YesNo(bool value) => value ? "Yes" : "No";

    /// <summary>The limits the agent prepares a cart within, from the settings the ordering service enforces.</summary>
    public static string AssistedLimits(Cart cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return Invariant($"You can prepare up to {cart.Limits.MaxLinesPerAssistedOrder} new lines and {cart.Limits.MaxDevicesPerAssistedOrder} devices ") +
            Invariant($"(self-service: {cart.Limits.MaxLinesPerOrder} and {cart.Limits.MaxDevicesPerOrder}). Phones need lines: {cart.LinesWithoutDevice} on the account without a phone plus the new lines.");
    }

    /// <summary>Who the cart belongs to now: prepared by an agent (sales-assisted limits) or the customer's own.</summary>
    public static string CartOwner(Cart cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        return cart.AssistedBy is { } agent
            ? $"Prepared by {agent.Name}: sales-assisted limits apply. The customer may lower or remove items; adding more makes it self-service again."
            : "The customer's own cart: self-service limits apply until you save it here.";
    }

    public static string Kind(ProductKind kind) => kind == ProductKind.Line ? "Line (monthly)" : "Equipment (one-time)";

    public const string CartNotPreparable = "This customer is not identified or not eligible for self-service, so there is no cart to prepare.";
    public const string CartNotReady = "The cart is empty or breaks a rule; fix it before sending it to the customer.";
    public const string NotWithYou = "This conversation is not with you any more.";

    public const string Eligible = "Eligible for self-service";
    public const string NotEligible = "Not eligible";
    public const string EligibilityUnknown = "Unknown (the account could not be read)";
    public const string NoCards = "None";

    /// <summary>"CustomerAsked" → "Customer asked": a code without its own words still reads as words.</summary>
    internal static string Words(string code)
    {
        var text = new StringBuilder(code.Length + 8);
        for (var i = 0; i < code.Length; i++)
        {
            var c = code[i];
            if (c is '.' or '_' or '-')
            {
                text.Append(' ');
                continue;
            }

            if (i > 0 && char.IsUpper(c) && !char.IsUpper(code[i - 1]))
            {
                text.Append(' ');
                c = char.ToLowerInvariant(c);
            }

            text.Append(c);
        }

        return text.Length == 0 ? code : char.ToUpper(text[0], English) + text.ToString(1, text.Length - 1);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
