using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Sales;

namespace My8x8.SalesBot.Identity;

/// <summary>Works out which ordering-service user sent the activity; the one place identity sources plug in.</summary>
public interface ICustomerIdentityResolver
{
    Task<CustomerIdentity> ResolveAsync(ITurnContext turnContext, CancellationToken cancellationToken);
}
