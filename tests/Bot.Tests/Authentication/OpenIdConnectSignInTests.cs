using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using My8x8.SalesBot.Bot.Tests.Hosting;

namespace My8x8.SalesBot.Bot.Tests.Authentication;

/// <summary>
/// The agent console signed in through an OpenID Connect directory, end to end with the real ASP.NET Core handler:
/// the redirect to the provider with PKCE, the code redeemed over loopback, the ID token's signature, issuer, audience
/// and nonce checked, and the directory's app roles deciding who is an agent and who a supervisor.
/// </summary>
public sealed class OpenIdConnectSignInTests : IAsyncLifetime
{
    private const string AgentRole = "SalesAgent";
    private const string SupervisorRole = "SalesSupervisor";

    private LoopbackOpenIdProvider _provider = null!;

    public async Task InitializeAsync() => _provider = await LoopbackOpenIdProvider.StartAsync();

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    [Fact]
    public async Task A_directory_supervisor_signs_in_as_themselves_and_opens_the_supervisor_view()
    {
        using var host = new OpenIdConnectHost(_provider.Authority);
        var browser = Browser(host);

        var callback = await SignInAsync(browser, "0f1e2d3c-aaaa-4bbb-8ccc-000000000001", "María López", AgentRole, SupervisorRole);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/agent", callback.Headers.Location!.OriginalString);
        // The agent is the directory's object id and display name, never something the browser sent.
        var me = (await browser.GetFromJsonAsync<JsonObject>("/agent/api/me"))!;
        Assert.Equal("0f1e2d3c-aaaa-4bbb-8ccc-000000000001", (string?)me["id"]);
        Assert.Equal("María López", (string?)me["name"]);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agent/api/supervisor/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agent/supervisor")).StatusCode);
        Assert.Contains("href=\"/agent/supervisor\"", await browser.GetStringAsync("/agent"), StringComparison.Ordinal);
        Assert.Empty(_provider.Refusals);
    }

    [Fact]
    public async Task A_directory_agent_without_the_supervisor_role_works_the_console_but_is_refused_the_supervisor_view()
    {
        using var host = new OpenIdConnectHost(_provider.Authority);
        var browser = Browser(host);

        await SignInAsync(browser, "agent-oid-2", "Sam Ito", AgentRole);

        Assert.Equal("Sam Ito", (string?)(await browser.GetFromJsonAsync<JsonObject>("/agent/api/me"))!["name"]);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agent/api/queue")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/agent/api/supervisor/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/agent/supervisor")).StatusCode);
        Assert.DoesNotContain("href=\"/agent/supervisor\"", await browser.GetStringAsync("/agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_account_without_the_agent_role_is_told_so_and_gets_no_session()
    {
        using var host = new OpenIdConnectHost(_provider.Authority);
        var browser = Browser(host);

        // A supervisor role alone does not make an agent: the console's required role decides.
        var callback = await SignInAsync(browser, "finance-oid-3", "Pat Finance", SupervisorRole);

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains("not a sales agent", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/agent/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/agent/api/supervisor/overview")).StatusCode);
    }

    [Fact]
    public async Task A_replayed_or_forged_callback_is_a_400_with_a_way_back_never_a_500_or_a_session()
    {
        using var host = new OpenIdConnectHost(_provider.Authority);
        var browser = Browser(host);
        var signIn = await browser.GetAsync("/agent/signin?returnUrl=/agent");
        var (code, state, redirect) = _provider.SignIn(signIn.Headers.Location!, "agent-oid-4", "Kai Lee", AgentRole);
        var first = await browser.PostAsync(redirect, Form(code, state));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        // Another browser (no correlation cookie) posts the same code and state: refused before the code is redeemed.
        var attacker = Browser(host);
        var replayed = await attacker.PostAsync(redirect, Form(code, state));
        var forged = await attacker.PostAsync(redirect, Form("made-up-code", "made-up-state"));

        foreach (var refused in new[] { replayed, forged })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Open /agent to start again", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetAsync("/agent/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/agent/api/me")).StatusCode);
    }

    /// <summary>A browser on the console's https address (the correlation and nonce cookies are Secure), following no redirects.</summary>
    private static HttpClient Browser(OpenIdConnectHost host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    /// <summary>Opens the console, follows it to the provider, signs in there as the user named, and posts the code back.</summary>
    private async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string subject, string name, params string[] roles)
    {
        var console = await browser.GetAsync("/agent");
        Assert.Equal(HttpStatusCode.Redirect, console.StatusCode);
        var signIn = await browser.GetAsync(console.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var (code, state, redirect) = _provider.SignIn(signIn.Headers.Location!, subject, name, roles);
        Assert.Equal("https://localhost/agent/signin-oidc", redirect.ToString());
        return await browser.PostAsync(redirect, Form(code, state));
    }

    private static FormUrlEncodedContent Form(string code, string state) =>
        new(new Dictionary<string, string> { ["code"] = code, ["state"] = state });

    /// <summary>The host with the console's sign-in delegated to the loopback provider, agents needing its agent role.</summary>
    private sealed class OpenIdConnectHost(string authority) : SalesBotFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SalesBot:Handoff:OpenIdConnect:Authority", authority);
            builder.UseSetting("SalesBot:Handoff:OpenIdConnect:ClientId", LoopbackOpenIdProvider.ClientId);
            builder.UseSetting("SalesBot:Handoff:OpenIdConnect:ClientSecret", LoopbackOpenIdProvider.ClientSecret);
            builder.UseSetting("SalesBot:Handoff:OpenIdConnect:RequiredRole", AgentRole);
        }
    }
}
