using System.Globalization;
using System.Text.RegularExpressions;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Tests.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Spanish;

/// <summary>
/// The main transcripts again for a customer reading Spanish: the customer clicks the cards and the suggested
/// replies (whose values are the commands the conversation reads) and types numbers; every text read is Spanish and
/// every amount adds up as US Spanish writes dollars.
/// </summary>
public sealed partial class SpanishPurchaseTests : IDisposable
{
    private readonly SalesWorld _world = new();

    [Fact]
    public async Task A_customer_reading_spanish_buys_lines_and_a_phone_on_the_cards_and_the_amounts_add_up()
    {
        using var spanish = SpanishCulture.Use();
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        // The customer's Web Chat says it speaks US Spanish; the turn takes its language from that.
        chat.Locale = "es-US";

        var greeting = await chat.SayAsync("hi");
        Assert.Contains("¡Hola, Ava! Puedo agregar líneas de servicio y teléfonos", greeting.AllText());
        Assert.Contains("Su cuenta tiene 8 líneas, 3 sin teléfono.", greeting.AllText());
        Assert.Contains("Este es el catálogo. Los precios están en dólares estadounidenses.", greeting.AllText());
        Assert.Contains("X4 line: $44.00 al mes.", greeting.AllText());
        var catalogCard = CardTexts(chat.LastCard());
        Assert.Contains("\"Líneas de servicio (se facturan cada mes)\"", catalogCard);
        Assert.Contains("\"Equipos (precio de pago único)\"", catalogCard);
        Assert.DoesNotMatch(@"billed monthly|one-time price", catalogCard);

        var cart = await chat.SubmitAsync(chat.SubmitData(CardActions.AddToCart, new Dictionary<string, string>
        {
            [CardInputs.Quantity("X2-LINE")] = "2",
            [CardInputs.Quantity("POLY-VVX250")] = "1",
        }));
        Assert.Contains("Su carrito: 2 líneas y 1 equipo;", cart.AllText());
        Assert.Contains("Su carrito", CardTexts(chat.LastCard()));
        Assert.Contains("Pagar", ReplyTitles(cart));

        var payment = await chat.SubmitAsync(chat.SubmitData(CardActions.Checkout));
        Assert.Contains("¿Qué tarjeta de su cuenta debe pagar este pedido?", payment.AllText());
        Assert.Contains("Visa terminada en 4242", payment.AllText());

        var shipping = await chat.SubmitAsync(chat.SubmitData(CardActions.UseCard, new Dictionary<string, string> { [CardInputs.CardId] = "card-acme-visa" }));
        Assert.Contains("¿Cómo enviamos sus equipos?", shipping.AllText());
        Assert.Contains("días hábiles", shipping.AllText());

        var quote = await chat.SubmitAsync(chat.SubmitData(CardActions.ChooseShipping, new Dictionary<string, string> { [CardInputs.ShippingMethod] = "overnight" }));
        var quoteText = quote.AllText();
        Assert.Contains("A pagar hoy:", quoteText);
        Assert.Contains("Cada mes, a partir del próximo:", quoteText);
        var dueToday = AmountAfter(quoteText, "Total a pagar hoy: ");
        Assert.Equal(dueToday, SumOfLines(quoteText, "A pagar hoy:"));
        Assert.Equal(AmountAfter(quoteText, "Total mensual: "), SumOfLines(quoteText, "Cada mes, a partir del próximo:"));
        // The card itself, not only its fallback: its headings and the tax line's "on" are Spanish too.
        var quoteCard = CardTexts(chat.LastCard());
        Assert.Contains("\"Cada mes, a partir del próximo\"", quoteCard);
        Assert.Contains("\"Total mensual\"", quoteCard);
        Assert.Matches(@"\(CA 7\.25\s?%\) sobre \$", quoteCard);
        Assert.DoesNotMatch(@"Every month|Monthly total| on \$", quoteCard);

        var terms = await chat.SubmitAsync(chat.SubmitData(CardActions.Continue));
        var termsText = terms.AllText();
        Assert.Contains("Términos y Condiciones (versión 2025-11)", termsText);
        // The ordering service holds the terms in English only: the customer is told so in Spanish, and reads that text.
        Assert.Contains("solo están disponibles en inglés", termsText);
        var held = await chat.Ordering.GetTermsAsync(CancellationToken.None);
        Assert.Contains(held.Summary, termsText);
        Assert.Contains("Aceptar y comprar", CardTexts(chat.LastCard()));

        var confirmation = await chat.SubmitAsync(chat.SubmitData(CardActions.AgreeAndBuy, new Dictionary<string, string> { [CardInputs.Agree] = "true" }));
        var order = await chat.LastOrderAsync();
        Assert.NotNull(order);
        var confirmationText = confirmation.AllText();
        Assert.Contains($"Gracias, su pedido está hecho. Número de pedido: {order.Number}.", confirmationText);
        // What the confirmation says was charged is what the order charged, written as US Spanish writes dollars.
        Assert.Equal(order.Charges.TotalDueToday, AmountAfter(confirmationText, "Total cobrado hoy: "));
        Assert.Equal(dueToday, order.Charges.TotalDueToday);
        Assert.Contains(order.Charges.TotalDueToday.ToString("C2", SpanishCulture.UnitedStatesSpanish), confirmationText);
        Assert.Contains("Qué sigue:", confirmationText);
        Assert.Contains("Guarde su número de pedido como referencia.", confirmationText);
        Assert.DoesNotContain("Thank you", confirmationText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_reading_spanish_who_may_not_order_is_told_why_in_spanish()
    {
        using var spanish = SpanishCulture.Use();
        using var chat = new SalesConversation(DemoUsers.Dan, world: _world);
        // The customer's Web Chat says it speaks US Spanish; the turn takes its language from that.
        chat.Locale = "es-US";

        var reply = await chat.SayAsync("hi");

        Assert.Contains("Solo los administradores de cuenta con un perfil de pedidos", reply.AllText());
        Assert.Contains("Agente", ReplyTitles(reply));
        Assert.Contains("Horario", ReplyTitles(reply));
    }

    [Fact]
    public async Task Above_the_line_limit_from_the_settings_the_cart_says_so_in_spanish_and_checkout_waits()
    {
        using var spanish = SpanishCulture.Use();
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world, settings: new Dictionary<string, string?>
        {
            ["SalesBot:Ordering:MaxLinesPerOrder"] = "4",
        });
        // The customer's Web Chat says it speaks US Spanish; the turn takes its language from that.
        chat.Locale = "es-US";
        await chat.SayAsync("hi");

        var cart = await chat.SubmitAsync(chat.SubmitData(CardActions.AddToCart, new Dictionary<string, string>
        {
            [CardInputs.Quantity("X4-LINE")] = "6",
        }));

        Assert.Contains("Su carrito tiene 6 líneas nuevas, y los pedidos de autoservicio pueden agregar hasta 4.", cart.AllText());
        Assert.Contains("El pago se habilita cuando el carrito cumple los límites de arriba.", cart.AllText());
        // Over the limit the card has no Checkout button; typing the command the texts name is answered the same way.
        var checkout = await chat.SayAsync("checkout");
        Assert.Contains("Antes de pagar, su carrito debe ajustarse a los límites de autoservicio.", checkout.AllText());
        Assert.Null(await chat.LastOrderAsync());
    }

    [Fact]
    public async Task After_hours_the_hours_reply_reads_naturally_in_spanish_from_non_default_settings()
    {
        using var spanish = SpanishCulture.Use();
        var world = new SalesWorld();
        using var disposeWorld = world;
        // Saturday, November 28, 2026, 10:00 a.m. Pacific; this sales team works Monday to Saturday, 7:30 a.m. to 1:00 p.m.
        world.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 28, 21, 30, 0, TimeSpan.Zero));
        using var chat = new SalesConversation(DemoUsers.Ava, world: world, settings: new Dictionary<string, string?>
        {
            ["SalesBot:SalesHours:Opens"] = "07:30",
            ["SalesBot:SalesHours:Closes"] = "13:00",
            ["SalesBot:SalesHours:Days:5"] = "Saturday",
            ["SalesBot:SalesHours:Phone"] = "1-800-555-0199",
        });
        // The customer's Web Chat says it speaks US Spanish; the turn takes its language from that.
        chat.Locale = "es-US";
        await chat.SayAsync("hi");

