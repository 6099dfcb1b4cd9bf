using Microsoft.Playwright;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// A test class that drives Debian's Chromium: launched headless once per class (Playwright's own browser download
/// cannot work here), nothing launched when the prerequisites are missing (the tests then skip and say why).
/// </summary>
public abstract class ChromiumTest : IAsyncLifetime
{
    /// <summary>Every wait is bounded: a broken page fails in seconds, not at the run's timeout.</summary>
    protected const float StepTimeoutMs = 20_000;

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    protected IBrowser Browser => _browser ?? throw new InvalidOperationException(BrowserPrerequisites.MissingReason ?? "Chromium is not running.");

    public async Task InitializeAsync()
    {
        if (BrowserPrerequisites.MissingReason is not null)
        {
            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserPrerequisites.ChromiumPath,
            Headless = true,
            Timeout = StepTimeoutMs,
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

    /// <summary>Types into Web Chat's send box and sends.</summary>
    protected static async Task SayAsync(IPage page, string text)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Message input box" }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send", Exact = true }).ClickAsync();
    }

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
