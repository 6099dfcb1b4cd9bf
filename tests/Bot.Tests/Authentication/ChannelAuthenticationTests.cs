using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Extensions;

namespace My8x8.SalesBot.Bot.Tests.Authentication;

/// <summary>
/// The SDK's real channel authentication (not a switched-off one), against the loopback cloud: a token signed as the
/// Bot Framework service signs it is accepted and the reply carries the bot's token from the loopback login endpoint;
/// every forged, expired or misaddressed token is refused with 401 before any turn runs.
/// </summary>
public sealed class ChannelAuthenticationTests : IAsyncLifetime, IDisposable
{
    private string AppId => _factory.AppId;
    private const string AppPassword = AuthenticatedBotFactory.AppPassword;

    private LoopbackBotFrameworkCloud _cloud = null!;
    private RecordingChannel _channel = null!;
    private AuthenticatedBotFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _cloud = await LoopbackBotFrameworkCloud.StartAsync();
        _channel = await RecordingChannel.StartAsync();
        _factory = new AuthenticatedBotFactory(_cloud);
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _channel.DisposeAsync();
        await _cloud.DisposeAsync();
    }

    public void Dispose() => _factory?.Dispose();

    [Fact]
    public async Task A_token_signed_by_the_channel_is_accepted_and_the_reply_carries_the_bots_token_from_the_login_endpoint()
    {
        var client = _factory.CreateClient();

        var response = await PostAsync(client, _cloud.ChannelToken(AppId, _channel.ServiceUrl), "conv-signed");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_channel.Received, r => (string?)r.Activity["type"] == "message");
        Assert.Equal("conv-signed", (string?)reply.Activity["conversation"]?["id"]);
        Assert.StartsWith("Bearer loopback-access-token-", reply.Authorization, StringComparison.Ordinal);
        Assert.Contains(reply.Authorization["Bearer ".Length..], _cloud.IssuedTokens);
        Assert.All(_cloud.RefusedOutsideRequests, uri => Assert.NotEqual("127.0.0.1", uri.Host));
        // The token was checked against this cloud's metadata and keys, fetched through the host's own client.
        Assert.Contains(_cloud.GuardedRequests, uri => uri.ToString() == _cloud.ChannelMetadataUrl);
        Assert.Contains(_cloud.GuardedRequests, uri => uri.AbsolutePath.EndsWith("/v1/.well-known/keys", StringComparison.Ordinal));
    }

    public static TheoryData<string> ForgedTokens => new()
    {
        "garbage",
        "alg none",
        "HS256 with the app password",
        "RS256 from an unknown key",
        "not yet valid",
        "expired",
        "wrong audience",
        "wrong issuer",
        "wrong serviceurl",
        "no token",
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task A_forged_or_misaddressed_token_is_refused_with_401_and_no_turn_runs(string forgery)
    {
        var client = _factory.CreateClient();
        var before = _factory.Logs.Count;

        var response = await PostAsync(client, Forge(forgery), $"conv-{forgery.Replace(' ', '-')}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_channel.Received);
        var logged = _factory.Logs.Skip(before).ToList();
        Assert.DoesNotContain(logged, entry => entry.Level >= LogLevel.Warning || entry.HasException);
    }

    [Fact]
    public async Task A_flood_of_forged_tokens_costs_one_log_line_without_a_stack_trace()
    {
        // The log's one-minute window on a clock that stands still, so a slow machine cannot split the flood over two windows.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton(sp => new ChannelRefusalLog(clock, sp.GetRequiredService<ILogger<ChannelRefusalLog>>()))));
        var client = host.CreateClient();
        var before = _factory.Logs.Count;

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, Forge("RS256 from an unknown key"), $"conv-flood-{i}")).StatusCode);
        }

        var logged = _factory.Logs.Skip(before).ToList();
        var line = Assert.Single(logged, entry => entry.Category == typeof(ChannelRefusalLog).FullName);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Contains("signed with an unknown key", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(logged, entry => entry.HasException || entry.Level >= LogLevel.Warning);
    }

    public static TheoryData<string> MetadataOutages => new() { "answers 503", "refuses connections" };

    [Theory]
    [MemberData(nameof(MetadataOutages))]
    public async Task When_the_channels_metadata_cannot_be_fetched_a_signed_request_gets_503_to_retry_and_one_error_line(string outage)
    {
        await using var host = outage == "answers 503"
            ? new AuthenticatedBotFactory(_cloud)
            : new AuthenticatedBotFactory(_cloud, new Dictionary<string, string> { ["ToBotFromChannelOpenIdMetadataUrl"] = $"https://127.0.0.1:{ClosedPort()}/v1/.well-known/openidconfiguration" });
        _cloud.MetadataAvailable = false;
        var client = host.CreateClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await PostAsync(client, _cloud.ChannelToken(host.AppId, _channel.ServiceUrl), $"conv-outage-{i}"));
        }

        Assert.All(responses, response =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
        });
        var problem = await responses[0].Content.ReadFromJsonAsync<JsonObject>();
        Assert.Contains("OpenID metadata could not be fetched", (string?)problem?["detail"], StringComparison.Ordinal);
        Assert.Empty(_channel.Received);
        var line = Assert.Single(host.Logs, entry => entry.Level >= LogLevel.Error);
        Assert.Equal(typeof(ChannelRefusalLog).FullName, line.Category);
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.Contains("OpenID metadata", line.Message, StringComparison.Ordinal);
        Assert.Contains(outage == "answers 503" ? "answered an error status" : "ConnectionError", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs, entry => entry.HasException);
    }

    [Fact]
    public async Task Once_the_channels_metadata_is_back_the_channels_retry_is_accepted()
    {
        var client = _factory.CreateClient();
        _cloud.MetadataAvailable = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await PostAsync(client, _cloud.ChannelToken(AppId, _channel.ServiceUrl), "conv-retried")).StatusCode);

        _cloud.MetadataAvailable = true;
        var retry = await PostAsync(client, _cloud.ChannelToken(AppId, _channel.ServiceUrl), "conv-retried");

        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Single(_channel.Received, r => (string?)r.Activity["type"] == "message");
    }

    /// <summary>A loopback port nothing listens on: one the kernel just handed out and took back.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private string? Forge(string forgery)
    {
        var now = DateTimeOffset.UtcNow;
        return forgery switch
        {
            "garbage" => "garbage",
            "alg none" => LoopbackBotFrameworkCloud.UnsignedToken(AppId, _channel.ServiceUrl),
            "HS256 with the app password" => _cloud.ChannelToken(AppId, _channel.ServiceUrl,
                key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AppPassword)) { KeyId = LoopbackBotFrameworkCloud.KeyId }, algorithm: SecurityAlgorithms.HmacSha256),
            "RS256 from an unknown key" => _cloud.ChannelToken(AppId, _channel.ServiceUrl, key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "someone-elses-key" }),
            // Beyond the SDK's five minutes of clock skew either way.
            "not yet valid" => _cloud.ChannelToken(AppId, _channel.ServiceUrl, notBefore: now.AddHours(1), expires: now.AddHours(2)),
            "expired" => _cloud.ChannelToken(AppId, _channel.ServiceUrl, notBefore: now.AddHours(-2), expires: now.AddHours(-1)),
            "wrong audience" => _cloud.ChannelToken("another-bots-app-id", _channel.ServiceUrl),
            "wrong issuer" => _cloud.ChannelToken(AppId, _channel.ServiceUrl, issuer: "https://evil.example"),
            "wrong serviceurl" => _cloud.ChannelToken(AppId, "https://smba.evil.example/"),
            "no token" => null,
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient client, string? token, string conversationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = JsonContent.Create(ActivityBuilder.Message(_channel.ServiceUrl, conversationId, "29:teams-user", "hi", channelId: "msteams")),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }
}

