using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// The website chat end to end as customers use it: Debian's Chromium, driven by Playwright, opens the host's page,
/// picks a demo user and buys in the real Web Chat (embedded Direct Line) from the catalog card's boxes, reading the
/// money on screen; the order is then read back from the ordering API.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class WebChatOrderTests(ChromiumFixture chromium, WebChatHost host, ITestOutputHelper output) : ChromiumTest(chromium, output)
{
    [BrowserFact]
    public async Task A_customer_orders_from_the_catalog_card_with_most_boxes_blank_and_the_money_on_screen_adds_up()
    {
        var page = await NewPageAsync(host.BaseAddress);
        await WithScreenshotsAsync(nameof(A_customer_orders_from_the_catalog_card_with_most_boxes_blank_and_the_money_on_screen_adds_up), async () =>
        {
            var transcript = await StartChatAsync(page, "ava.ordering");
            await SayAsync(page, "hi");
            await Expect(transcript).ToContainTextAsync("Hi Ava!");

            // Two boxes of nine filled in, the rest left blank, as a customer would.
            var catalog = Card(page, "Product catalog");
            await catalog.GetByLabel("Quantity of X4 line (0 to 10)").FillAsync("2");
            await catalog.GetByLabel("Quantity of Yealink T54W (0 to 10)").FillAsync("1");
            Assert.Equal(7, await catalog.Locator("input[type=number]").EvaluateAllAsync<int>("inputs => inputs.filter(i => i.value === '').length"));
            await ClickAsync(catalog, "Add to cart");

            var cart = Card(page, "Your cart");
            await Expect(cart).ToContainTextAsync("2 lines and 1 device");
            await ClickAsync(cart, "Checkout");
            await ClickAsync(Card(page, "Choose a payment card"), "Use this card");
            var shipping = Card(page, "Shipping");
            await shipping.GetByRole(AriaRole.Radio, new() { NameRegex = TwoDay() }).CheckAsync();
            await ClickAsync(shipping, "Continue");

            var quote = Card(page, "Your quote");
            await quote.WaitForAsync();
            var (quoteLines, quoteTotal) = await AssertAddsUpAsync(quote, 0, "Total due today");
            var (monthlyLines, _) = await AssertAddsUpAsync(quote, 1, "Monthly total");
            Assert.Equal(["Equipment", "First month of service", "Shipping (Two-day)", "Sales tax (CA 7.25%) on $287.00"], quoteLines.Select(l => l.Title));
            Assert.Equal(["Lines of service", "Sales tax (CA 7.25%) on $88.00"], monthlyLines.Select(l => l.Title));
            await ClickAsync(quote, "Continue");

            var terms = Card(page, "Terms and Conditions");
            await Expect(terms).ToContainTextAsync(Wording(quoteTotal));
            await terms.GetByRole(AriaRole.Checkbox, new() { Name = "I agree to the Terms and Conditions" }).CheckAsync();
            await ClickAsync(terms, "Agree & Buy");

            var confirmation = Card(page, "Your order");
            await confirmation.WaitForAsync();
            var (charged, chargedTotal) = await AssertAddsUpAsync(confirmation, 1, "Total charged today");
            Assert.Equal(quoteLines, charged);
            Assert.Equal(quoteTotal, chargedTotal);
            await Expect(confirmation).ToContainTextAsync("What happens next");
            await Expect(confirmation).ToContainTextAsync("2 business days");

            // "Placed" is said once on screen: in the line above the card, not again inside it.
            var number = OrderNumber().Match(await transcript.InnerTextAsync()).Groups["number"].Value;
            var placed = (await VisibleTextAsync(transcript)).Where(l => Regex.IsMatch(l, @"\bplaced\b", RegexOptions.IgnoreCase)).ToList();
            Assert.True(placed.Count == 1, "Said more than once: " + string.Join(" | ", placed));

            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var order = (await http.GetFromJsonAsync<JsonObject>($"/ordering/v1/orders/{Uri.EscapeDataString(number)}"))!;
            Assert.Equal(["X4-LINE×2", "YEA-T54W×1"], order["items"]!.AsArray().Select(i => $"{(string?)i!["sku"]}×{(int)i["quantity"]!}").Order(StringComparer.Ordinal));
            Assert.Equal("two-day", (string?)order["shipping"]?["code"]);
            Assert.Equal(chargedTotal, (decimal)order["total"]!);
            Assert.Equal(charged.Select(l => Money(l.Value)), order["charges"]!["dueToday"]!.AsArray().Select(c => (decimal)c!["amount"]!));

            await AssertAccessibleAsync(page, "the chat after an order");
        }, page);
    }

    /// <summary>The text blocks a sighted customer sees (screen-reader-only copies, clipped to a pixel, left out).</summary>
    private static Task<string[]> VisibleTextAsync(ILocator region) => region.EvaluateAsync<string[]>(
        """
        root => {
          const seen = [];
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const element = node.parentElement;
            const box = element.getBoundingClientRect();
            if (node.textContent.trim() && box.width > 2 && box.height > 2 && element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
              seen.push(node.textContent.trim());
            }
          }
          return seen;
        }
        """);

    private static string Wording(decimal amount) => amount.ToString("C2", System.Globalization.CultureInfo.GetCultureInfo("en-US"));

    [GeneratedRegex("^Two-day")]
    private static partial Regex TwoDay();

    [GeneratedRegex(@"Order number: (?<number>SO-[0-9]{4}-[0-9]+)")]
    private static partial Regex OrderNumber();
}
