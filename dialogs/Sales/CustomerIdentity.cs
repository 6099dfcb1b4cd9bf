using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// Who the customer is for this turn, resolved by the host from the channel (a demo user id in development,
/// a portal user id from Direct Line, a Teams user's Entra ID). Null <see cref="UserId"/> means unknown.
/// </summary>
public sealed record CustomerIdentity(string? UserId, string Source, string? Hint = null)
{
    // Short, not the type's full name: the SDK's turn state compares keys culture-aware (ICU), at a cost that grows
    // with the key's length (1.4 µs for 50 characters here), and a sales turn asks for the customer a dozen times.
    private const string Key = "customer";

    /// <summary>The identity the host put into this turn, or an unknown one.</summary>
    public static CustomerIdentity Of(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<CustomerIdentity>(Key) ?? new CustomerIdentity(null, "none");
    }

    /// <summary>Puts the turn's customer into the turn (the host does, once, before the dialogs run).</summary>
    public static void Set(ITurnContext turnContext, CustomerIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(identity);
        turnContext.TurnState[Key] = identity;
    }
}
