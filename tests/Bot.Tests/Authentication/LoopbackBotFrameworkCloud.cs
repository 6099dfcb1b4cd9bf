using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace My8x8.SalesBot.Bot.Tests.Authentication;

/// <summary>
/// The parts of the Bot Framework cloud the SDK talks to, served on loopback over HTTPS: the channel's OpenID metadata
/// and signing keys (with endorsements, as the real service publishes them), the emulator's metadata, and the login
/// endpoint that issues the bot's outbound tokens. Tokens are minted here with the same key the metadata publishes.
/// The certificate is trusted only by <see cref="CreateGuardedHandler"/>, which the host's metadata and login clients
/// use in tests — nothing is added to the machine's trust stores. The metadata lives under a path unique to this cloud,
/// because the SDK keeps fetched metadata per URL for the whole process and a later cloud may get a reused port.
/// </summary>
public sealed class LoopbackBotFrameworkCloud : IAsyncDisposable
{
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string OAuthScope = "https://api.botframework.com";
    public const string KeyId = "loopback-channel-key";

    private readonly WebApplication _app;
    private readonly X509Certificate2 _certificate;
    private readonly string _metadataPath = $"/{Guid.NewGuid():N}";
    private int _issued;
    private volatile bool _metadataAvailable = true;

    private LoopbackBotFrameworkCloud(WebApplication app, X509Certificate2 certificate, RsaSecurityKey key)
    {
        _app = app;
        _certificate = certificate;
        SigningKey = key;
    }

    public string BaseUrl { get; private set; } = "";

    public RsaSecurityKey SigningKey { get; }

    /// <summary>The access tokens the login endpoint issued to the bot.</summary>
    public ConcurrentQueue<string> IssuedTokens { get; } = new();

    /// <summary>Requests the guarded handler refused because they were not for this machine.</summary>
    public ConcurrentQueue<Uri> RefusedOutsideRequests { get; } = new();

    /// <summary>Requests that reached this machine through a guarded handler (so through the host's own clients).</summary>
    public ConcurrentQueue<Uri> GuardedRequests { get; } = new();

    /// <summary>The channel's metadata URL, where the SDK fetches metadata and signing keys from.</summary>
    public string ChannelMetadataUrl => $"{BaseUrl}{_metadataPath}/v1/.well-known/openidconfiguration";

    /// <summary>
    /// Whether the metadata and key endpoints answer; when not, they answer 503 as a service in trouble does (an
    /// outage the host must report as such, and recover from when it ends).
    /// </summary>
    public bool MetadataAvailable
    {
        get => _metadataAvailable;
        set => _metadataAvailable = value;
    }

