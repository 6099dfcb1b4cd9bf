using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// A sales agent prepares a cart above the self-service limits in the console and sends it; the customer buys it in
/// Web Chat themselves and the ordering API shows who assisted. The same cart built by the customer alone is refused.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class AssistedOrderTests(ChromiumFixture chromium, WebChatHost host, ITestOutputHelper output) : ChromiumTest(chromium, output)
{
    [BrowserFact]
    public async Task An_agent_prepares_20_lines_and_5_phones_the_customer_buys_them_in_the_chat_and_the_order_shows_the_agent()
    {
        var customer = await NewPageAsync(host.BaseAddress);
        var agent = await NewPageAsync(host.BaseAddress);
        await WithScreenshotsAsync(nameof(An_agent_prepares_20_lines_and_5_phones_the_customer_buys_them_in_the_chat_and_the_order_shows_the_agent), async () =>
        {
            var chat = await StartChatAsync(customer, "kim.manycards");
            await SayAsync(customer, "talk to a person");
            await Expect(chat).ToContainTextAsync("asked a sales agent to join this chat");

            await agent.GotoAsync("/agent");
            await agent.Locator("#agentId").FillAsync("dana.agent");
            await agent.Locator("#password").FillAsync("agent-demo-8x8");
            await agent.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await agent.Locator("#queue button").Filter(new() { HasText = "Kim" }).ClickAsync();
            await agent.GetByRole(AriaRole.Button, new() { Name = "Accept conversation" }).ClickAsync();
            await Expect(chat).ToContainTextAsync("Dana Reyes from 8x8 Sales joined the chat.");

            // The panel states the limits from the settings, and prepares the whole cart in one save.
            var panel = agent.Locator("#assisted-cart");
            await Expect(panel).ToContainTextAsync("You can prepare up to 100 new lines and 100 devices (self-service: 10 and 10)");
            foreach (var box in await panel.Locator("input[type=number]").AllAsync())
            {
                await box.FillAsync("0");
            }

            await panel.GetByLabel("X2 line", new() { Exact = true }).FillAsync("20");
            await panel.GetByLabel("Poly VVX 250", new() { Exact = true }).FillAsync("5");
            await panel.GetByRole(AriaRole.Button, new() { Name = "Save cart" }).ClickAsync();
            await Expect(panel.Locator("#assisted-cart-totals")).ToContainTextAsync("20 new lines · 5 devices");
            await Expect(panel).ToContainTextAsync("Prepared by Dana Reyes: sales-assisted limits apply");
            await AssertAccessibleAsync(agent, "the agent console with the sales-assisted cart panel");

            // Over the sales-assisted limit: refused with the reason, and the saved cart stays.
            await panel.GetByLabel("X2 line", new() { Exact = true }).FillAsync("60");
            await panel.GetByLabel("X4 line", new() { Exact = true }).FillAsync("41");
            await panel.GetByRole(AriaRole.Button, new() { Name = "Save cart" }).ClickAsync();
            await Expect(panel.Locator("#assisted-cart-status")).ToContainTextAsync("The cart has 101 new lines; sales-assisted orders can have at most 100.");
            await Expect(panel.Locator("#assisted-cart-totals")).ToContainTextAsync("20 new lines · 5 devices");
            await panel.GetByLabel("X2 line", new() { Exact = true }).FillAsync("20");
            await panel.GetByLabel("X4 line", new() { Exact = true }).FillAsync("0");

            await panel.GetByRole(AriaRole.Button, new() { Name = "Send cart to customer" }).ClickAsync();
            await Expect(chat).ToContainTextAsync("Dana Reyes from 8x8 Sales sent you a cart and left the chat.");

            // The customer checks out exactly as in self service: card, shipping, taxes, terms, Agree & Buy.
            var cart = Card(customer, "Your cart");
            await Expect(cart).ToContainTextAsync("Dana Reyes from 8x8 Sales prepared this cart for you.");
            await Expect(cart).ToContainTextAsync("20 lines and 5 devices");
            await ClickAsync(cart, "Checkout");
            await ClickAsync(Card(customer, "Choose a payment card"), "Use this card");
            var shipping = Card(customer, "Shipping");
            await Expect(shipping).ToContainTextAsync("Ground: $9.95");
            await ClickAsync(shipping, "Continue");
            var quote = Card(customer, "Your quote");
            await quote.WaitForAsync();
            var (_, quoteTotal) = await AssertAddsUpAsync(quote, 0, "Total due today");
            await AssertAddsUpAsync(quote, 1, "Monthly total");
            await ClickAsync(quote, "Continue");
            var terms = Card(customer, "Terms and Conditions");
            await terms.GetByRole(AriaRole.Checkbox, new() { Name = "I agree to the Terms and Conditions" }).CheckAsync();
            await ClickAsync(terms, "Agree & Buy");
            var confirmation = Card(customer, "Your order");
            await confirmation.WaitForAsync();
            var (_, chargedTotal) = await AssertAddsUpAsync(confirmation, 1, "Total charged today");
            Assert.Equal(quoteTotal, chargedTotal);

            var number = OrderNumber().Match(await chat.InnerTextAsync()).Groups["number"].Value;
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var order = (await http.GetFromJsonAsync<JsonObject>($"/ordering/v1/orders/{Uri.EscapeDataString(number)}"))!;
            Assert.Equal(("dana.agent", "Dana Reyes"), ((string?)order["assistedBy"]?["id"], (string?)order["assistedBy"]?["name"]));
            Assert.Equal("kim.manycards", (string?)order["termsAcceptedBy"]);
            Assert.Equal(["POLY-VVX250×5", "X2-LINE×20"], order["items"]!.AsArray().Select(i => $"{(string?)i!["sku"]}×{(int)i["quantity"]!}").Order(StringComparer.Ordinal));

            // The same cart, built by the customer alone, stops at the self-service limits.
            await SayAsync(customer, "add 20 X2 lines and 5 Poly VVX 250 phones");
            await Expect(chat).ToContainTextAsync("self-service orders can add up to 10");
            var own = (await http.GetFromJsonAsync<JsonObject>("/ordering/v1/users/kim.manycards/cart"))!;
            Assert.Equal((20, 5), ((int)own["lineCount"]!, (int)own["deviceCount"]!));
            Assert.Null(own["assistedBy"]);
            using var refused = await http.PostAsJsonAsync($"/ordering/v1/users/kim.manycards/carts/{(string?)own["id"]}/quotes", new { cardId = (string?)null });
            var reason = await refused.Content.ReadAsStringAsync();
            Assert.True(refused.StatusCode == System.Net.HttpStatusCode.UnprocessableEntity, reason);
            Assert.Contains("TooManyLines", reason, StringComparison.Ordinal);
            await SayAsync(customer, "empty cart");
            await Expect(chat).ToContainTextAsync("your cart is empty");
        }, customer, agent);
    }

    [GeneratedRegex(@"Order number: (?<number>SO-[0-9]{4}-[0-9]+)")]
    private static partial Regex OrderNumber();
}
