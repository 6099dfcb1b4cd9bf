using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// A customer orders in Web Chat while a supervisor watches: the supervisor's funnel (chart and table) shows that
/// order, read back from the ordering API, and every console page passes axe-core and works by keyboard.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class SupervisorViewTests(ChromiumFixture chromium, ITestOutputHelper output) : ChromiumTest(chromium, output)
{
    [BrowserFact]
    public async Task The_supervisors_funnel_shows_the_order_a_customer_placed_in_Web_Chat()
    {
        // A host of its own, so today's funnel holds only this customer.
        using var host = new WebChatHost(new Dictionary<string, string>());
        var customer = await NewPageAsync(host.BaseAddress);
        var supervisor = await NewPageAsync(host.BaseAddress);
        await WithScreenshotsAsync(nameof(The_supervisors_funnel_shows_the_order_a_customer_placed_in_Web_Chat), async () =>
        {
            var transcript = await StartChatAsync(customer, "ava.ordering");
            await SayAsync(customer, "hi");
            await Expect(transcript).ToContainTextAsync("Hi Ava!");
            var catalog = Card(customer, "Product catalog");
            await catalog.GetByLabel("Quantity of X4 line (0 to 10)").FillAsync("1");
            await ClickAsync(catalog, "Add to cart");
            await ClickAsync(Card(customer, "Your cart"), "Checkout");
            await ClickAsync(Card(customer, "Choose a payment card"), "Use this card");
            // Lines alone ship nothing: the quote comes next.
            await ClickAsync(Card(customer, "Your quote"), "Continue");
            var terms = Card(customer, "Terms and Conditions");
            await terms.GetByRole(AriaRole.Checkbox, new() { Name = "I agree to the Terms and Conditions" }).CheckAsync();
            await ClickAsync(terms, "Agree & Buy");
            await Card(customer, "Your order").WaitForAsync();
            var number = OrderNumber().Match(await transcript.InnerTextAsync()).Groups["number"].Value;
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var order = (await http.GetFromJsonAsync<JsonObject>($"/ordering/v1/orders/{Uri.EscapeDataString(number)}"))!;
            Assert.Equal(number, (string?)order["number"]);

            // The supervisor signs in, then reaches the view from the console by keyboard alone.
            await supervisor.GotoAsync("/agent/supervisor");
            await supervisor.Locator("#agentId").WaitForAsync();
            await AssertAccessibleAsync(supervisor, "the sign-in page");
            await supervisor.Locator("#agentId").FillAsync("dana.agent");
            await supervisor.Locator("#password").FillAsync("agent-demo-8x8");
            await supervisor.Keyboard.PressAsync("Enter");
            await Expect(supervisor.Locator("h1")).ToHaveTextAsync("8x8 Sales supervisor view");
            await supervisor.GotoAsync("/agent");
            await AssertAccessibleAsync(supervisor, "the agent console");
            await supervisor.GetByRole(AriaRole.Link, new() { Name = "Supervisor view" }).FocusAsync();
            await supervisor.Keyboard.PressAsync("Enter");

            var table = supervisor.Locator("#funnel-table");
            await Expect(table.Locator("td[data-stage='order_placed']")).ToHaveTextAsync("1");
            await Expect(table.Locator("td[data-stage='conversation']")).ToHaveTextAsync("1");
            await Expect(table.Locator("td[data-stage='cart']")).ToHaveTextAsync("1");
            await Expect(table.Locator("td[data-stage='terms']")).ToHaveTextAsync("1");
            var chart = supervisor.Locator("#funnel-chart svg[role='img']");
            await Expect(chart.Locator("desc")).ToContainTextAsync("Orders placed 1");
            await Expect(chart.Locator("rect")).ToHaveCountAsync(8);
            await AssertAccessibleAsync(supervisor, "the supervisor view");
        }, customer, supervisor);
    }

    [GeneratedRegex(@"Order number: (?<number>SO-[0-9]{4}-[0-9]+)")]
    private static partial Regex OrderNumber();
}
