using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using My8x8.SalesBot.Bot.Tests.Handoff;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>
/// The pages are Razor components whose style sheets and scripts are files the host serves itself (its wwwroot, the
/// console's embedded assets and the ordering library's static web assets), in Development and in a production host run from its build output alike;
/// each page's content security policy lets in exactly those and nothing inline.
/// </summary>
public sealed partial class PageAssetsTests
{
    private sealed class HostFactory(string environment) : SalesBotFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.UseSetting("SalesBot:AllowUnauthenticatedChannels", "true");
        }
    }

    private const string ReadOnlyPage = "default-src 'none'; style-src 'self'; form-action 'none'; base-uri 'none'";
    private const string CardPage = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'";
    private const string SignInPage = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private const string ConsolePage =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task Every_style_sheet_and_script_the_customer_pages_name_is_served_by_the_host(string environment)
    {
        using var factory = new HostFactory(environment);
        // Outside Development the sign-in form's antiforgery cookie is Secure: the host is reached over TLS (its proxy's).
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        await AssertPageAsync(client, "/", policy: null, expectedAssets: 2);
        await AssertPageAsync(client, "/terms", ReadOnlyPage, expectedAssets: 2);
        await AssertPageAsync(client, "/payments/cards/new?token=unknown", CardPage, expectedAssets: 2, HttpStatusCode.NotFound);
        await AssertPageAsync(client, "/agent/signin", SignInPage, expectedAssets: 1);
    }

    [Fact]
    public async Task The_agent_console_loads_its_own_script_and_style_sheet_under_a_policy_without_inline_code()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var agent = await factory.SignInAgentAsync();

        // Three style sheets (console, cart, conversations) and six scripts (console, cart, callbacks, quick replies, conversations, transfer).
        var html = await AssertPageAsync(agent, "/agent", ConsolePage, expectedAssets: 9);

        Assert.DoesNotContain("<style", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    private static async Task<string> AssertPageAsync(HttpClient client, string path, string? policy, int expectedAssets, HttpStatusCode status = HttpStatusCode.OK)
    {
        using var page = await client.GetAsync(path);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(status, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        if (policy is not null)
        {
            Assert.Equal(policy, page.Headers.GetValues("Content-Security-Policy").Single());
        }

        // The Web Chat bundle and the React it draws the agent's messages with are endpoints of their own (local npm
        // copies; without React the page still works and the agent's name is written into the words): not the page's files.
        string[] fromNpm = ["/webchat/webchat.js", "/webchat/react.js", "/webchat/react-dom.js"];
        var assets = AssetReference().Matches(html).Select(m => m.Groups["path"].Value).Where(p => !fromNpm.Contains(p)).ToList();
        Assert.Equal(expectedAssets, assets.Count);
        foreach (var asset in assets)
        {
            using var response = await client.GetAsync(asset);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} names {asset}, which answers {(int)response.StatusCode}");
            Assert.Equal(asset.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript", response.Content.Headers.ContentType?.MediaType);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }

        return html;
    }

    [GeneratedRegex("""<(?:link rel="stylesheet" href|script src)="(?<path>/[^"]+)"[^>]*>""")]
    private static partial Regex AssetReference();
}
