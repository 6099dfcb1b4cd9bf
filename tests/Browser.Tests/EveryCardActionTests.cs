using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// Every button of every card the conversation shows, clicked at least once in the real Web Chat, with blank, too
/// large and mistyped boxes; the hosted card page (with a mistake first) and the terms page along the way, each
/// checked with axe-core.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class EveryCardActionTests(ChromiumFixture chromium, WebChatHost host, ITestOutputHelper output) : ChromiumTest(chromium, output)
{
    private const string Catalog = "Product catalog";
    private const string Cart = "Your cart";

    [BrowserFact]
    public async Task Every_action_of_every_card_answers_blank_too_large_and_mistyped_boxes_and_the_order_completes()
    {
        var page = await NewPageAsync(host.BaseAddress);
        await WithScreenshotsAsync(nameof(Every_action_of_every_card_answers_blank_too_large_and_mistyped_boxes_and_the_order_completes), async () =>
        {
            var transcript = await StartChatAsync(page, "kim.manycards");
            await SayAsync(page, "hi");
            var catalog = await NextCardAsync(page, Catalog, 0);

            // Catalog: Add to cart with every box blank adds nothing and shows the catalog again.
            await ClickAsync(catalog, "Add to cart");
            catalog = await NextCardAsync(page, Catalog, 1);

            // A box that is not a whole number is answered, and the card stays usable.
            await catalog.GetByLabel("Quantity of X2 line (0 to 10)").FillAsync("2.5");
            await ClickAsync(catalog, "Add to cart");
            await Expect(transcript).ToContainTextAsync(new Regex("couldn.t read .2\\.5. as a quantity"));

            // Too many lines for one order: the cart explains the limit and offers no checkout.
            await catalog.GetByLabel("Quantity of X2 line (0 to 10)").FillAsync("11");
            await ClickAsync(catalog, "Add to cart");
            var cart = await NextCardAsync(page, Cart, 0);
            await Expect(cart).ToContainTextAsync("can add up to 10");
            await Expect(Button(cart, "Checkout")).ToHaveCountAsync(0);

            // Cart: a cleared box leaves the item as it is; Empty cart empties it.
            await cart.GetByLabel(QuantityOf("X2 line")).FillAsync("");
            await ClickAsync(cart, "Update quantities");
            cart = await NextCardAsync(page, Cart, 1);
            await Expect(cart).ToContainTextAsync("11 lines");
            await ClickAsync(cart, "Empty cart");
            await Expect(transcript).ToContainTextAsync("your cart is empty");

            // Catalog's View cart shows the empty cart; its Keep shopping goes back to the catalog.
            await SayAsync(page, "catalog");
            catalog = await NextCardAsync(page, Catalog, 2);
            await ClickAsync(catalog, "View cart");
            cart = await NextCardAsync(page, Cart, 2);
            await Expect(cart).ToContainTextAsync("No items yet");
            await ClickAsync(cart, "Keep shopping");
            catalog = await NextCardAsync(page, Catalog, 3);

            await catalog.GetByLabel("Quantity of X2 line (0 to 10)").FillAsync("2");
            await catalog.GetByLabel("Quantity of Yealink T54W (0 to 10)").FillAsync("1");
            await catalog.GetByLabel("Quantity of Jabra Evolve2 65 (0 to 10)").FillAsync("1");
            await ClickAsync(catalog, "Add to cart");
            cart = await NextCardAsync(page, Cart, 3);
            await Expect(cart).ToContainTextAsync("2 lines and 2 devices");

            // Remove takes one item out; Update quantities changes another.
            await cart.GetByRole(AriaRole.Button, new() { Name = "Remove" }).Last.ClickAsync();
            cart = await NextCardAsync(page, Cart, 4);
            await Expect(cart).ToContainTextAsync("2 lines and 1 device");

            // Too many of one item, and a box that is not a whole number: each answered, the cart unchanged.
            await cart.GetByLabel(QuantityOf("Yealink T54W")).FillAsync("101");
            await ClickAsync(cart, "Update quantities");
            await Expect(transcript).ToContainTextAsync("from 1 to 100");
            await cart.GetByLabel(QuantityOf("Yealink T54W")).FillAsync("1.5");
            await ClickAsync(cart, "Update quantities");
            await Expect(transcript).ToContainTextAsync(new Regex("couldn.t read .1\\.5. as a quantity"));
            var carts = await CardCountAsync(page, Cart);
            await Expect(Card(page, Cart)).ToContainTextAsync("2 lines and 1 device");

            cart = Card(page, Cart);
            await cart.GetByLabel(QuantityOf("Yealink T54W")).FillAsync("1");
            await cart.GetByLabel(QuantityOf("X2 line")).FillAsync("3");
            await ClickAsync(cart, "Update quantities");
            cart = await NextCardAsync(page, Cart, carts);
            await Expect(cart).ToContainTextAsync("3 lines and 1 device");
            await ClickAsync(cart, "Checkout");

            // Card on file: add a new card. "I've added it" before adding one is answered honestly.
            await ClickAsync(await NextCardAsync(page, "Choose a payment card", 0), "Add a new card");
            var addCard = await NextCardAsync(page, "Add a payment card", 0);
            await ClickAsync(addCard, "I've added it");
            await Expect(transcript).ToContainTextAsync(new Regex("don.t see a new card"));

            var popup = page.Context.WaitForPageAsync();
            await ClickAsync(addCard, "Open the secure card page");
            var cardPage = await popup;
            cardPage.SetDefaultTimeout(StepTimeoutMs);
            await Expect(cardPage.Locator("header.site-header")).ToContainTextAsync("8x8 secure card page");
            await cardPage.GetByLabel("Card number").FillAsync("4111111111111111");
            await cardPage.GetByLabel("Expiry date (MM/YY)").FillAsync("13/29");
            await cardPage.GetByLabel("Security code (CVC)").FillAsync("737");
            await cardPage.GetByLabel("Name on card").FillAsync("Kim Nakamura");
            await cardPage.GetByLabel("Billing ZIP code").FillAsync("80202");
            await cardPage.GetByRole(AriaRole.Button, new() { Name = "Add card" }).ClickAsync();
            await Expect(cardPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("please enter them again");
            await Expect(cardPage.GetByLabel("Card number")).ToHaveValueAsync("");
            Assert.DoesNotContain("4111", await cardPage.ContentAsync(), StringComparison.Ordinal);
            await AssertAccessibleAsync(cardPage, "the card page after a mistake");
            await cardPage.GetByLabel("Card number").FillAsync("4111111111111111");
            await cardPage.GetByLabel("Expiry date (MM/YY)").FillAsync("04/29");
            await cardPage.GetByLabel("Security code (CVC)").FillAsync("737");
            await cardPage.GetByRole(AriaRole.Button, new() { Name = "Add card" }).ClickAsync();
            await Expect(cardPage.Locator("h1")).ToHaveTextAsync("Card added");
            await cardPage.CloseAsync();

            // The chat hears of the new card and goes on to shipping; Change cart goes back.
            var shipping = await NextCardAsync(page, "Shipping", 0);
            await ClickAsync(shipping, "Change cart");
            cart = await NextCardAsync(page, Cart, carts + 1);
            await ClickAsync(cart, "Checkout");
            await ClickAsync(await NextCardAsync(page, "Choose a payment card", 1), "Use this card");
            await ClickAsync(await NextCardAsync(page, "Shipping", 1), "Continue");

            // Quote: Change cart, then all the way back and Continue.
            await ClickAsync(await NextCardAsync(page, "Your quote", 0), "Change cart");
            await ClickAsync(await NextCardAsync(page, Cart, carts + 2), "Checkout");
            await ClickAsync(await NextCardAsync(page, "Choose a payment card", 2), "Use this card");
            await ClickAsync(await NextCardAsync(page, "Shipping", 2), "Continue");
            var quote = await NextCardAsync(page, "Your quote", 1);
            var (_, total) = await AssertAddsUpAsync(quote, 0, "Total due today");
            await ClickAsync(quote, "Continue");

            // Terms: the full text opens on the terms page; Change cart goes back.
            var terms = await NextCardAsync(page, "Terms and Conditions", 0);
            var termsPopup = page.Context.WaitForPageAsync();
            await ClickAsync(terms, "Read the full Terms and Conditions");
            var termsPage = await termsPopup;
            await Expect(termsPage.Locator("h1")).ToHaveTextAsync("Terms and Conditions");
            await AssertAccessibleAsync(termsPage, "the terms page");
            await termsPage.CloseAsync();
            await ClickAsync(terms, "Change cart");
            await ClickAsync(await NextCardAsync(page, Cart, carts + 3), "Checkout");
            await ClickAsync(await NextCardAsync(page, "Choose a payment card", 3), "Use this card");
            await ClickAsync(await NextCardAsync(page, "Shipping", 3), "Continue");
            await ClickAsync(await NextCardAsync(page, "Your quote", 2), "Continue");

            // Agree & Buy without ticking the box is stopped on the card, with a message; ticked, it buys.
            terms = await NextCardAsync(page, "Terms and Conditions", 1);
            await ClickAsync(terms, "Agree & Buy");
            await Expect(terms).ToContainTextAsync("agree");
            Assert.Equal(0, await CardCountAsync(page, "Your order"));
            await terms.GetByRole(AriaRole.Checkbox, new() { Name = "I agree to the Terms and Conditions" }).CheckAsync();
            await ClickAsync(terms, "Agree & Buy");
            var confirmation = await NextCardAsync(page, "Your order", 0);
            var (_, charged) = await AssertAddsUpAsync(confirmation, 1, "Total charged today");
            Assert.Equal(total, charged);
            await Expect(transcript).ToContainTextAsync(OrderNumber());
        }, page);
    }

    private static string QuantityOf(string name) => $"Quantity of {name} (0 removes it, up to 100)";

    [GeneratedRegex(@"Order number: SO-\d{4}-\d+")]
    private static partial Regex OrderNumber();
}
