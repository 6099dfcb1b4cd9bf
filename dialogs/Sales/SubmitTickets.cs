using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>The step the conversation is at and the ticket of the card currently on screen for it.</summary>
public sealed class SalesSession
{
    public string? Step { get; set; }

    public string? Ticket { get; set; }

    /// <summary>The cart this conversation has been filling; a different open cart means the old one expired.</summary>
    public string? CartId { get; set; }

    /// <summary>The cart cannot have expired before this (its expiry when last seen), so turns until then skip the check.</summary>
    public DateTimeOffset? CartGoodUntil { get; set; }

    /// <summary>A sales agent the bot offered in its last reply, waiting for the customer's answer.</summary>
    public AgentOffer? Offer { get; set; }

    /// <summary>The numbers of the orders placed in this conversation, oldest first.</summary>
    public List<string> Orders { get; set; } = [];

    /// <summary>
    /// What the bot asked back in its last reply when it was not sure what the customer meant ("Did you want to talk to
    /// a sales agent?"), as the intent's label (stable in stored state); the next message answers it or lets it go.
    /// </summary>
    public string? Suggested { get; set; }

    /// <summary>The customer said "stop updates": no shipment notices in this conversation until "start updates".</summary>
    public bool OrderUpdatesOff { get; set; }

    /// <summary>The plans the bot's last reply recommended, described or compared, for "yes" or "add 4 of those".</summary>
    public PlanOffer? PlanOffer { get; set; }
}

/// <summary>
/// Plans the last reply put in front of the customer: one (recommended or described) or several (compared), with
/// the number of lines the advisor heard (people who need a line), if any.
/// </summary>
public sealed record PlanOffer(IReadOnlyList<string> Skus, int? Quantity, bool Recommended);

/// <summary>
/// The bot offered a sales agent (it never queues anyone unasked): why, for the agent, and whether a plain "yes"
/// accepts it — not when the step asked again right after the offer is itself a yes-or-no question.
/// </summary>
public sealed record AgentOffer(Handoff.HandoffReason Reason, string Detail, bool AcceptsYes);

/// <summary>
/// Every card with buttons gets a fresh ticket for its step; a submit is honoured only with the current ticket,
/// once. So a double click, a retried activity or a click on a card from an earlier step never changes anything.
/// </summary>
public sealed class SubmitTickets(ConversationState conversationState)
{
    // Short: the SDK's turn state compares keys culture-aware (ICU), at a cost that grows with the key's length.
    private const string SessionKey = "sales.session";
    private const string PlanOfferKey = "sales.plans";

    private readonly IStatePropertyAccessor<SalesSession> _session = conversationState.Property<SalesSession>("salesSession");

    // State read back from storage arrives as JSON and is converted to a new object on every read, so each
    // change is written back explicitly; the turn context caches the object for the rest of the turn.
    private async Task<SalesSession> SessionAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        if (turnContext.TurnState.Get<SalesSession>(SessionKey) is { } cached)
        {
            return cached;
        }

