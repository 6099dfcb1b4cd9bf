using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema.Teams;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Identity;

/// <summary>
/// Identity by channel:
/// - Teams: the user's Entra ID object id and tenant, mapped to an ordering-service user.
/// - Direct Line with enhanced authentication: the id the token carries ("dl_" + portal user id); Direct Line
///   guarantees it, so the bot trusts it.
/// - Channel authentication off (local development only): the activity's from.id, which the embedded Direct Line
///   binds to the token it issued, or a demo user id posted by a developer.
/// </summary>
public sealed class ChannelIdentityResolver(IOrderingService ordering, IConfiguration configuration) : ICustomerIdentityResolver
{
    private const string DirectLinePrefix = "dl_";

    // Bot Framework authentication is on exactly when an app id is configured (ConfigurationBotFrameworkAuthentication).
    private readonly bool _channelAuthenticationOff = string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);

    public async Task<CustomerIdentity> ResolveAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var from = activity.From;
        if (from is null)
        {
            return new CustomerIdentity(null, "none");
        }

        if (activity.ChannelId == Microsoft.Bot.Connector.Channels.Msteams)
        {
            var tenantId = activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id ?? activity.Conversation?.TenantId;
            if (string.IsNullOrEmpty(from.AadObjectId) || string.IsNullOrEmpty(tenantId))
            {
                return new CustomerIdentity(null, "teams", "no Entra ID on the activity");
            }

            var user = await ordering.FindUserByAadAsync(tenantId, from.AadObjectId, cancellationToken);
            return new CustomerIdentity(user?.Id, "teams", user is null ? "Teams user not linked to a My 8x8 account" : null);
        }

        if (from.Id?.StartsWith(DirectLinePrefix, StringComparison.Ordinal) == true)
        {
            return new CustomerIdentity(from.Id[DirectLinePrefix.Length..], "directline");
        }

        return _channelAuthenticationOff
            ? new CustomerIdentity(from.Id, "development")
            : new CustomerIdentity(null, activity.ChannelId ?? "unknown", "unverified user id");
    }
}
