using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// A customer who reads Spanish buys in the real Web Chat: they switch the chat with "español", and every card they
/// then read and click — catalog, cart, card on file, shipping, quote, terms, confirmation — speaks Spanish, with the
/// money adding up as US Spanish writes dollars; the order is read back from the ordering API.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class SpanishOrderTests(ChromiumFixture chromium, ITestOutputHelper output) : ChromiumTest(chromium, output)
{
    [BrowserFact]
    public async Task A_customer_who_switches_to_spanish_buys_on_spanish_cards_and_the_money_on_screen_adds_up()
    {
        // A host of its own: the language a customer chooses is remembered for their user, and the suite's host serves
        // the same demo users to the English tests.
        using var host = new WebChatHost(new Dictionary<string, string>());
        var page = await NewPageAsync(host.BaseAddress);
        await WithScreenshotsAsync(nameof(A_customer_who_switches_to_spanish_buys_on_spanish_cards_and_the_money_on_screen_adds_up), async () =>
        {
            // Ben pays by invoice (the card pays only today's charge) and ships to Texas.
            var transcript = await StartChatAsync(page, "ben.qtc");
            await SayAsync(page, "español");
            await Expect(transcript).ToContainTextAsync("¡Claro! Seguimos en español.");
            // "español" was Ben's first message, so the bot answered it with its greeting and a catalog; "catálogo" then
            // shows another. The boxes are filled on that second card, once it is on screen (filling the first and
            // clicking the second, which came in between, sent an empty card).
            await Expect(transcript).ToContainTextAsync("¡Hola, Ben!");
            var catalogs = await CardCountAsync(page, "Catálogo de productos");
            await SayAsync(page, "catálogo");

            var catalog = await NextCardAsync(page, "Catálogo de productos", catalogs);
            await AssertSpanishAsync(catalog, "the catalog");
            await Expect(catalog).ToContainTextAsync("Líneas de servicio (se facturan cada mes)");
            await catalog.GetByLabel("Cantidad de X4 line (0 a 10)").FillAsync("2");
            await catalog.GetByLabel("Cantidad de Yealink T54W (0 a 10)").FillAsync("1");
            await ClickAsync(catalog, "Agregar al carrito");

            var cart = Card(page, "Su carrito");
            await Expect(cart).ToContainTextAsync("2 líneas y 1 equipo");
            await AssertSpanishAsync(cart, "the cart");
            await ClickAsync(cart, "Pagar");

            var payment = Card(page, "Elija una tarjeta de pago");
            await AssertSpanishAsync(payment, "the card on file");
            await ClickAsync(payment, "Usar esta tarjeta");

            var shipping = Card(page, "Envío");
            await shipping.WaitForAsync();
            await AssertSpanishAsync(shipping, "shipping");
            await shipping.GetByRole(AriaRole.Radio, new() { NameRegex = TwoDay() }).CheckAsync();
            await ClickAsync(shipping, "Continuar");

            var quote = Card(page, "Su cotización");
            await quote.WaitForAsync();
            await AssertSpanishAsync(quote, "the quote");
            var (quoteLines, quoteTotal) = await AssertAddsUpAsync(quote, 0, "Total a pagar hoy");
            Assert.Contains(quoteLines, l => SpanishTaxLine().IsMatch(l.Title));
            Assert.Contains(("Envío (Two-day)", "$19.95"), quoteLines);
            await Expect(quote).ToContainTextAsync("Cada mes, a partir del próximo");
            await ClickAsync(quote, "Continuar");

            var terms = Card(page, "Términos y Condiciones");
            await terms.WaitForAsync();
            // The ordering service holds the terms in English only: the card says so in Spanish.
            await Expect(terms).ToContainTextAsync("solo están disponibles en inglés");
            await Expect(terms).ToContainTextAsync(quoteTotal.ToString("C2", System.Globalization.CultureInfo.GetCultureInfo("es-US")));
            await terms.GetByRole(AriaRole.Checkbox, new() { Name = "Acepto los Términos y Condiciones" }).CheckAsync();
            await ClickAsync(terms, "Aceptar y comprar");

            var confirmation = Card(page, "Su pedido");
            await confirmation.WaitForAsync();
            await AssertSpanishAsync(confirmation, "the confirmation");
            var (charged, chargedTotal) = await AssertAddsUpAsync(confirmation, 1, "Total cobrado hoy");
            Assert.Equal(quoteLines, charged);
            Assert.Equal(quoteTotal, chargedTotal);
            await Expect(confirmation).ToContainTextAsync("Qué sigue");

            var number = OrderNumber().Match(await transcript.InnerTextAsync()).Groups["number"].Value;
            Assert.NotEmpty(number);
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var order = (await http.GetFromJsonAsync<JsonObject>($"/ordering/v1/orders/{Uri.EscapeDataString(number)}"))!;
            Assert.Equal(["X4-LINE×2", "YEA-T54W×1"], order["items"]!.AsArray().Select(i => $"{(string?)i!["sku"]}×{(int)i["quantity"]!}").Order(StringComparer.Ordinal));
            Assert.Equal(chargedTotal, (decimal)order["total"]!);

            await AssertAccessibleAsync(page, "the Spanish chat after an order");
        }, page);
    }

    /// <summary>
    /// No word of the English cards on a Spanish one: headings, labels, buttons and the tax line's "on". Product and
    /// shipping-method names ("X4 line", "Two-day") are the ordering service's data and stay as it holds them.
    /// </summary>
    private static async Task AssertSpanishAsync(ILocator card, string what)
    {
        var text = await card.InnerTextAsync();
        var buttons = await card.GetByRole(AriaRole.Button).AllInnerTextsAsync();
        var english = EnglishWords().Matches(text + "\n" + string.Join('\n', buttons)).Select(m => m.Value).Distinct().ToList();
        Assert.True(english.Count == 0, $"English on {what}: {string.Join(", ", english)}\n{text}");
    }

    [GeneratedRegex(@"\b(?:Product catalog|Lines of service|Equipment|billed monthly|one-time|Quantity|Add to cart|View cart|Your cart|Checkout|Remove|Update|Choose a payment card|Use this card|Shipping|Continue|Change cart|Your quote|Due today|Total due today|Every month|Monthly total|Sales tax|First month|Your order|Total charged|What happens next|business days?|per month)\b| on \$")]
    private static partial Regex EnglishWords();

    [GeneratedRegex(@"^Impuesto sobre las ventas \(TX [0-9.]+\s?%\) sobre \$[0-9,.]+$")]
    private static partial Regex SpanishTaxLine();

    [GeneratedRegex("^Two-day")]
    private static partial Regex TwoDay();

    [GeneratedRegex(@"Número de pedido: (?<number>SO-[0-9]{4}-[0-9]+)")]
    private static partial Regex OrderNumber();
}
