using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace My8x8.SalesBot.Bot.Tests.Authentication;

/// <summary>
/// An OpenID Connect provider on loopback, as a directory (Entra ID and the like) serves the console's sign-in: its
/// discovery document, signing keys, and a token endpoint that redeems an authorization code only with the PKCE
/// verifier the console sent and only for the client and redirect address it was issued to. The test plays the
/// browser and the provider's login page: <see cref="SignIn"/> issues a code for the user it names, for the
/// <c>state</c> and <c>nonce</c> of the console's authorization request.
/// </summary>
public sealed class LoopbackOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "salesbot-console";
    public const string ClientSecret = "loopback-client-secret";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "loopback-oidc-key" };
    private readonly ConcurrentDictionary<string, Grant> _codes = new();

    private LoopbackOpenIdProvider(WebApplication app) => _app = app;

    public string Authority { get; private set; } = "";

    /// <summary>Token requests refused, with why (a wrong verifier, a reused code…).</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();

    public static async Task<LoopbackOpenIdProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new LoopbackOpenIdProvider(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Authority,
            ["authorization_endpoint"] = provider.Authority + "/authorize",
            ["token_endpoint"] = provider.Authority + "/token",
            ["jwks_uri"] = provider.Authority + "/keys",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(provider._key.Rsa.ExportParameters(false)) { KeyId = provider._key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapPost("/token", provider.RedeemAsync);
        await app.StartAsync();
        provider.Authority = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return provider;
    }

    /// <summary>
    /// The user signs in at the provider for the console's authorization request (<paramref name="authorizeUrl"/>,
    /// where the console redirected the browser): returns the code and state the provider posts back to the console.
    /// </summary>
    public (string Code, string State, Uri RedirectUri) SignIn(Uri authorizeUrl, string subject, string name, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(authorizeUrl);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(authorizeUrl.Query);
        Assert.Equal(Authority + "/authorize", authorizeUrl.GetLeftPart(UriPartial.Path));
        Assert.Equal(ClientId, query["client_id"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = new Grant(query["nonce"].ToString(), query["code_challenge"].ToString(), query["redirect_uri"].ToString(), subject, name, roles);
        return (code, query["state"].ToString(), new Uri(query["redirect_uri"].ToString()));
    }

    private async Task<IResult> RedeemAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        // Each code once, for this client, its redirect address, and the verifier whose hash the request carried.
        if (!_codes.TryRemove(form["code"].ToString(), out var grant))
        {
            return Refuse("unknown or used code");
        }

        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        if (challenge != grant.CodeChallenge)
        {
            return Refuse("wrong PKCE verifier");
        }

        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret || form["redirect_uri"] != grant.RedirectUri)
        {
            return Refuse("wrong client or redirect address");
        }

        var now = DateTime.UtcNow;
        var claims = new List<Claim> { new("sub", grant.Subject), new("oid", grant.Subject), new("name", grant.Name), new("nonce", grant.Nonce) };
        claims.AddRange(grant.Roles.Select(role => new Claim("roles", role)));
        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        });
        return Results.Json(new Dictionary<string, object>
        {
            ["access_token"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["id_token"] = idToken,
        });
    }

    private IResult Refuse(string why)
    {
        Refusals.Enqueue(why);
        return Results.Json(new { error = "invalid_grant", error_description = why }, statusCode: StatusCodes.Status400BadRequest);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _key.Rsa.Dispose();
    }

    private sealed record Grant(string Nonce, string CodeChallenge, string RedirectUri, string Subject, string Name, string[] Roles);
}
