using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Handoff;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>
/// The console's sign-in behind the documented TLS proxy: the session cookie is Secure outside Development whatever the
/// request's scheme, X-Forwarded-Proto from a known proxy is honoured, an unusable return address leads to the console,
/// and a guesser is slowed down per address and locked out per agent id (the card page and token doors too).
/// </summary>
public sealed partial class AgentSignInHardeningTests
{
    public static TheoryData<string> UnusableReturnUrls => new()
    {
        "/\t/evil.example/",
        "/\n/evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "\\\\evil.example",
        "https://evil.example/agent",
        "evil.example",
        "/agent\\..\\..\\",
        " /agent",
        "javascript:alert(1)",
    };

    [Theory]
    [MemberData(nameof(UnusableReturnUrls))]
    public async Task A_correct_sign_in_with_an_unusable_return_url_goes_to_the_console(string returnUrl)
    {
        using var host = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await SignInAsync(client, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/agent", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_usable_return_url_is_kept()
    {
        using var host = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await SignInAsync(client, "/agent?conversation=H-1");

        Assert.Equal("/agent?conversation=H-1", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("Production", CookieSecurePolicy.Always)]
    [InlineData("Staging", CookieSecurePolicy.Always)]
    [InlineData("Development", CookieSecurePolicy.SameAsRequest)]
    public void Outside_development_the_session_and_antiforgery_cookies_are_always_secure(string environment, CookieSecurePolicy expected)
    {
        using var host = new ProxiedHost(environment);

        var services = host.Services;
        Assert.Equal(expected, services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AgentAuthentication.CookieScheme).Cookie.SecurePolicy);
        Assert.Equal(expected, services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.SecurePolicy);
    }

    [Fact]
    public void The_proxies_in_the_settings_are_known_and_their_forwarded_scheme_is_honoured()
    {
        using var host = new ProxiedHost("Production", "10.1.2.3", "172.16.0.0/12");

        var forwarded = host.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;

        Assert.True(forwarded.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedProto));
        Assert.Contains(IPAddress.Parse("10.1.2.3"), forwarded.KnownProxies);
        Assert.Contains(forwarded.KnownIPNetworks, network => network.ToString() == "172.16.0.0/12");
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("https", true)]
    public async Task Behind_a_known_proxy_the_cookie_follows_the_scheme_the_proxy_reports(string? forwardedProto, bool secure)
    {
        using var host = new ProxiedHost("Development");
        var client = host.CreateNoRedirectClient();
        if (forwardedProto is not null)
        {
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        }

        var response = await SignInAsync(client, "/agent");

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{(int)response.StatusCode}");
        Assert.Equal(secure, SessionCookie(response).Any(part => part.Equals("secure", StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public async Task Wrong_passwords_lock_the_agent_id_so_even_the_right_one_is_refused_until_the_lockout_ends()
    {
        using var host = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "/agent", password: $"guess-{attempt}")).StatusCode);
        }

        var locked = await SignInAsync(client, "/agent");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Too many sign-in attempts for this agent id. Try again in 15 minutes.", await locked.Content.ReadAsStringAsync());
        Assert.Equal(15 * 60, (int)locked.Headers.RetryAfter!.Delta!.Value.TotalSeconds);
        Assert.DoesNotContain(locked.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("salesbot.agent=", StringComparison.Ordinal));

        host.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(client, "/agent")).StatusCode);