        var hours = await chat.SayAsync(Commands.Hours);

        Assert.Contains(
            "Ventas está cerrado en este momento. Abrimos de nuevo el lunes a las 7:30 a. m., hora del Pacífico. " +
            "Horario: lunes a sábado, de 7:30 a. m. a 1:00 p. m., hora del Pacífico; teléfono 1-800-555-0199.",
            hours.AllText());
    }

    public void Dispose() => _world.Dispose();

    private static string CardTexts(Newtonsoft.Json.Linq.JObject card) => card.ToString();

    private static string ReplyTitles(IReadOnlyList<Microsoft.Bot.Schema.Activity> replies) =>
        string.Join('|', replies.SelectMany(r => r.SuggestedActions?.Actions ?? []).Select(a => a.Title));

    private static decimal AmountAfter(string text, string label)
    {
        var at = text.IndexOf(label, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{label}' not found in: {text}");
        return Amount(UsdPattern().Match(text, at + label.Length).Value);
    }

    /// <summary>The amounts of the "- label: $x" lines under <paramref name="heading"/>, up to its total line.</summary>
    private static decimal SumOfLines(string text, string heading)
    {
        var block = text[(text.IndexOf(heading, StringComparison.Ordinal) + heading.Length)..];
        var lines = block.Split('\n').Skip(1).TakeWhile(l => l.StartsWith("- ", StringComparison.Ordinal) && !l.StartsWith("- Total", StringComparison.Ordinal));
        return lines.Sum(l => Amount(UsdPattern().Matches(l)[^1].Value));
    }

    private static decimal Amount(string usd) => decimal.Parse(usd, NumberStyles.Currency, SpanishCulture.UnitedStatesSpanish);

    [GeneratedRegex(@"\$\d{1,3}(?:,\d{3})*\.\d{2}")]
    private static partial Regex UsdPattern();
}
