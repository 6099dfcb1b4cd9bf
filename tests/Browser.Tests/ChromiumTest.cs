using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// Debian's Chromium, launched headless once for the whole browser suite (Playwright's own browser download cannot
/// work here); nothing is launched when the prerequisites are missing (the tests then skip and say why).
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(BrowserPrerequisites.MissingReason ?? "Chromium is not running.");

    public async Task InitializeAsync()
    {
        if (BrowserPrerequisites.MissingReason is not null)
        {
            return;
        }

        // Assertions wait as long as every other step (their own default is 5 s, too short on a busy machine).
        Assertions.SetDefaultExpectTimeout(ChromiumTest.StepTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserPrerequisites.ChromiumPath,
            Headless = true,
            Timeout = ChromiumTest.StepTimeoutMs,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>
/// The browser suite shares one Chromium and one host (each test shops as a different demo user, so their carts
/// never meet); classes that need other settings bring their own host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<ChromiumFixture>, ICollectionFixture<WebChatHost>
{
    public const string Name = "Browser";
}

/// <summary>What every browser test does: open pages, talk in Web Chat, read cards, check accessibility.</summary>
public abstract partial class ChromiumTest(ChromiumFixture chromium, ITestOutputHelper output)
{
    /// <summary>Every wait is bounded: a broken page fails in seconds, not at the run's timeout.</summary>
    public const float StepTimeoutMs = 20_000;

    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    protected IBrowser Browser => chromium.Browser;

    protected ITestOutputHelper Output => output;

    /// <summary>
    /// A page in a fresh context (its own cookies and storage), on <paramref name="baseAddress"/>. Pages' content
    /// security policies are bypassed (axe-core is injected as a script tag) unless <paramref name="enforceContentSecurityPolicy"/>;
    /// <paramref name="trustAnyCertificate"/> for a test's own TLS listener (a throwaway self-signed certificate).
    /// </summary>
    protected async Task<IPage> NewPageAsync(Uri baseAddress, ViewportSize? viewport = null, bool isMobile = false, bool enforceContentSecurityPolicy = false, bool trustAnyCertificate = false)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = isMobile,
            HasTouch = isMobile,
            IgnoreHTTPSErrors = trustAnyCertificate,
            // axe-core is injected as a script tag; the card page's CSP (rightly) allows no scripts of its own.
            BypassCSP = !enforceContentSecurityPolicy,
        });
        context.SetDefaultTimeout(StepTimeoutMs);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type is not "error")
            {
                return;
            }

            try
            {
                output.WriteLine($"[browser {message.Type}] {message.Text}");
            }
            catch (InvalidOperationException)
            {
                // The test that opened the page has ended (a page it left open logs as its host stops). Throwing here
                // would run inside Playwright's dispatcher and close the connection every later test shares.
            }
        };
        return page;
    }

    /// <summary>Runs a test's steps; on failure saves a screenshot of each page and says where.</summary>
    protected async Task WithScreenshotsAsync(string name, Func<Task> steps, params IPage[] pages)
    {
        ArgumentNullException.ThrowIfNull(steps);
        try
        {
            await steps();
        }
        catch
        {
            for (var i = 0; i < pages.Length; i++)
            {
                var screenshot = Path.Combine(AppContext.BaseDirectory, "browser-failures", $"{name}-{i}.png");
                Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
                try
                {
                    await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true, Timeout = 5_000 });
                    output.WriteLine($"Screenshot of the failing page: {screenshot}");
                }
#pragma warning disable CA1031 // The screenshot is a courtesy: whatever stops it (a closed page, a page too busy to draw in time), the test's own failure is the one to report.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    output.WriteLine($"No screenshot of page {i}: {ex.GetType().Name}: {ex.Message}");
                }
            }

            throw;
        }
    }

    /// <summary>Opens the chat page and starts chatting as a demo user; returns the transcript.</summary>
    protected static async Task<ILocator> StartChatAsync(IPage page, string userId)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/");
        await page.Locator($"button.user[data-user-id='{userId}']").ClickAsync();
        await Expect(page.Locator("#whoami")).ToContainTextAsync(userId);
        var transcript = page.Locator("#webchat");
        // The bot's welcome arrives once Direct Line is connected: only then does the send box post.
        await Expect(transcript).ToContainTextAsync("sales assistant");
        return transcript;
    }

    /// <summary>Signs the demo agent in to the console on <paramref name="agent"/>'s address.</summary>
    protected static async Task SignInAgentAsync(IPage agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        await agent.GotoAsync("/agent");
        await agent.Locator("#agentId").FillAsync("dana.agent");
        await agent.Locator("#password").FillAsync("agent-demo-8x8");
        await agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Types into Web Chat's send box and sends.</summary>
    protected static async Task SayAsync(IPage page, string text)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message input box" }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
    }

    /// <summary>The newest Adaptive Card in the transcript with this heading (earlier cards stay on screen).</summary>
    protected static ILocator Card(IPage page, string heading)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Locator("#webchat .ac-adaptiveCard").Filter(new() { Has = page.GetByText(heading, new() { Exact = true }) }).Last;
    }

    /// <summary>How many cards with this heading the transcript shows.</summary>
    protected static Task<int> CardCountAsync(IPage page, string heading) =>
        page.Locator("#webchat .ac-adaptiveCard").Filter(new() { Has = page.GetByText(heading, new() { Exact = true }) }).CountAsync();

    /// <summary>Waits for a new card with this heading after <paramref name="before"/> of them were on screen.</summary>
    protected static async Task<ILocator> NextCardAsync(IPage page, string heading, int before)
    {
        var cards = page.Locator("#webchat .ac-adaptiveCard").Filter(new() { Has = page.GetByText(heading, new() { Exact = true }) });
        await Expect(cards).ToHaveCountAsync(before + 1);
        return cards.Last;
    }

    protected static ILocator Button(ILocator card, string name)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
    }

    protected static async Task ClickAsync(ILocator card, string button)
    {
        ArgumentNullException.ThrowIfNull(card);
        await card.WaitForAsync();
        await Button(card, button).ClickAsync();
    }

    /// <summary>The rows of a FactSet as shown: (title, value) pairs in screen order.</summary>
    protected static async Task<List<(string Title, string Value)>> FactsAsync(ILocator factSet)
    {
        ArgumentNullException.ThrowIfNull(factSet);
        var rows = await factSet.EvaluateAsync<string[][]>(
            "table => [...table.querySelectorAll('tr')].map(tr => [...tr.querySelectorAll('td.ac-fact-title, td.ac-fact-value')].map(td => td.innerText.trim()))");
        return [.. rows.Where(r => r.Length == 2).Select(r => (r[0], r[1]))];
    }

    /// <summary>
    /// Reads the money on a quote or confirmation card like a customer with a calculator: the lines of the section
    /// at <paramref name="factSetIndex"/> add up to <paramref name="totalLabel"/>'s amount, and each tax line is its
    /// rate of the taxed lines above it. Returns the lines and the total.
    /// </summary>
    protected static async Task<(List<(string Title, string Value)> Lines, decimal Total)> AssertAddsUpAsync(ILocator card, int factSetIndex, string totalLabel)
    {
        ArgumentNullException.ThrowIfNull(card);
        var lines = await FactsAsync(card.Locator("table.ac-factset").Nth(factSetIndex));
        var text = await card.InnerTextAsync();
        var totalMatch = Regex.Match(text, Regex.Escape(totalLabel) + @"\s*(\$[0-9,]+\.[0-9]{2})");
        Assert.True(totalMatch.Success, $"The card shows no \"{totalLabel}\": {text}");
        var total = Money(totalMatch.Groups[1].Value);
        Assert.Equal(total, lines.Sum(l => Money(l.Value)));

        var taxed = 0m;
        foreach (var (title, value) in lines)
        {
            if (TaxLine().Match(title) is { Success: true } tax)
            {
                var taxBase = Money(tax.Groups["base"].Value);
                Assert.Equal(taxed, taxBase);
                var rate = decimal.Parse(tax.Groups["rate"].Value, CultureInfo.InvariantCulture) / 100m;
                Assert.Equal(decimal.Round(taxBase * rate, 2, MidpointRounding.AwayFromZero), Money(value));
            }
            else if (!ShippingLine().IsMatch(title))
            {
                taxed += Money(value);
            }
        }

        return (lines, total);
    }

    protected static decimal Money(string text) => decimal.Parse(text, NumberStyles.Currency, UnitedStates);

    /// <summary>
    /// Runs axe-core (from the local npm copy) in the page and fails on any WCAG 2.1 A or AA violation, listing each
    /// with the elements it found.
    /// </summary>
    protected async Task AssertAccessibleAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
        {
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = BrowserPrerequisites.AxePath });
        }

        var found = await RunAxeAsync(page);
        if (found.Count > 0)
        {
            // Web Chat re-renders a card for a moment when the next activity arrives; only what is still there a
            // frame later is what a customer meets. A real defect is found both times.
            await page.EvaluateAsync("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))");
            var again = await RunAxeAsync(page);
            found = [.. found.Intersect(again, StringComparer.Ordinal)];
        }

        output.WriteLine($"axe-core on {what}: {found.Count} WCAG 2.1 A/AA violations");
        Assert.True(found.Count == 0, $"axe-core found WCAG 2.1 A/AA violations on {what}:\n{string.Join('\n', found)}");
    }

    private static async Task<List<string>> RunAxeAsync(IPage page)
    {
        var violations = await page.EvaluateAsync<JsonElement>(
            """
            async tags => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return result.violations.flatMap(v => v.nodes.slice(0, 5).map(n =>
                `${v.id} (${v.impact}): ${v.help}: ${JSON.stringify(n.target)} ${n.html.slice(0, 200)} — ${n.failureSummary.replace(/\n/g, ' ')}`));
            }
            """, WcagTags);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    // The card's lines as English and Spanish word them ("Sales tax (CA 7.25%) on $287.00", "Impuesto sobre las ventas
    // (CA 7.25 %) sobre $287.00"; "Shipping (Two-day)", "Envío (Two-day)").
    [GeneratedRegex(@"^(?:Sales tax|Impuesto sobre las ventas) \([A-Z]{2} (?<rate>[0-9.]+)\s?%\) (?:on|sobre) (?<base>\$[0-9,.]+)$")]
    private static partial Regex TaxLine();

    [GeneratedRegex(@"^(?:Shipping|Envío) \(")]
    private static partial Regex ShippingLine();
}
