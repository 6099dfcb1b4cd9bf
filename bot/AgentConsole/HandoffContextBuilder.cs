using System.Globalization;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Handoff;

/// <summary>What the agent needs when a handoff starts: who, which account, the cart, the eligibility facts, and the precise reason.</summary>
public sealed record HandoffContext(HandoffReason Reason, string Detail, CustomerSnapshot Customer, CartSnapshot? Cart, EligibilitySnapshot? Eligibility)
{
    public AccountSnapshot? Account { get; init; }

    /// <summary>The numbers behind the reason, in agents' words.</summary>
    public IReadOnlyList<string> ReasonFacts { get; init; } = [];

    /// <summary>The checkout step the bot had last asked about, when known.</summary>
    public string? StepReached { get; init; }
}

/// <summary>
/// Gathers the <see cref="HandoffContext"/> from the ordering service. When the customer simply says "agent", the
/// reason is made precise from the cart and eligibility (over the limits, devices over lines, above the sales-assist line count,
/// not eligible), so the reason travels without each cart message having to carry it.
/// </summary>
public sealed class HandoffContextBuilder(IOrderingService ordering, ILogger<HandoffContextBuilder> logger)
{
    private static readonly CultureInfo Usd = CultureInfo.GetCultureInfo("en-US");

    public async Task<HandoffContext> BuildAsync(HandoffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = request.Reason;
        var detail = request.Detail;
        if (request.UserId is not { } userId)
        {
            return new HandoffContext(reason == HandoffReason.CustomerAsked ? HandoffReason.UnknownUser : reason, detail, new(null, null, null, null, null), null, null);
        }

        try
        {
            var user = await ordering.GetUserAsync(userId, cancellationToken);
            var customer = new CustomerSnapshot(userId, user?.DisplayName, user?.Email, user?.Account.Id, user?.Account.Name);
            var eligibility = await ordering.CheckEligibilityAsync(userId, cancellationToken);
            var eligibilitySnapshot = Snapshot(eligibility);
            var account = user is null ? null : Snapshot(user, await ordering.GetCardsAsync(userId, cancellationToken));
            if (!eligibility.IsEligible)
            {
                if (reason == HandoffReason.CustomerAsked && eligibility.Reason is not EligibilityReason.Express)
                {
                    reason = eligibility.Reason == EligibilityReason.UnknownUser ? HandoffReason.UnknownUser : HandoffReason.NotEligible;
                    detail = $"{detail} Not eligible for self-service: {RefusalTexts.IneligibleForAgent(eligibility)}";
                }

                return new HandoffContext(reason, detail, customer, null, eligibilitySnapshot)
                {
                    Account = account,
                    ReasonFacts = [.. eligibility.Reasons.Select(AgentConsoleTexts.EligibilityRule)],
                };
            }

            var cart = await ordering.GetOpenCartAsync(userId, cancellationToken);
            if (reason == HandoffReason.CustomerAsked && Refine(cart) is { } refined)
            {
                reason = refined.Reason;
                detail = $"{detail} {refined.Detail}";
            }

            return new HandoffContext(reason, detail, customer, Snapshot(cart), eligibilitySnapshot) { Account = account, ReasonFacts = ReasonFacts(cart) };
        }
        catch (Exception exception) when (exception is OrderingException or HttpRequestException or TaskCanceledException)
        {
            // The agent still gets the conversation and the transcript; the account details can be looked up.
            logger.LogWarning(exception, "Could not read the account and cart of {UserId} for a handoff", userId);
            return new HandoffContext(reason, detail, new(userId, null, null, null, null), null, null);
        }
    }

    /// <summary>What the cart says about the reason: each broken rule with its numbers, and the sales-help offer.</summary>
    private static List<string> ReasonFacts(Cart cart)
    {
        var facts = cart.Problems.Select(p => RefusalTexts.ProblemForAgent(p, cart)).ToList();
        if (cart.SalesAssistSuggested)
        {
            facts.Add(RefusalTexts.SalesAssistForAgent(cart));
        }

        return facts;
    }

    private static (HandoffReason Reason, string Detail)? Refine(Cart cart)
    {
        foreach (var problem in cart.Problems)
        {
            switch (problem.Code)
            {
                case CartProblemCode.TooManyLines or CartProblemCode.TooManyDevices:
                    return (HandoffReason.OverSelfServiceLimits, $"Cart over the self-service limits: {RefusalTexts.ProblemForAgent(problem, cart)}");
                case CartProblemCode.DevicesExceedAvailableLines:
                    return (HandoffReason.DevicesExceedLines, $"More devices than lines: {RefusalTexts.ProblemForAgent(problem, cart)}");
            }
        }

        return cart.SalesAssistSuggested
            ? (HandoffReason.AboveSalesAssistLines, RefusalTexts.SalesAssistForAgent(cart))
            : null;
    }

    public static CartSnapshot Snapshot(Cart cart)
    {
        ArgumentNullException.ThrowIfNull(cart);
        var lines = cart.Items.Select(i => new CartLineSnapshot(i.Sku, i.Name, i.Quantity, i.Kind.ToString(), i.UnitPrice)).ToList();
        var summary = cart.IsEmpty
            ? "Empty cart"
            : string.Join(", ", cart.Items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Quantity} × {i.Name}"))) +
              string.Create(Usd, $" — {cart.LineCount} new lines, {cart.DeviceCount} devices; {cart.OneTimeSubtotal:C} one-time, {cart.MonthlySubtotal:C}/mo");
        return new CartSnapshot(cart.Id, summary, lines, cart.LineCount, cart.DeviceCount, cart.OneTimeSubtotal, cart.MonthlySubtotal, [.. cart.Problems.Select(p => RefusalTexts.ProblemForAgent(p, cart))]);
    }

    private static AccountSnapshot Snapshot(OrderingUser user, IReadOnlyList<PaymentCard> cards)
    {
        var account = user.Account;
        return new AccountSnapshot(
            AgentConsoleTexts.Profile(user.Profile),
            AgentConsoleTexts.ProductFamily(account.ProductFamily),
            AgentConsoleTexts.Country(account.Country),
            account.IsWholesale,
            AgentConsoleTexts.PaymentMethod(account.DefaultPaymentMethod),
            account.Lines,
            account.LinesWithDevice,
            [.. cards.Select(c => new CardOnFile(c.Brand, c.Last4, c.ExpiryMonth, c.ExpiryYear, c.IsValid))]);
    }

    private static EligibilitySnapshot Snapshot(EligibilityResult eligibility)
    {
        var facts = new List<Fact>();
        if (eligibility.Facts is { } f)
        {
            facts.Add(new("Profile", AgentConsoleTexts.Profile(f.Profile)));
            facts.Add(new("Product family", AgentConsoleTexts.ProductFamily(f.ProductFamily)));
            facts.Add(new("Country", AgentConsoleTexts.Country(f.Country)));
            facts.Add(new("Wholesale", AgentConsoleTexts.YesNo(f.IsWholesale)));
            facts.Add(new("Default payment", AgentConsoleTexts.PaymentMethod(f.DefaultPaymentMethod)));
            facts.Add(new("Lines on account", AgentConsoleTexts.Lines(f.LinesOnAccount, f.LinesOnAccount - f.LinesWithoutDevice)));
            facts.Add(new("Valid card on file", f.HasValidCard ? string.Create(CultureInfo.InvariantCulture, $"Yes ({f.ValidCardCount})") : "No"));
        }

        return new EligibilitySnapshot(eligibility.IsEligible, [.. eligibility.Reasons.Select(AgentConsoleTexts.EligibilityRule)], facts);
    }
}
