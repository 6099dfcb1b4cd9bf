using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>The step the conversation is at and the ticket of the card currently on screen for it.</summary>
public sealed class SalesSession
{
    public string? Step { get; set; }

    public string? Ticket { get; set; }
}

/// <summary>
/// Every card with buttons gets a fresh ticket for its step; a submit is honoured only with the current ticket,
/// once. So a double click, a retried activity or a click on a card from an earlier step never changes anything.
/// </summary>
public sealed class SubmitTickets(ConversationState conversationState)
{
    private readonly IStatePropertyAccessor<SalesSession> _session = conversationState.CreateProperty<SalesSession>("salesSession");

    /// <summary>Starts a new card for <paramref name="step"/>; older cards become stale.</summary>
    public async Task<string> IssueAsync(ITurnContext turnContext, string step, CancellationToken cancellationToken)
    {
        var session = await _session.GetAsync(turnContext, () => new SalesSession(), cancellationToken);
        session.Step = step;
        session.Ticket = Guid.NewGuid().ToString("N")[..12];
        return session.Ticket;
    }

    /// <summary>True when the submit carries the current step and ticket; the ticket is then used up.</summary>
    public async Task<bool> TryRedeemAsync(ITurnContext turnContext, string? step, string? ticket, CancellationToken cancellationToken)
    {
        var session = await _session.GetAsync(turnContext, () => new SalesSession(), cancellationToken);
        if (ticket is null || session.Ticket is null || session.Step != step || session.Ticket != ticket)
        {
            return false;
        }

        session.Ticket = null;
        return true;
    }

    /// <summary>Forgets the current card (after start over or cancel).</summary>
    public async Task ClearAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var session = await _session.GetAsync(turnContext, () => new SalesSession(), cancellationToken);
        session.Step = null;
        session.Ticket = null;
    }
}