        var session = await _session.GetAsync(turnContext, () => new SalesSession(), cancellationToken);
        await _session.SetAsync(turnContext, session, cancellationToken);
        turnContext.TurnState.Add(SessionKey, session);
        return session;
    }

    /// <summary>Starts a new card for <paramref name="step"/>; older cards become stale.</summary>
    public async Task<string> IssueAsync(ITurnContext turnContext, string step, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(turnContext, cancellationToken);
        session.Step = step;
        session.Ticket = Guid.NewGuid().ToString("N")[..12];
        return session.Ticket;
    }

    /// <summary>True when the submit carries the current step and ticket; the ticket is then used up.</summary>
    public async Task<bool> TryRedeemAsync(ITurnContext turnContext, string? step, string? ticket, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(turnContext, cancellationToken);
        if (ticket is null || session.Ticket is null || session.Step != step || session.Ticket != ticket)
        {
            return false;
        }

        session.Ticket = null;
        return true;
    }

    /// <summary>
    /// Remembers the customer's open cart and reports whether it replaced one this conversation was using
    /// (the old one expired after its idle time).
    /// </summary>
    public async Task<bool> TrackCartAsync(ITurnContext turnContext, Ordering.Cart cart, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cart);
        var session = await SessionAsync(turnContext, cancellationToken);
        var replaced = session.CartId is not null && session.CartId != cart.Id;
        session.CartId = cart.Id;
        session.CartGoodUntil = cart.ExpiresAt;
        return replaced;
    }

    /// <summary>
    /// Whether the tracked cart may have expired by <paramref name="now"/> and must be checked with the ordering
    /// service; false for the many turns in which it cannot have, which then cost no ordering call.
    /// </summary>
    public async Task<bool> CartNeedsCheckAsync(ITurnContext turnContext, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(turnContext, cancellationToken);
        return session.CartId is not null && (session.CartGoodUntil is not { } goodUntil || now >= goodUntil);
    }

    /// <summary>Forgets the cart after an order: the next open cart is a new one, not an expired one.</summary>
    public async Task ForgetCartAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(turnContext, cancellationToken);
        session.CartId = null;
        session.CartGoodUntil = null;
    }

    /// <summary>Remembers that the bot offered a sales agent; the customer's next message answers it or lets it go.</summary>
    public async Task OfferAgentAsync(ITurnContext turnContext, AgentOffer offer, CancellationToken cancellationToken) =>
        (await SessionAsync(turnContext, cancellationToken)).Offer = offer;

    /// <summary>The offer the customer's message answers, if the last reply made one; it is forgotten either way.</summary>
    public async Task<AgentOffer?> TakeOfferAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(turnContext, cancellationToken);
        var offer = session.Offer;
        session.Offer = null;
        return offer;
    }

    /// <summary>Remembers the intent the bot asked about; the customer's next message answers it or lets it go.</summary>
    public async Task SuggestAsync(ITurnContext turnContext, string intentLabel, CancellationToken cancellationToken) =>
        (await SessionAsync(turnContext, cancellationToken)).Suggested = intentLabel;

    /// <summary>The intent the last reply asked about, if any; it is forgotten either way.</summary>
    public async Task<string?> TakeSuggestionAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(turnContext, cancellationToken);
        var suggested = session.Suggested;
        session.Suggested = null;
        return suggested;
    }

    /// <summary>Remembers the plans the reply shows; the customer's next message takes them up or lets them go.</summary>
    public async Task OfferPlansAsync(ITurnContext turnContext, PlanOffer offer, CancellationToken cancellationToken) =>
        (await SessionAsync(turnContext, cancellationToken)).PlanOffer = offer;

    /// <summary>
    /// The plans the last reply showed, if any; forgotten in the session either way, and kept for the rest of the turn
    /// (<see cref="PlanOfferOf"/>) for the step that reads the answer.
    /// </summary>
    public async Task<PlanOffer?> TakePlanOfferAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(turnContext, cancellationToken);
        var offer = session.PlanOffer;
        session.PlanOffer = null;
        if (offer is not null)
        {
            turnContext.TurnState[PlanOfferKey] = offer;
        }

        return offer;
    }

    /// <summary>The plans this turn's message answers (taken by <see cref="TakePlanOfferAsync"/>), or null.</summary>
    public static PlanOffer? PlanOfferOf(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<PlanOffer>(PlanOfferKey);
    }

    /// <summary>Records an order this conversation placed (a repeated confirmation of the same order is recorded once).</summary>
    public async Task RememberOrderAsync(ITurnContext turnContext, string orderNumber, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(turnContext, cancellationToken);
        if (!session.Orders.Contains(orderNumber, StringComparer.Ordinal))
        {
            session.Orders.Add(orderNumber);
        }
    }

    /// <summary>Switches this conversation's order notices on or off.</summary>
    public async Task SetOrderUpdatesAsync(ITurnContext turnContext, bool on, CancellationToken cancellationToken) =>
        (await SessionAsync(turnContext, cancellationToken)).OrderUpdatesOff = !on;

    public async Task<bool> OrderUpdatesOnAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        !(await SessionAsync(turnContext, cancellationToken)).OrderUpdatesOff;

    /// <summary>The numbers of the orders placed in this conversation, oldest first.</summary>
    public async Task<IReadOnlyList<string>> OrdersAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        (await SessionAsync(turnContext, cancellationToken)).Orders;

    /// <summary>The open cart this conversation is filling or checking out, or null (none yet, or ordered and confirmed).</summary>
    public async Task<string?> TrackedCartAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        (await SessionAsync(turnContext, cancellationToken)).CartId;

    /// <summary>Whether the conversation's current card belongs to <paramref name="step"/>.</summary>
    public async Task<bool> IsAtStepAsync(ITurnContext turnContext, string step, CancellationToken cancellationToken) =>
        (await SessionAsync(turnContext, cancellationToken)).Step == step;

    /// <summary>Forgets the current card (after start over or cancel).</summary>
    public async Task ClearAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var session = await SessionAsync(turnContext, cancellationToken);
        session.Step = null;
        session.Ticket = null;
    }
}
