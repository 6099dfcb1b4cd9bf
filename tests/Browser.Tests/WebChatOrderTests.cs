using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// The website chat end to end: Debian's Chromium, driven by Playwright, opens the host's page, picks a demo user and
/// buys lines and a phone in the real Web Chat (embedded Direct Line), clicking the cards and typing like a customer.
/// </summary>
public sealed partial class WebChatOrderTests(WebChatHost host, ITestOutputHelper output) : ChromiumTest, IClassFixture<WebChatHost>
{
    [BrowserFact]
    public async Task A_demo_user_buys_lines_and_a_phone_in_web_chat_and_the_order_is_in_the_ordering_api()
    {
        var baseAddress = host.BaseAddress;
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = baseAddress.ToString(), Locale = "en-US" });
        page.SetDefaultTimeout(StepTimeoutMs);
        page.Console += (_, message) => { if (message.Type is "error" or "warning") { output.WriteLine($"[browser {message.Type}] {message.Text}"); } };
        try
        {
            var orderNumber = await BuyAsync(page);

            using var http = new HttpClient { BaseAddress = baseAddress };
            var order = (await http.GetFromJsonAsync<JsonObject>($"/ordering/v1/orders/{Uri.EscapeDataString(orderNumber)}"))!;
            var terms = (await http.GetFromJsonAsync<JsonObject>("/ordering/v1/terms"))!;
            var items = order["items"]!.AsArray().Select(item => $"{(string?)item!["sku"]}×{(int)item["quantity"]!}").Order(StringComparer.Ordinal);
            Assert.Equal(["X4-LINE×2", "YEA-T54W×1"], items);
            Assert.Equal("two-day", (string?)order["shipping"]?["code"]);
            Assert.Equal((string?)terms["version"], (string?)order["termsVersion"]);
            Assert.Equal("ava.ordering", (string?)order["userId"]);
        }
        catch
        {
            var screenshot = Path.Combine(AppContext.BaseDirectory, "browser-failures", $"{nameof(A_demo_user_buys_lines_and_a_phone_in_web_chat_and_the_order_is_in_the_ordering_api)}.png");
            Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true, Timeout = 5_000 });
            output.WriteLine($"Screenshot of the failing page: {screenshot}");
            throw;
        }
    }

    /// <summary>The customer's side of the conversation; returns the order number the transcript shows.</summary>
    private async Task<string> BuyAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.Locator("button.user[data-user-id='ava.ordering']").ClickAsync();
        await Expect(page.Locator("#whoami")).ToContainTextAsync("ava.ordering");

        // The bot's welcome arrives once Direct Line is connected: only then does the send box post.
        var transcript = page.Locator("#webchat");
        await Expect(transcript).ToContainTextAsync("sales assistant");
        await SayAsync(page, "hi");
        await Expect(transcript).ToContainTextAsync("Hi Ava!");

        await SayAsync(page, "add 2 X4 lines and 1 Yealink T54W");
        await ClickAsync(Card(page, "Your cart"), "Checkout");

        // Ava has one Visa on file; the card has it selected.
        await ClickAsync(Card(page, "Choose a payment card"), "Use this card");

        var shipping = Card(page, "Shipping");
        await shipping.GetByRole(AriaRole.Radio, new() { NameRegex = TwoDay() }).CheckAsync();
        await ClickAsync(shipping, "Continue");

        await ClickAsync(Card(page, "Your quote"), "Continue");

        var terms = Card(page, "Terms and Conditions");
        await terms.GetByRole(AriaRole.Checkbox, new() { Name = "I agree to the Terms and Conditions" }).CheckAsync();
        await ClickAsync(terms, "Agree & Buy");

        var confirmation = transcript.GetByText(OrderNumber()).First;
        await confirmation.WaitForAsync();
        var number = OrderNumber().Match(await confirmation.InnerTextAsync()).Groups["number"].Value;
        output.WriteLine($"Order {number} placed in Web Chat");
        return number;
    }

    /// <summary>The newest Adaptive Card in the transcript with this heading (earlier cards stay on screen).</summary>
    private static ILocator Card(IPage page, string heading) =>
        page.Locator("#webchat .ac-adaptiveCard").Filter(new() { Has = page.GetByText(heading, new() { Exact = true }) }).Last;

    private static async Task ClickAsync(ILocator card, string button)
    {
        await card.WaitForAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
    }

    [GeneratedRegex("^Two-day")]
    private static partial Regex TwoDay();

    [GeneratedRegex(@"Order number: (?<number>[A-Za-z0-9-]+)")]
    private static partial Regex OrderNumber();
}
