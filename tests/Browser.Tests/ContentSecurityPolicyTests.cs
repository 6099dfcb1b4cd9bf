using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// The pages under their own content security policies, as a customer's or agent's browser enforces them (the other
/// browser tests bypass them to inject axe-core): their style sheets and scripts load and run, and nothing is refused.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed class ContentSecurityPolicyTests(ChromiumFixture chromium, WebChatHost host, ITestOutputHelper output) : ChromiumTest(chromium, output)
{
    // Registered before any page script: every refusal the policy makes lands here.
    private const string RecordViolations =
        "window.__cspViolations = []; document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));";

    [BrowserFact]
    public async Task The_card_and_terms_pages_are_styled_from_their_own_files_with_nothing_refused()
    {
        var page = await PageAsync();
        await WithScreenshotsAsync("csp-ordering-pages", async () =>
        {
            // A link that cannot be used shows the card page's own layout and its error state.
            await page.GotoAsync("/payments/cards/new?token=not-a-real-link");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "This link is not valid" })).ToBeVisibleAsync();
            Assert.Equal("rgb(16, 24, 32)", await BackgroundOfAsync(page, ".site-header"));
            Assert.Equal("512px", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).maxWidth"));
            await AssertNothingRefusedAsync(page, "the card page");

            await page.GotoAsync("/terms");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Terms and Conditions" })).ToBeVisibleAsync();
            Assert.Equal("rgb(16, 24, 32)", await BackgroundOfAsync(page, ".site-header"));
            Assert.Equal("rgb(80, 80, 80)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.meta')).color"));
            await AssertNothingRefusedAsync(page, "the terms page");
        }, page);
    }

    [BrowserFact]
    public async Task The_agent_sign_in_and_console_run_their_own_script_and_styles_with_nothing_refused()
    {
        var page = await PageAsync();
        await WithScreenshotsAsync("csp-agent-console", async () =>
        {
            await page.GotoAsync("/agent");
            await page.Locator("#agentId").WaitForAsync();
            Assert.Equal("rgb(200, 16, 46)", await BackgroundOfAsync(page, "button[type=submit]"));
            await AssertNothingRefusedAsync(page, "the agent sign-in");

            await page.Locator("#agentId").FillAsync("dana.agent");
            await page.Locator("#password").FillAsync("agent-demo-8x8");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            // "Live" is written by the console's script once its event stream is open: script and connect allowed.
            await Expect(page.Locator("#live")).ToHaveTextAsync("Live");
            // The lists are drawn by the script from the console's API (an entry, or the line saying there is none).
            await Expect(page.Locator("#queue li").First).ToBeVisibleAsync();
            Assert.Equal("rgb(255, 255, 255)", await BackgroundOfAsync(page, "header"));
            Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#conversation')).display"));
            await AssertNothingRefusedAsync(page, "the agent console");
        }, page);
    }

    [BrowserFact]
    public async Task The_chat_page_runs_web_chat_and_its_cards_under_its_own_policy_with_nothing_refused()
    {
        var page = await PageAsync();
        await WithScreenshotsAsync("csp-chat-page", async () =>
        {
            var response = await page.GotoAsync("/");
            var policy = await response!.HeaderValueAsync("content-security-policy");
            Assert.NotNull(policy);
            // Web Chat's style sheets are let in by this response's nonce, not by 'unsafe-inline'; no other origin may run a script.
            Assert.Matches("style-src 'self' 'nonce-[0-9A-F]{32}' 'sha256-47DEQpj8HBSa\\+/TImW\\+5JCeuQeRkm5NMpJWZG3hSuFU='", policy);
            Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
            Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);

            var transcript = await StartChatAsync(page, "ava.ordering");
            await SayAsync(page, "hi");
            await Expect(transcript).ToContainTextAsync("Hi Ava!");
            var catalog = Card(page, "Product catalog");
            await catalog.GetByLabel("Quantity of X4 line (0 to 10)").FillAsync("1");
            await ClickAsync(catalog, "Add to cart");
            await Expect(Card(page, "Your cart")).ToContainTextAsync("1 line");

            // Web Chat's own styles applied (its style sheets were admitted): the page's bubble colours and the hidden upload button.
            Assert.Equal("rgb(213, 0, 50)", await page.EvaluateAsync<string>(
                "() => getComputedStyle(document.querySelector('#webchat .webchat__bubble--from-user .webchat__bubble__content')).backgroundColor"));
            Assert.Equal(0, await page.Locator("#webchat .webchat__upload-button").CountAsync());
            await AssertNothingRefusedAsync(page, "the chat page");
        }, page);
    }

    [BrowserFact]
    public async Task The_supervisor_view_draws_its_chart_under_its_policy_with_nothing_refused()
    {
        var page = await PageAsync();
        await WithScreenshotsAsync("csp-supervisor", async () =>
        {
            await SignInAgentAsync(page);
            await page.GotoAsync("/agent/supervisor");
            // The chart is SVG the script builds, styled by the page's own style sheet: script, connect and style allowed.
            await Expect(page.Locator("#funnel-chart svg rect")).ToHaveCountAsync(8);
            Assert.Equal("rgb(200, 16, 46)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('#funnel-chart rect.bar')).fill"));
            await AssertNothingRefusedAsync(page, "the supervisor view");
        }, page);
    }

    private async Task<IPage> PageAsync()
    {
        var page = await NewPageAsync(host.BaseAddress, enforceContentSecurityPolicy: true);
        await page.AddInitScriptAsync(RecordViolations);
        return page;
    }

    private static Task<string> BackgroundOfAsync(IPage page, string selector) =>
        page.EvaluateAsync<string>("s => getComputedStyle(document.querySelector(s)).backgroundColor", selector);

    private async Task AssertNothingRefusedAsync(IPage page, string what)
    {
        var refused = await page.EvaluateAsync<string[]>("() => window.__cspViolations");
        Output.WriteLine($"{what}: {refused.Length} content security policy refusals");
        Assert.True(refused.Length == 0, $"{what}: the page's own policy refused {string.Join("; ", refused)}");
    }
}