    /// <summary>The SDK settings that point channel authentication at this cloud.</summary>
    public IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["ToBotFromChannelTokenIssuer"] = ChannelIssuer,
        ["ToBotFromChannelOpenIdMetadataUrl"] = ChannelMetadataUrl,
        ["ToBotFromEmulatorOpenIdMetadataUrl"] = $"{BaseUrl}{_metadataPath}/emulator/v2.0/.well-known/openid-configuration",
        ["ToChannelFromBotLoginUrl"] = $"{BaseUrl}/botframework.com",
        ["ToChannelFromBotOAuthScope"] = OAuthScope,
        ["OAuthUrl"] = $"{BaseUrl}/oauth",
        ["ValidateAuthority"] = "false",
        // A loaded test machine can take seconds to answer a loopback request; the outage tests need no timeout
        // (their metadata answers 503 or refuses the connection at once).
        ["SalesBot:Messages:MetadataTimeout"] = "00:01:00",
    };

    public static async Task<LoopbackBotFrameworkCloud> StartAsync()
    {
        var certificate = CreateCertificate();
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = KeyId };

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var cloud = new LoopbackBotFrameworkCloud(app, certificate, key);

        var metadata = app.MapGroup(cloud._metadataPath).AddEndpointFilter(async (context, next) =>
            cloud.MetadataAvailable ? await next(context) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        metadata.MapGet("/v1/.well-known/openidconfiguration", () =>
            Results.Json(Metadata(cloud.BaseUrl + cloud._metadataPath, ChannelIssuer, "/v1/.well-known/keys")));
        metadata.MapGet("/v1/.well-known/keys", () => Results.Content(Keys(rsa, endorsements: ["msteams", "directline", "webchat", "test", "emulator"]), "application/json"));
        metadata.MapGet("/emulator/v2.0/.well-known/openid-configuration", () =>
            Results.Json(Metadata(cloud.BaseUrl + cloud._metadataPath, "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0", "/emulator/keys")));
        metadata.MapGet("/emulator/keys", () => Results.Content(Keys(rsa, endorsements: null), "application/json"));
        app.MapPost("/botframework.com/oauth2/v2.0/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if ((string?)form["grant_type"] != "client_credentials" || (string?)form["scope"] != $"{OAuthScope}/.default")
            {
                return Results.Json(new { error = "invalid_request" }, statusCode: 400);
            }

            var token = $"loopback-access-token-{Interlocked.Increment(ref cloud._issued)}";
            cloud.IssuedTokens.Enqueue(token);
            return Results.Json(new { token_type = "Bearer", expires_in = 3600, ext_expires_in = 3600, access_token = token });
        });

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        cloud.BaseUrl = address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
        return cloud;
    }

    /// <summary>A channel token as the Bot Framework service signs it, with the claims a test chooses to break.</summary>
    public string ChannelToken(string audience, string serviceUrl, DateTimeOffset? notBefore = null, DateTimeOffset? expires = null, string issuer = ChannelIssuer, SecurityKey? key = null, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTimeOffset.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(key ?? SigningKey, algorithm),
        });
    }

    /// <summary>An unsigned token ("alg": "none") with otherwise valid claims.</summary>
    public static string UnsignedToken(string audience, string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["iss"] = ChannelIssuer,
            ["aud"] = audience,
            ["serviceurl"] = serviceUrl,
            ["nbf"] = now - 60,
            ["exp"] = now + 3600,
        }.ToJsonString()));
        return $"{header}.{payload}.";
    }

    /// <summary>
    /// The handler for the host's metadata and login HttpClients: trusts exactly this cloud's certificate (pinned, so
    /// neither the machine's trust stores nor their caches play any part), and answers any request that is not for this
    /// machine with the error Entra ID gives an unknown authority, so nothing leaves the machine.
    /// </summary>
    public HttpMessageHandler CreateGuardedHandler() => new OutsideRequestGuard(this, new SocketsHttpHandler
    {
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
                presented is not null && presented.GetRawCertData().AsSpan().SequenceEqual(_certificate.RawDataMemory.Span),
        },
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
    }

    private static Dictionary<string, object> Metadata(string baseUrl, string issuer, string keysPath) => new Dictionary<string, object>
    {
        ["issuer"] = issuer,
        ["authorization_endpoint"] = $"{baseUrl}/authorize",
        ["jwks_uri"] = $"{baseUrl}{keysPath}",
        ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
    };

    private static string Keys(RSA rsa, string[]? endorsements)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var key = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = KeyId,
            ["n"] = Base64Url.EncodeToString(parameters.Modulus),
            ["e"] = Base64Url.EncodeToString(parameters.Exponent),
        };
        if (endorsements is not null)
        {
            key["endorsements"] = new JsonArray([.. endorsements.Select(e => JsonValue.Create(e))]);
        }

        return new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=My8x8 SalesBot loopback test cloud", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign, critical: false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Re-imported so Kestrel on Linux gets a key it can use for TLS.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private sealed class OutsideRequestGuard(LoopbackBotFrameworkCloud cloud, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri is { IsLoopback: true })
            {
                cloud.GuardedRequests.Enqueue(request.RequestUri);
                return base.SendAsync(request, cancellationToken);
            }

            cloud.RefusedOutsideRequests.Enqueue(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                RequestMessage = request,
                Content = new StringContent("""{"error":"invalid_instance","error_description":"Not served on this machine."}""", Encoding.UTF8, "application/json"),
            });
        }
    }
}
