using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Bot.Builder.Skills;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Serialization;

namespace My8x8.SalesBot.Adapter;

/// <summary>
/// The fast reply path. The SDK's connector factory builds a new <see cref="ConnectorClient"/> for every turn, and
/// every new client starts with cold Newtonsoft contract resolvers: serializing its first reply costs milliseconds
/// of CPU instead of microseconds. This decorator of the host's <see cref="BotFrameworkAuthentication"/>
/// keeps one client per bot identity, service URL and audience, and lets the turn's <c>using</c> not dispose it.
/// Token acquisition stays the SDK's: a client's <see cref="ConnectorClient.Credentials"/> (created by the SDK's
/// credential factory for exactly that app id and audience) fetch and refresh their token on each request, and
/// because the app id and audience are part of the key, one identity's credentials never serve another.
/// </summary>
public sealed class CachingBotFrameworkAuthentication(BotFrameworkAuthentication inner, Func<Activity, bool>? useStockFactory = null)
    : BotFrameworkAuthentication
{
    private readonly ConnectorClientCache _cache = new(TimeProvider.System);

    public override async Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateRequestAsync(activity, authHeader, cancellationToken);
        if (useStockFactory?.Invoke(activity) != true)
        {
            result.ConnectorFactory = new CachingConnectorFactory(result.ConnectorFactory, result.ClaimsIdentity, _cache);
        }

        return result;
    }

    public override async Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken)
    {
        var result = await inner.AuthenticateStreamingRequestAsync(authHeader, channelIdHeader, cancellationToken);
        result.ConnectorFactory = new CachingConnectorFactory(result.ConnectorFactory, result.ClaimsIdentity, _cache);
        return result;
    }

    public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
        new CachingConnectorFactory(inner.CreateConnectorFactory(claimsIdentity), claimsIdentity, _cache);

    /// <summary>The adapter asks for a user token client on every turn; the real one is built only if the turn uses it.</summary>
    public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken) =>
        Task.FromResult<UserTokenClient>(DeferredUserTokenClient.For(inner, claimsIdentity));

    public override BotFrameworkClient CreateBotFrameworkClient() => inner.CreateBotFrameworkClient();

    public override string GetOriginatingAudience() => inner.GetOriginatingAudience();

    public override Task<ClaimsIdentity> AuthenticateChannelRequestAsync(string authHeader, CancellationToken cancellationToken) =>
        inner.AuthenticateChannelRequestAsync(authHeader, cancellationToken);
}

/// <summary>A <see cref="ConnectorFactory"/> that hands out the cached client of its identity, service URL and audience.</summary>
public sealed class CachingConnectorFactory : ConnectorFactory
{
    private readonly ConnectorFactory _inner;
    private readonly string _identity;
    private readonly ConnectorClientCache _cache;

    internal CachingConnectorFactory(ConnectorFactory inner, ClaimsIdentity? claimsIdentity, ConnectorClientCache cache)
    {
        _inner = inner;
        _cache = cache;
        _identity = IdentityKey(claimsIdentity);
    }

    public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken) =>
        _cache.GetOrCreateAsync(new ConnectorClientKey(_identity, serviceUrl, audience), _inner, cancellationToken);

    /// <summary>
    /// The claims that choose the outbound credentials: the SDK takes the bot's app id from the audience claim
    /// (channels) or the appid claim (emulator, skills). Both go into the key, together with the caller's azp/appid,
    /// so two identities never share a client.
    /// </summary>
    private static string IdentityKey(ClaimsIdentity? identity)
    {
        if (identity?.Claims is null)
        {
            return "";
        }

        static string? Claim(ClaimsIdentity identity, string type) => identity.Claims.FirstOrDefault(c => c.Type == type)?.Value;
        return string.Join('\n',
            Claim(identity, AuthenticationConstants.AudienceClaim),
            Claim(identity, AuthenticationConstants.AppIdClaim),
            Claim(identity, AuthenticationConstants.AuthorizedParty),
            Claim(identity, AuthenticationConstants.VersionClaim));
    }
}