/// <summary>The host with channel authentication on, pointed at the loopback cloud.</summary>
public sealed class AuthenticatedBotFactory(LoopbackBotFrameworkCloud cloud, IReadOnlyDictionary<string, string>? settings = null) : SalesBotFactory
{
    /// <summary>
    /// A fresh app id per host: the SDK caches the bot's outbound tokens per app id for the whole process, so hosts
    /// sharing one id (tests running side by side, each with its own loopback cloud) would send each other's tokens.
    /// </summary>
    public string AppId { get; } = Guid.NewGuid().ToString();

    public const string AppPassword = "loopback-app-password-that-is-long-enough-for-hs256";

    public ConcurrentQueue<LogEntry> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("MicrosoftAppId", AppId);
        builder.UseSetting("MicrosoftAppPassword", AppPassword);
        builder.UseSetting("MicrosoftAppType", "MultiTenant");
        foreach (var (key, value) in cloud.Settings.Concat(settings ?? new Dictionary<string, string>()))
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(new RecordingLoggerProvider(Logs)));
        builder.ConfigureTestServices(services =>
        {
            // The host's own clients for the channel's metadata and for the bot's login, pointed at the loopback cloud.
            services.AddHttpClient(ChannelMetadataClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(cloud.CreateGuardedHandler);
            services.AddHttpClient(SalesBotServiceExtensions.BotLoginHttpClient).ConfigurePrimaryHttpMessageHandler(cloud.CreateGuardedHandler);
        });
    }
}

public sealed record LogEntry(string Category, LogLevel Level, string Message, bool HasException);

/// <summary>Keeps every log line the host writes, for tests that check what (and how much) is logged.</summary>
public sealed class RecordingLoggerProvider(ConcurrentQueue<LogEntry> entries) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), exception is not null));
            }
        }
    }
}

/// <summary>A channel's serviceUrl on loopback that records each activity the bot sends, with its Authorization header.</summary>
public sealed class RecordingChannel : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RecordingChannel(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    public ConcurrentQueue<(JsonObject Activity, string Authorization)> Received { get; } = new();

    public static async Task<RecordingChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var channel = new RecordingChannel(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{**rest}", async (HttpRequest request) =>
        {
            var activity = (JsonObject)(await JsonNode.ParseAsync(request.Body))!;
            channel.Received.Enqueue((activity, request.Headers.Authorization.ToString()));
            return Results.Json(new { id = Guid.NewGuid().ToString("N") });
        });
        await app.StartAsync();
        channel.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return channel;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
