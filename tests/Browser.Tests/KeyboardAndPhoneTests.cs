using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// A purchase with the keyboard alone (Web Chat's own keyboard model: Shift+Tab into the chat history, arrow keys to a
/// card, Enter into it, Tab through it, Escape out), and one on a phone-size screen by touch, in the real Web Chat.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class KeyboardAndPhoneTests(ChromiumFixture chromium, WebChatHost host, ITestOutputHelper output) : ChromiumTest(chromium, output)
{
    /// <summary>A bound on the keys pressed to reach anything: a focus trap or an unreachable control fails fast.</summary>
    private const int MaxKeys = 60;

    [BrowserFact]
    public async Task A_customer_buys_with_the_keyboard_alone_and_every_focused_control_shows_its_focus()
    {
        var page = await NewPageAsync(host.BaseAddress);
        await WithScreenshotsAsync(nameof(A_customer_buys_with_the_keyboard_alone_and_every_focused_control_shows_its_focus), async () =>
        {
            // The demo-user picker, by Tab and Enter.
            await page.GotoAsync("/");
            await TabToAsync(page, "button.user[data-user-id='ben.qtc']");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#whoami")).ToContainTextAsync("ben.qtc");
            var transcript = page.Locator("#webchat");
            await Expect(transcript).ToContainTextAsync("sales assistant");

            // The send box by Tab, then typed.
            await TabToAsync(page, "[aria-label='Message input box']");
            await page.Keyboard.TypeAsync("hi");
            await page.Keyboard.PressAsync("Enter");
            await NextCardAsync(page, "Product catalog", 0);

            // Catalog: two boxes of nine typed, the rest left blank, Add to cart by Enter.
            await EnterCardAsync(page, "Product catalog");
            await TabToNamedAsync(page, new Regex(@"^Quantity of X4 line \("));
            await page.Keyboard.TypeAsync("2");
            await TabToNamedAsync(page, new Regex(@"^Quantity of Yealink T54W \("));
            await page.Keyboard.TypeAsync("1");
            await PressButtonAsync(page, "Add to cart");
            var cart = await NextCardAsync(page, "Your cart", 0);
            await Expect(cart).ToContainTextAsync("2 lines and 1 device");

            await EnterCardAsync(page, "Your cart");
            await PressButtonAsync(page, "Checkout");
            await NextCardAsync(page, "Choose a payment card", 0);
            await EnterCardAsync(page, "Choose a payment card");
            await PressButtonAsync(page, "Use this card");

            // Shipping: the method is a radio group, changed with an arrow key as in any form.
            var shipping = await NextCardAsync(page, "Shipping", 0);
            await EnterCardAsync(page, "Shipping");
            await TabToAsync(page, "input[type=radio]");
            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(shipping.GetByRole(AriaRole.Radio, new() { NameRegex = new Regex("^Two-day") })).ToBeCheckedAsync();
            await PressButtonAsync(page, "Continue");

            var quote = await NextCardAsync(page, "Your quote", 0);
            var (quoteLines, quoteTotal) = await AssertAddsUpAsync(quote, 0, "Total due today");
            Assert.Contains(quoteLines, l => l.Title == "Shipping (Two-day)");
            await EnterCardAsync(page, "Your quote");
            await PressButtonAsync(page, "Continue");

            // Terms: the box ticked with Space, Agree & Buy by Enter.
            var terms = await NextCardAsync(page, "Terms and Conditions", 0);
            await EnterCardAsync(page, "Terms and Conditions");
            await TabToNamedAsync(page, new Regex("I agree to the Terms and Conditions$"));
            await page.Keyboard.PressAsync("Space");
            await Expect(terms.GetByRole(AriaRole.Checkbox, new() { Name = "I agree to the Terms and Conditions" })).ToBeCheckedAsync();
            await PressButtonAsync(page, "Agree & Buy");

            var confirmation = await NextCardAsync(page, "Your order", 0);
            var (charged, chargedTotal) = await AssertAddsUpAsync(confirmation, 1, "Total charged today");
            Assert.Equal(quoteLines, charged);
            Assert.Equal(quoteTotal, chargedTotal);
            await Expect(transcript).ToContainTextAsync(OrderNumber());

            // Out of the card with Escape and back to the send box: the keyboard is never trapped.
            await page.Keyboard.PressAsync("Escape");
            await TabToAsync(page, "[aria-label='Message input box']");
        }, page);
    }

    [BrowserFact]
    public async Task A_customer_buys_on_a_phone_size_screen_and_nothing_is_cut_off_or_squeezed()
    {
        var page = await NewPageAsync(host.BaseAddress, new ViewportSize { Width = 390, Height = 844 }, isMobile: true);
        await WithScreenshotsAsync(nameof(A_customer_buys_on_a_phone_size_screen_and_nothing_is_cut_off_or_squeezed), async () =>
        {
            var transcript = await StartChatAsync(page, "cara.billing");
            await SayAsync(page, "hi");
            var catalog = await NextCardAsync(page, "Product catalog", 0);
            await AssertFitsAsync(page, catalog, "the catalog");

            await catalog.GetByLabel("Quantity of X4 line (0 to 10)").TapAsync();
            await catalog.GetByLabel("Quantity of X4 line (0 to 10)").FillAsync("3");
            await catalog.GetByLabel("Quantity of Poly VVX 450 (0 to 10)").FillAsync("1");
            await Button(catalog, "Add to cart").TapAsync();

            var cart = await NextCardAsync(page, "Your cart", 0);
            await Expect(cart).ToContainTextAsync("3 lines and 1 device");
            await AssertFitsAsync(page, cart, "the cart");
            await Button(cart, "Checkout").TapAsync();

            await Button(await NextCardAsync(page, "Choose a payment card", 0), "Use this card").TapAsync();
            var shipping = await NextCardAsync(page, "Shipping", 0);
            await AssertFitsAsync(page, shipping, "the shipping card");
            await Button(shipping, "Continue").TapAsync();

            var quote = await NextCardAsync(page, "Your quote", 0);
            await AssertFitsAsync(page, quote, "the quote");
            var (_, total) = await AssertAddsUpAsync(quote, 0, "Total due today");
            await AssertAddsUpAsync(quote, 1, "Monthly total");
            await Button(quote, "Continue").TapAsync();

            var terms = await NextCardAsync(page, "Terms and Conditions", 0);
            await AssertFitsAsync(page, terms, "the terms card");
            await terms.GetByRole(AriaRole.Checkbox, new() { Name = "I agree to the Terms and Conditions" }).TapAsync();
            await Button(terms, "Agree & Buy").TapAsync();

            var confirmation = await NextCardAsync(page, "Your order", 0);
            await AssertFitsAsync(page, confirmation, "the confirmation");
            var (_, charged) = await AssertAddsUpAsync(confirmation, 1, "Total charged today");
            Assert.Equal(total, charged);
            await Expect(transcript).ToContainTextAsync(OrderNumber());

            await AssertAccessibleAsync(page, "the chat after an order on a phone-size screen");
        }, page);
    }

    /// <summary>
    /// Presses Tab until the focused element matches <paramref name="selector"/>, and checks a sighted keyboard user
    /// can see where the focus is.
    /// </summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var pressed = 0; pressed < MaxKeys; pressed++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", selector))
            {
                await AssertFocusVisibleAsync(page);
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {selector}; focus is on {await FocusedAsync(page)}");
    }

    /// <summary>Presses Tab until the focused control's accessible name matches (inside a card, Tab stays in it).</summary>
    private static async Task TabToNamedAsync(IPage page, Regex name)
    {
        var seen = new List<string>();
        for (var pressed = 0; pressed < MaxKeys; pressed++)
        {
            var focused = await FocusedAsync(page);
            if (name.IsMatch(focused))
            {
                await AssertFocusVisibleAsync(page);
                return;
            }

            seen.Add(focused);
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached a control named {name}; it went through: {string.Join(" → ", seen.Distinct())}");
    }

    private static async Task PressButtonAsync(IPage page, string name)
    {
        await TabToNamedAsync(page, new Regex("^" + Regex.Escape(name) + "$"));
        Assert.Equal("BUTTON", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>
    /// Moves into the newest card with this heading as Web Chat's keyboard help says: out of any card with Escape,
    /// Shift+Tab to the chat history, arrow keys to the card, Enter into it.
    /// </summary>
    private static async Task EnterCardAsync(IPage page, string heading)
    {
        const string history = "[role=group][aria-label^='Chat history']";
        await page.Keyboard.PressAsync("Escape");
        for (var pressed = 0; !await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) ?? false", history); pressed++)
        {
            Assert.True(pressed < MaxKeys, $"Shift+Tab never reached the chat history; focus is on {await FocusedAsync(page)}");
            await page.Keyboard.PressAsync("Shift+Tab");
        }

        // To the newest message, then up to the newest card with this heading.
        const string active = "() => document.getElementById(document.activeElement.getAttribute('aria-activedescendant'))?.closest('article')";
        var previous = "";
        for (var pressed = 0; pressed < MaxKeys && await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-activedescendant') ?? ''") is var now && now != previous; pressed++)
        {
            previous = now;
            await page.Keyboard.PressAsync("ArrowDown");
        }

        var showsCard = $"() => {{ const a = ({active})(); return !!a && [...a.querySelectorAll('.ac-adaptiveCard .ac-textBlock')].some(t => t.innerText.trim() === {JsonSerializer.Serialize(heading)}); }}";
        for (var pressed = 0; !await page.EvaluateAsync<bool>(showsCard); pressed++)
        {
            Assert.True(pressed < MaxKeys, $"The arrow keys never reached the card \"{heading}\"");
            await page.Keyboard.PressAsync("ArrowUp");
        }

        await page.Keyboard.PressAsync("Enter");
        Assert.True(
            await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('article')?.querySelector('.ac-adaptiveCard')"),
            $"Enter did not move the focus into the card \"{heading}\"; it is on {await FocusedAsync(page)}");
    }

    /// <summary>The focused element as the accessibility tree (what a screen reader reads) names it.</summary>
    private static async Task<string> FocusedAsync(IPage page)
    {
        // e.g. `- spinbutton "Quantity of X4 line (0 to 10)"`; the first line is the element itself.
        var snapshot = await page.Locator(":focus").AriaSnapshotAsync(new() { Timeout = 2_000 });
        var first = snapshot.Split('\n')[0];
        return AriaName().Match(first) is { Success: true } m ? m.Groups["name"].Value.Replace("\\\"", "\"", StringComparison.Ordinal) : first.TrimStart('-', ' ');
    }

    /// <summary>WCAG 2.4.7: the focused control draws an outline or a ring a sighted keyboard user can see.</summary>
    private static async Task AssertFocusVisibleAsync(IPage page)
    {
        var ring = await page.EvaluateAsync<string>(
            """
            () => {
              const e = document.activeElement;
              const s = getComputedStyle(e);
              if (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) return '';
              if (s.boxShadow && s.boxShadow !== 'none') return '';
              // Web Chat draws some rings on an indicator element beside the control.
              for (let n = e; n; n = n.parentElement) {
                if (n.querySelector(':scope > [class*=focus-indicator]')) return '';
              }
              // Or a box around the control changes while it has the focus (:focus-within).
              const look = n => { const c = getComputedStyle(n); return [c.outlineStyle, c.outlineWidth, c.boxShadow, c.borderColor].join(' '); };
              const chain = [];
              for (let n = e; n && chain.length < 4; n = n.parentElement) chain.push(n);
              const focused = chain.map(look);
              e.blur();
              const unfocused = chain.map(look);
              e.focus();
              if (focused.some((f, i) => f !== unfocused[i])) return '';
              return e.outerHTML.slice(0, 160);
            }
            """);
        Assert.True(ring.Length == 0, "The focused control shows no focus: " + ring);
    }

    /// <summary>
    /// On a phone the page never scrolls sideways, the card stays inside the screen, no name or label wraps onto a
    /// third line, and every button can be tapped (24 × 24 CSS pixels at least, WCAG 2.5.8).
    /// </summary>
    private static async Task AssertFitsAsync(IPage page, ILocator card, string what)
    {
        await card.ScrollIntoViewIfNeededAsync();
        var problems = await card.EvaluateAsync<string[]>(
            """
            card => {
              const found = [];
              const width = document.documentElement.clientWidth;
              if (document.documentElement.scrollWidth > width) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
              const box = card.getBoundingClientRect();
              if (box.left < 0 || box.right > width) found.push(`the card runs off the screen (${box.left}–${box.right} of ${width})`);
              for (const text of card.querySelectorAll('.ac-textBlock, label, .ac-fact-title, .ac-fact-value')) {
                const style = getComputedStyle(text);
                const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.4;
                const words = text.innerText.trim();
                // Names, labels and facts are short; a sentence may of course take several lines.
                if (words && words.split(/\s+/).length <= 8 && text.getBoundingClientRect().height > 2.5 * line) found.push(`"${words}" wraps onto three lines`);
              }
              for (const button of card.querySelectorAll('button')) {
                const b = button.getBoundingClientRect();
                if (b.width > 0 && (b.width < 24 || b.height < 24)) found.push(`"${button.innerText.trim()}" is only ${b.width}×${b.height}`);
                if (b.right > width) found.push(`"${button.innerText.trim()}" is off the screen`);
              }
              return found;
            }
            """);
        Assert.True(problems.Length == 0, $"On a phone, {what}: " + string.Join("; ", problems));
    }

    [GeneratedRegex("^- [a-z]+ \"(?<name>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex AriaName();

    [GeneratedRegex(@"Order number: SO-\d{4}-\d+")]
    private static partial Regex OrderNumber();
}