        host.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, "/agent")).StatusCode);
    }

    [Fact]
    public async Task An_unknown_agent_id_is_locked_the_same_way_so_the_answers_do_not_tell_which_ids_exist()
    {
        using var host = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var attempt = 0; attempt < 5; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "/agent", agentId: "nobody.agent", password: "guess")).StatusCode);
        }

        var locked = await SignInAsync(client, "/agent", agentId: "nobody.agent", password: "guess");
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Too many sign-in attempts for this agent id.", await locked.Content.ReadAsStringAsync());

        // Another agent is not affected by the lock on a different id.
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, "/agent")).StatusCode);
    }

    [Fact]
    public async Task A_right_password_clears_the_failures_before_the_lockout()
    {
        using var host = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var attempt = 0; attempt < 4; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "/agent", password: "typo")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, "/agent")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "/agent", password: "typo")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, "/agent")).StatusCode);
    }

    [Fact]
    public async Task One_address_trying_many_agent_ids_is_refused_with_429_and_a_retry_after()
    {
        using var host = new ProxiedHost("Development") { Settings = { ["SalesBot:RateLimits:SignInPerAddress:PermitLimit"] = "3" } };
        var client = host.CreateNoRedirectClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        for (var attempt = 0; attempt < 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, "/agent", agentId: $"guess-{attempt}.agent", password: "guess")).StatusCode);
        }

        var refused = await SignInAsync(client, "/agent");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("Too many sign-in attempts from your network.", await refused.Content.ReadAsStringAsync());

        // The proxy reports a different customer address: that customer has a budget of their own.
        client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.8");
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(client, "/agent")).StatusCode);
    }

    [Fact]
    public async Task The_card_page_and_the_token_endpoints_are_limited_per_address()
    {
        using var host = new ProxiedHost("Development")
        {
            Settings =
            {
                ["SalesBot:RateLimits:CardPagePerAddress:PermitLimit"] = "2",
                ["SalesBot:RateLimits:DirectLineTokensPerAddress:PermitLimit"] = "2",
            },
        };
        var client = host.CreateNoRedirectClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.20");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/payments/cards/new?token=guess-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/payments/cards/new?token=guess-2")).StatusCode);
        var cardPage = await client.GetAsync("/payments/cards/new?token=guess-3");
        Assert.Equal(HttpStatusCode.TooManyRequests, cardPage.StatusCode);
        Assert.NotNull(cardPage.Headers.RetryAfter);
        Assert.Contains("Too many requests", await cardPage.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/webchat/token", new { userId = "ava.ordering" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/v3/directline/tokens/generate", null)).StatusCode);
        var token = await client.PostAsJsonAsync("/webchat/token", new { userId = "ava.ordering" });
        Assert.Equal(HttpStatusCode.TooManyRequests, token.StatusCode);
        var error = await token.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("TooManyRequests", (string?)error?["error"]?["code"]);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/v3/directline/conversations", null)).StatusCode);
    }

    [Fact]
    public async Task Behind_a_known_proxy_the_sign_in_redirect_keeps_the_https_scheme_the_customer_used()
    {
        using var host = new ProxiedHost("Development");
        var client = host.CreateNoRedirectClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var response = await client.GetAsync("/agent");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Uri.UriSchemeHttps, response.Headers.Location?.Scheme);
    }

    private static string[] SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("salesbot.agent=", StringComparison.Ordinal))
            .Split(';', StringSplitOptions.TrimEntries);

    private static async Task<HttpResponseMessage> SignInAsync(
        HttpClient client, string returnUrl, string agentId = HandoffBotFactory.DemoAgentId, string password = HandoffBotFactory.DemoAgentPassword)
    {
        var form = await client.GetAsync("/agent/signin");
        var token = FormToken().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/agent/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["agentId"] = agentId,
                ["password"] = password,
                ["returnUrl"] = returnUrl,
                ["__RequestVerificationToken"] = token,
            }),
        };
        if (form.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => c.Split(';')[0])));
        }

        return await client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>The host on a real loopback port, so the forwarded headers come from a known (loopback) proxy.</summary>
    private sealed class ProxiedHost : HandoffBotFactory
    {
        private readonly string _environment;
        private readonly string[] _proxies;

        public ProxiedHost(string environment, params string[] proxies)
            : base(TuesdayTenPacific)
        {
            _environment = environment;
            _proxies = proxies;
            UseKestrel(0);
        }

        private readonly List<HttpClient> _clients = [];

        /// <summary>Further settings, applied when the host starts.</summary>
        public Dictionary<string, string> Settings { get; } = [];

        public HttpClient CreateNoRedirectClient()
        {
            // The first client starts the server and knows its loopback address.
            var address = CreateClient().BaseAddress;
            // A plain client over the real socket (the factory's options do not reach Kestrel's handler). Cookies carried
            // by hand: a browser behind TLS sends Secure cookies back; a cookie jar talking plain http would not.
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address };
            _clients.Add(client);
            return client;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _clients.ForEach(client => client.Dispose());
            }

            base.Dispose(disposing);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(_environment);
            builder.UseSetting("SalesBot:AllowUnauthenticatedChannels", "true");
            builder.UseSetting("SalesBot:Handoff:AllowAgentAccountsOutsideDevelopment", "true");
            foreach (var (key, value) in Settings)
            {
                builder.UseSetting(key, value);
            }

            for (var i = 0; i < _proxies.Length; i++)
            {
                builder.UseSetting($"SalesBot:KnownProxies:{i}", _proxies[i]);
            }
        }
    }
}
