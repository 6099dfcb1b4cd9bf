using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.DirectLine;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

/// <summary>The page, its bundle and its token endpoint in each mode (in-memory host: nothing here needs the bot to reply).</summary>
public sealed class WebChatPageTests(SalesBotFactory factory) : IClassFixture<SalesBotFactory>
{
    [Fact]
    public async Task The_page_at_the_root_loads_web_chat_from_the_bundle_route_and_connects_with_a_host_issued_token()
    {
        var client = factory.CreateClient();
        var response = await client.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();
        var script = await client.GetAsync("/webchat/page.js");
        var js = await script.Content.ReadAsStringAsync();
        var styles = await client.GetAsync("/webchat/page.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // Web Chat first, then the page's own script, which needs it.
        Assert.True(html.IndexOf("<script src=\"/webchat/webchat.js\"></script>", StringComparison.Ordinal)
            is var bundle and >= 0 && bundle < html.IndexOf("<script src=\"/webchat/page.js\"></script>", StringComparison.Ordinal), html);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/webchat/page.css\">", html);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("WebChat.createDirectLine({ token: token.token, domain: token.domain, webSocket: token.webSocket })", js);
        Assert.Contains("fetch(url", js);
        Assert.Contains("'/webchat/token'", js);
        Assert.Equal(HttpStatusCode.OK, styles.StatusCode);
        Assert.Equal("text/css", styles.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("secret", html + js, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_page_has_its_own_style_nonce_and_a_policy_that_admits_only_this_host()
    {
        using var bundle = new TempDirectory();
        var path = Path.Combine(bundle.Path, "webchat.js");
        await File.WriteAllTextAsync(path, "window.WebChat = {};");
        using var local = factory.WithWebHostBuilder(builder => builder.UseSetting("SalesBot:WebChat:BundlePath", path));
        var client = local.CreateClient();

        var first = await client.GetAsync("/");
        var second = await client.GetAsync("/");
        var policy = Policy(first);
        var nonce = System.Text.RegularExpressions.Regex.Match(policy, "'nonce-([^']+)'").Groups[1].Value;

        Assert.Matches("^[0-9A-F]{32}$", nonce);
        // The nonce the policy names is the one the page hands Web Chat, and the next page gets another.
        Assert.Contains($"data-style-nonce=\"{nonce}\"", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(policy, Policy(second));
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task With_azure_direct_line_and_the_cdn_bundle_the_policy_admits_exactly_those_origins_and_the_portal_may_frame_the_page()
    {
        using var production = factory.WithWebHostBuilder(builder => builder
            .UseSetting("SalesBot:DirectLine:Secret", "the-secret")
            .UseSetting("SalesBot:DirectLine:Endpoint", "https://europe.directline.botframework.com/v3/directline")
            .UseSetting("SalesBot:WebChat:BundlePath", "/nonexistent/webchat.js")
            .UseSetting("SalesBot:WebChat:FrameAncestors", "'self' https://my.8x8.com"));

        var policy = Policy(await production.CreateClient().GetAsync("/"));

        Assert.Contains("script-src 'self' https://cdn.botframework.com;", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self' https://europe.directline.botframework.com wss://europe.directline.botframework.com;", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self' https://my.8x8.com;", policy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("'self' https://my.8x8.com; script-src *")]
    [InlineData("*")]
    [InlineData("https://my.8x8.com/path")]
    [InlineData("")]
    public void A_frame_ancestors_setting_that_is_not_a_plain_source_list_stops_the_host_at_start(string value)
    {
        using var broken = factory.WithWebHostBuilder(builder => builder.UseSetting("SalesBot:WebChat:FrameAncestors", value));

        var failure = Assert.ThrowsAny<Exception>(() => broken.CreateClient());

        Assert.Contains("SalesBot:WebChat:FrameAncestors", failure.ToString(), StringComparison.Ordinal);
    }

    private static string Policy(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"));

    [Fact]
    public async Task The_bundle_is_served_from_a_local_copy_when_one_is_installed()
    {
        using var bundle = new TempDirectory();
        var path = Path.Combine(bundle.Path, "webchat.js");
        await File.WriteAllTextAsync(path, "window.WebChat = {};");
        using var local = factory.WithWebHostBuilder(builder => builder.UseSetting("SalesBot:WebChat:BundlePath", path));

        var response = await local.CreateClient().GetAsync("/webchat/webchat.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("window.WebChat = {};", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Without_a_local_copy_the_bundle_route_redirects_to_the_official_cdn()
    {
        using var cdn = factory.WithWebHostBuilder(builder => builder.UseSetting("SalesBot:WebChat:BundlePath", "/nonexistent/webchat.js"));

        var response = await cdn.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/webchat/webchat.js");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("https://cdn.botframework.com/botframework-webchat/latest/webchat.js", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task In_development_the_page_offers_the_demo_users_and_issues_a_token_for_the_one_picked()
    {
        var client = factory.CreateClient();

        var config = (await client.GetFromJsonAsync<JsonObject>("/webchat/config"))!;
        var tokenResponse = await client.PostAsJsonAsync("/webchat/token", new { userId = "ava.ordering" });
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal("embedded", (string?)config["mode"]);
        Assert.True((bool)config["chooseUser"]!);
        Assert.Contains(config["demoUsers"]!.AsArray(), user => (string?)user!["id"] == "ava.ordering" && !string.IsNullOrEmpty((string?)user["demonstrates"]));
        Assert.Equal("ava.ordering", (string?)token["userId"]);
        Assert.EndsWith("/v3/directline", (string?)token["domain"]);
        Assert.Equal(1800, (int)token["expires_in"]!);
        Assert.False(string.IsNullOrEmpty((string?)token["token"]));
    }

    [Fact]
    public async Task The_demo_user_list_comes_from_the_registered_directory()
    {
        using var custom = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<IDemoUserDirectory>(new FixedDirectory([new DemoUserEntry("zoe.test", "Zoe", "A test case")]))));

        var config = (await custom.CreateClient().GetFromJsonAsync<JsonObject>("/webchat/config"))!;

        Assert.Equal("zoe.test", (string?)Assert.Single(config["demoUsers"]!.AsArray())!["id"]);
    }

    [Fact]
    public async Task With_a_direct_line_secret_the_embedded_service_is_not_served_and_anonymous_visitors_get_no_token()
    {
        using var production = factory.WithWebHostBuilder(builder => builder.UseSetting("SalesBot:DirectLine:Secret", "the-secret"));
        var client = production.CreateClient();

        var embedded = await client.PostAsJsonAsync("/v3/directline/tokens/generate", new { user = new { id = "ava.ordering" } });
        var token = await client.PostAsJsonAsync("/webchat/token", new { userId = "ava.ordering" });
        var config = (await client.GetFromJsonAsync<JsonObject>("/webchat/config"))!;

        Assert.Equal(HttpStatusCode.NotFound, embedded.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, token.StatusCode);
        Assert.Equal("azure", (string?)config["mode"]);
        Assert.False((bool)config["chooseUser"]!);
        Assert.Empty(config["demoUsers"]!.AsArray());
    }

    [Fact]
    public async Task With_a_direct_line_secret_the_token_endpoint_exchanges_it_for_the_signed_in_portal_user_and_ignores_the_requested_id()
    {
        var azure = new RecordingHandler(HttpStatusCode.OK, """{"conversationId":"abc-us","token":"azure-token","expires_in":3600}""");
        using var production = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("SalesBot:DirectLine:Secret", "the-secret");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IPortalUserResolver>(new SignedInAs("portal-42"));
                services.AddHttpClient<AzureDirectLineTokenClient>().ConfigurePrimaryHttpMessageHandler(() => azure);
            });
        });

        var response = await production.CreateClient().PostAsJsonAsync("/webchat/token", new { userId = "ava.ordering" });
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("azure-token", (string?)body["token"]);
        Assert.Equal("dl_portal-42", (string?)body["userId"]);
        Assert.Equal("https://directline.botframework.com/v3/directline", (string?)body["domain"]);
        var sent = Assert.Single(azure.Requests);
        Assert.Equal("Bearer the-secret", sent.Authorization);
        Assert.Equal("dl_portal-42", (string?)JsonNode.Parse(sent.Body)!["user"]?["id"]);
        Assert.DoesNotContain("the-secret", body.ToJsonString());
    }

    [Fact]
    public async Task With_channel_authentication_on_and_no_secret_the_embedded_service_is_not_an_open_relay()
    {
        using var authenticated = factory.WithWebHostBuilder(builder => builder.UseSetting("MicrosoftAppId", Guid.NewGuid().ToString()));
        var client = authenticated.CreateClient();

        var embedded = await client.PostAsync("/v3/directline/conversations", content: null);
        var token = await client.PostAsJsonAsync("/webchat/token", new { userId = "ava.ordering" });

        Assert.Equal(HttpStatusCode.NotFound, embedded.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, token.StatusCode);
    }

    [Fact]
    public async Task The_portal_user_resolver_refuses_anonymous_requests_and_reads_the_name_identifier_of_signed_in_ones()
    {
        var resolver = new ClaimsPrincipalPortalUserResolver();
        var anonymous = new DefaultHttpContext();
        var signedIn = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "portal-42")], "Cookies")) };
        var claimsButNotAuthenticated = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "portal-42")])) };

        Assert.Null(await resolver.ResolveUserIdAsync(anonymous, CancellationToken.None));
        Assert.Equal("portal-42", await resolver.ResolveUserIdAsync(signedIn, CancellationToken.None));
        Assert.Null(await resolver.ResolveUserIdAsync(claimsButNotAuthenticated, CancellationToken.None));
    }

    [Theory]
    [InlineData("http://+:3978", "http://localhost:3978")]
    [InlineData("http://*:80", "http://localhost:80")]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080")]
    [InlineData("http://[::]:8080", "http://[::1]:8080")]
    [InlineData("http://127.0.0.1:5123", "http://127.0.0.1:5123")]
    public void The_service_url_replaces_a_wildcard_listening_address_with_loopback(string listening, string expected)
    {
        Assert.Equal(expected, DirectLineServiceUrl.ReplaceWildcardHost(listening));
    }

    private sealed class FixedDirectory(IReadOnlyList<DemoUserEntry> users) : IDemoUserDirectory
    {
        public IReadOnlyList<DemoUserEntry> Users => users;
    }

    private sealed class SignedInAs(string portalUserId) : IPortalUserResolver
    {
        public ValueTask<string?> ResolveUserIdAsync(HttpContext context, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(portalUserId);
    }
}