internal readonly record struct ConnectorClientKey(string Identity, string ServiceUrl, string? Audience);

/// <summary>
/// Long-lived connector clients, refreshed every few minutes so the HTTP handlers behind them (and DNS) rotate
/// like <see cref="IHttpClientFactory"/> intends, and bounded so arbitrary service URLs cannot grow it without end.
/// A replaced client is not disposed: a turn may still be sending with it, and it owns nothing that needs disposal
/// (its HttpClient comes from the factory). Past the bound, clients are built per turn as the SDK does, but share
/// one warm contract resolver.
/// </summary>
internal sealed class ConnectorClientCache(TimeProvider clock)
{
    internal const int MaxClients = 512;
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    // Contracts depend only on .NET types, never on identities or URLs, so one resolver serves every client.
    private static readonly DefaultContractResolver SharedResolver = new();

    private readonly ConcurrentDictionary<ConnectorClientKey, Entry> _clients = new();

    public async Task<IConnectorClient> GetOrCreateAsync(ConnectorClientKey key, ConnectorFactory factory, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_clients.TryGetValue(key, out var entry) && now - entry.CreatedAt < Lifetime)
        {
            return entry.Client;
        }

        var created = await factory.CreateAsync(key.ServiceUrl, key.Audience, cancellationToken);
        UseSharedResolver(created);
        if (created is not ConnectorClient stock || (_clients.Count >= MaxClients && !_clients.ContainsKey(key)))
        {
            return created;
        }

        // Two turns racing here both build a client; the last one stays, the other serves its turn and is dropped.
        var reusable = new ReusableConnectorClient(stock);
        _clients[key] = new Entry(reusable, now);
        return reusable;
    }

    internal int Count => _clients.Count;

    private static void UseSharedResolver(IConnectorClient client)
    {
        // Only the SDK's own resolver type is replaced, so a future SDK with a customized resolver keeps its behavior.
        if (client.SerializationSettings?.ContractResolver?.GetType() == typeof(DefaultContractResolver))
        {
            client.SerializationSettings.ContractResolver = SharedResolver;
        }

        if (client.DeserializationSettings?.ContractResolver?.GetType() == typeof(DefaultContractResolver))
        {
            client.DeserializationSettings.ContractResolver = SharedResolver;
        }
    }

    private sealed record Entry(ReusableConnectorClient Client, DateTimeOffset CreatedAt);
}

/// <summary>
/// A <see cref="ConnectorClient"/> over the SDK-built client's credentials and HttpClient, which the turn's
/// <c>using</c> cannot dispose. It is still a <see cref="ConnectorClient"/>, so SDK helpers that look for one
/// (TeamsInfo reuses its HttpClient and credentials) keep working.
/// </summary>
internal sealed class ReusableConnectorClient : ConnectorClient
{
    // The SDK-built client owns the HttpClient; kept alive here so it is never disposed under us.
    private readonly ConnectorClient _owner;

    public ReusableConnectorClient(ConnectorClient owner)
        : base(owner.BaseUri, owner.Credentials, owner.HttpClient, disposeHttpClient: false)
    {
        _owner = owner;
        SerializationSettings.ContractResolver = owner.SerializationSettings.ContractResolver;
        DeserializationSettings.ContractResolver = owner.DeserializationSettings.ContractResolver;
        // The SDK indents every reply it sends; the channel does not care, and compact JSON is cheaper to write and send.
        SerializationSettings.Formatting = Newtonsoft.Json.Formatting.None;
    }

#pragma warning disable CA2215 // Deliberately not calling base.Dispose: the cache owns this client and turns share it.
    protected override void Dispose(bool disposing)
    {
        // Owned by the cache, shared across turns: the per-turn dispose is ignored.
        GC.KeepAlive(_owner);
    }
#pragma warning restore CA2215
}
