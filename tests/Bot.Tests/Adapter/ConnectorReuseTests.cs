using System.Security.Claims;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Rest;
using My8x8.SalesBot.Adapter;

namespace My8x8.SalesBot.Bot.Tests.Adapter;

/// <summary>The fast reply path: connector clients are reused per bot identity, service URL and audience, never across them.</summary>
public sealed class ConnectorReuseTests : IDisposable
{
    private const string ServiceUrl = "https://smba.example/amer/";
    private readonly CountingAuthentication _stock = new();
    private readonly CachingBotFrameworkAuthentication _authentication;

    public ConnectorReuseTests() => _authentication = new CachingBotFrameworkAuthentication(_stock);

    public void Dispose() => _stock.Dispose();

    private static ClaimsIdentity Bot(string appId) => new(
    [
        new Claim(AuthenticationConstants.AudienceClaim, appId),
        new Claim(AuthenticationConstants.AppIdClaim, "channel"),
    ]);

    private Task<IConnectorClient> ClientAsync(string appId, string serviceUrl = ServiceUrl, string audience = "https://api.botframework.com") =>
        _authentication.CreateConnectorFactory(Bot(appId)).CreateAsync(serviceUrl, audience, CancellationToken.None);

    [Fact]
    public async Task The_same_bot_service_url_and_audience_reuse_one_client_that_a_turn_cannot_dispose()
    {
        var first = await ClientAsync("bot-a");
        first.Dispose(); // what CloudAdapterBase's using does at the end of every turn
        var second = await ClientAsync("bot-a");

        Assert.Same(first, second);
        Assert.Equal(1, _stock.ClientsCreated);
        Assert.IsAssignableFrom<ConnectorClient>(second); // SDK helpers (TeamsInfo) look for a ConnectorClient
        Assert.Same(_stock.CredentialsFor("bot-a"), second.Credentials);
    }

    [Fact]
    public async Task Another_bot_identity_never_gets_the_first_bots_client_or_credentials()
    {
        var botA = await ClientAsync("bot-a");
        var botB = await ClientAsync("bot-b");

        Assert.NotSame(botA, botB);
        Assert.NotSame(botA.Credentials, botB.Credentials);
        Assert.Same(_stock.CredentialsFor("bot-b"), botB.Credentials);
    }

    [Fact]
    public async Task Another_audience_or_service_url_gets_its_own_client()
    {
        var channel = await ClientAsync("bot-a");
        var otherAudience = await ClientAsync("bot-a", audience: "api://skill");
        var otherUrl = await ClientAsync("bot-a", serviceUrl: "https://smba.example/emea/");

        Assert.Equal(3, new HashSet<IConnectorClient>([channel, otherAudience, otherUrl], ReferenceEqualityComparer.Instance).Count);
    }

    [Fact]
    public async Task Clients_share_one_warm_contract_resolver_and_send_compact_json()
    {
        var botA = await ClientAsync("bot-a");
        var botB = await ClientAsync("bot-b");

        Assert.Same(botA.SerializationSettings.ContractResolver, botB.SerializationSettings.ContractResolver);
        Assert.Equal(Newtonsoft.Json.Formatting.None, botA.SerializationSettings.Formatting);
    }

    [Fact]
    public async Task An_activity_marked_for_the_stock_baseline_keeps_the_SDKs_factory()
    {
        var authentication = new CachingBotFrameworkAuthentication(_stock, activity => activity.Text == "stock");

        var stock = await authentication.AuthenticateRequestAsync(new Activity { Text = "stock" }, "", CancellationToken.None);
        var fast = await authentication.AuthenticateRequestAsync(new Activity { Text = "fast" }, "", CancellationToken.None);

        Assert.IsNotType<CachingConnectorFactory>(stock.ConnectorFactory);
        Assert.IsType<CachingConnectorFactory>(fast.ConnectorFactory);
    }

    [Fact]
    public async Task The_user_token_client_is_built_only_when_a_turn_uses_it_and_then_by_the_SDK_for_that_identity()
    {
        using var unused = await _authentication.CreateUserTokenClientAsync(Bot("bot-a"), CancellationToken.None);
        Assert.Empty(_stock.UserTokenClientsFor);

        var used = await _authentication.CreateUserTokenClientAsync(Bot("bot-b"), CancellationToken.None);
        var status = await used.GetTokenStatusAsync("user-1", "msteams", "", CancellationToken.None);
        await used.GetTokenStatusAsync("user-1", "msteams", "", CancellationToken.None);
        used.Dispose();

        Assert.Equal(["bot-b"], _stock.UserTokenClientsFor);
        Assert.Equal("bot-b", Assert.Single(status).ConnectionName);
        Assert.True(_stock.LastUserTokenClient!.Disposed);
    }

    /// <summary>Stands in for the SDK's authentication: a new client per call, credentials per bot app id.</summary>
    private sealed class CountingAuthentication : BotFrameworkAuthentication, IDisposable
    {
        private readonly Dictionary<string, ServiceClientCredentials> _credentials = [];
        private readonly HttpClient _http = new();

        public int ClientsCreated { get; private set; }

        public ServiceClientCredentials CredentialsFor(string appId)
        {
            lock (_credentials)
            {
                return _credentials.TryGetValue(appId, out var credentials)
                    ? credentials
                    : _credentials[appId] = new MicrosoftAppCredentials(appId, "not-a-secret");
            }
        }

        public override Task<AuthenticateRequestResult> AuthenticateRequestAsync(Activity activity, string authHeader, CancellationToken cancellationToken) =>
            Task.FromResult(new AuthenticateRequestResult { ClaimsIdentity = Bot("bot-a"), ConnectorFactory = CreateConnectorFactory(Bot("bot-a")) });

        public override Task<AuthenticateRequestResult> AuthenticateStreamingRequestAsync(string authHeader, string channelIdHeader, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override ConnectorFactory CreateConnectorFactory(ClaimsIdentity claimsIdentity) =>
            new Factory(this, claimsIdentity.FindFirst(AuthenticationConstants.AudienceClaim)!.Value);

        public List<string> UserTokenClientsFor { get; } = [];

        public RecordingUserTokenClient? LastUserTokenClient { get; private set; }

        public override Task<UserTokenClient> CreateUserTokenClientAsync(ClaimsIdentity claimsIdentity, CancellationToken cancellationToken)
        {
            var appId = claimsIdentity.FindFirst(AuthenticationConstants.AudienceClaim)!.Value;
            UserTokenClientsFor.Add(appId);
            LastUserTokenClient = new RecordingUserTokenClient(appId);
            return Task.FromResult<UserTokenClient>(LastUserTokenClient);
        }

        public void Dispose() => _http.Dispose();

        internal sealed class RecordingUserTokenClient(string appId) : UserTokenClient
        {
            public bool Disposed { get; private set; }

            public override Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
                Task.FromResult<TokenStatus[]>([new TokenStatus { ConnectionName = appId }]);

            public override Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) => throw new NotSupportedException();

            public override Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) => throw new NotSupportedException();

            public override Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) => throw new NotSupportedException();

            public override Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) => throw new NotSupportedException();

            public override Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                Disposed = true;
                base.Dispose(disposing);
            }
        }

        private sealed class Factory(CountingAuthentication owner, string appId) : ConnectorFactory
        {
            public override Task<IConnectorClient> CreateAsync(string serviceUrl, string audience, CancellationToken cancellationToken)
            {
                owner.ClientsCreated++;
                return Task.FromResult<IConnectorClient>(new ConnectorClient(new Uri(serviceUrl), owner.CredentialsFor(appId), owner._http, disposeHttpClient: false));
            }
        }
    }
}
