using System.Security.Claims;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Identity;

/// <summary>Settings under <c>SalesBot:Identity</c>: which channel configurations make a channel's user ids trustworthy.</summary>
public sealed class IdentityOptions
{
    public const string Section = "SalesBot:Identity";

    /// <summary>
    /// Declares that the Azure Bot's Direct Line channel has <em>enhanced authentication</em> on, with trusted origins,
    /// and that the website exchanges the secret for tokens bound to <c>dl_{portal user id}</c>. Only then does a
    /// <c>dl_</c> id on channel <c>directline</c> identify a customer: with enhanced authentication off (or through the
    /// Web Chat channel's secret) the visitor chooses their own <c>from.id</c>.
    /// </summary>
    public bool DirectLineEnhancedAuthentication { get; set; }
}

/// <summary>
/// Identity only from what this host can verify; otherwise the visitor is anonymous (may browse, may not see an
/// account or buy). The sources:
/// - the embedded Direct Line: the sender its token carries, vouched for by a proof only this host can make;
/// - Azure's Direct Line with enhanced authentication (<see cref="IdentityOptions.DirectLineEnhancedAuthentication"/>)
///   on a request the Bot Framework channel service signed: the <c>dl_{portal user id}</c> the token bound;
/// - Teams, on a request the channel service signed: the user's Entra ID object id and tenant;
/// - local development only (the Development environment, channel authentication off, the embedded ordering service,
///   whose users are all seeded demo data): <c>from.id</c> equal to a seeded user's id, or a Teams user linked to one.
/// A client-chosen <c>from.id</c> identifies nobody anywhere else, whatever channel it claims.
/// </summary>
internal sealed class ChannelIdentityResolver(
    IOrderingService ordering,
    IConfiguration configuration,
    IHostEnvironment environment,
    IOptions<IdentityOptions> identityOptions,
    IOptions<OrderingOptions> orderingOptions,
    DirectLineKeys directLineKeys) : ICustomerIdentityResolver
{
    private const string DirectLinePrefix = AzureDirectLineTokenClient.UserIdPrefix;

    // Bot Framework authentication is on exactly when an app id is configured (ConfigurationBotFrameworkAuthentication).
    private readonly bool _channelAuthenticationOff = string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);

    private readonly string[] _channelIssuers =
    [
        configuration["ToBotFromChannelTokenIssuer"] is { Length: > 0 } configured ? configured : AuthenticationConstants.ToBotFromChannelTokenIssuer,
        GovernmentAuthenticationConstants.ToBotFromChannelTokenIssuer,
    ];

    /// <summary>The one place where a client-chosen id is believed: demo data on a developer's machine.</summary>
    private bool DevelopmentContract => _channelAuthenticationOff && environment.IsDevelopment() && string.IsNullOrWhiteSpace(orderingOptions.Value.BaseUrl);

    public async Task<CustomerIdentity> ResolveAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        var from = activity.From;
        if (from is null || string.IsNullOrEmpty(from.Id))
        {
            return new CustomerIdentity(null, "none");
        }

        if (activity.ChannelId == DirectLineConversations.ChannelId && EmbeddedDirectLineSender(activity) is { } embedded)
        {
            // The token's user: a seeded demo user in Development, otherwise dl_{portal user id}, or an anonymous visitor.
            var userId = embedded.StartsWith(DirectLinePrefix, StringComparison.Ordinal) ? embedded[DirectLinePrefix.Length..] : embedded;
            return new CustomerIdentity(userId, "directline");
        }

        var signedByChannel = SignedByChannelService(turnContext);
        if (activity.ChannelId == Microsoft.Bot.Connector.Channels.Msteams)
        {
            if (!signedByChannel && !DevelopmentContract)
            {
                return new CustomerIdentity(null, "teams", "request not signed by the channel service");
            }

            var tenantId = activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id ?? activity.Conversation?.TenantId;
            if (string.IsNullOrEmpty(from.AadObjectId) || string.IsNullOrEmpty(tenantId))
            {
                return new CustomerIdentity(null, "teams", "no Entra ID on the activity");
            }

            var user = await ordering.FindUserByAadAsync(tenantId, from.AadObjectId, cancellationToken);
            return new CustomerIdentity(user?.Id, "teams", user is null ? "Teams user not linked to a My 8x8 account" : null);
        }

        if (activity.ChannelId == DirectLineConversations.ChannelId && signedByChannel && identityOptions.Value.DirectLineEnhancedAuthentication
            && from.Id.StartsWith(DirectLinePrefix, StringComparison.Ordinal) && from.Id.Length > DirectLinePrefix.Length)
        {
            return new CustomerIdentity(from.Id[DirectLinePrefix.Length..], "directline");
        }

        return DevelopmentContract
            ? new CustomerIdentity(from.Id, "development")
            : new CustomerIdentity(null, activity.ChannelId ?? "unknown", "unverified user id");
    }

    private string? EmbeddedDirectLineSender(Activity activity)
    {
        var proof = activity.Properties?[DirectLineKeys.SenderProofProperty]?.ToString();
        return directLineKeys.IsSenderProof(proof, activity.Conversation?.Id, activity.From.Id) ? activity.From.Id : null;
    }

    /// <summary>
    /// The request carried a token the Bot Framework channel service issued (not the emulator's or a skill's): only then
    /// did the channel, rather than the client, fill in the activity's channel and sender.
    /// </summary>
    private bool SignedByChannelService(ITurnContext turnContext)
    {
        if (_channelAuthenticationOff || turnContext.TurnState.Get<ClaimsIdentity>(BotAdapter.BotIdentityKey) is not { IsAuthenticated: true } identity)
        {
            return false;
        }

        var issuer = identity.FindFirst("iss")?.Value ?? identity.Claims.FirstOrDefault()?.Issuer;
        return issuer is not null && _channelIssuers.Contains(issuer, StringComparer.Ordinal);
    }
}
