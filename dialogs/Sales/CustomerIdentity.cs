using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// Who the customer is for this turn, resolved by the host from the channel (a demo user id in development,
/// a portal user id from Direct Line, a Teams user's Entra ID). Null <see cref="UserId"/> means unknown.
/// </summary>
public sealed record CustomerIdentity(string? UserId, string Source, string? Hint = null)
{
    /// <summary>The identity the host put into this turn, or an unknown one.</summary>
    public static CustomerIdentity Of(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<CustomerIdentity>() ?? new CustomerIdentity(null, "none");
    }
}
