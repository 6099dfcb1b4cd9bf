using Microsoft.Bot.Schema;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>
/// The conversation in Spanish: the language from the channel's locale, switched either way at any step without losing
/// the cart or the step, remembered for the customer's next conversation; Spanish cart requests, commands and
/// agreement. Where the Spanish wording is not written yet, the tests hold the behaviour: state, cart, step, locale.
/// </summary>
public sealed class SpanishConversationTests : IDisposable
{
    private readonly SalesWorld _world = new();

    private static void AllIn(string locale, IReadOnlyList<Activity> replies)
    {
        Assert.NotEmpty(replies);
        Assert.All(replies, reply => Assert.Equal(locale, reply.Locale));
    }

    [Theory]
    [InlineData("es-US")]
    [InlineData("es-MX")]
    [InlineData("es")]
    public async Task A_spanish_channel_locale_makes_the_conversation_spanish_from_the_first_message(string locale)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = locale };

        AllIn("es-US", await chat.SayAsync("hola"));
        var added = await chat.SayAsync("quiero tres líneas X4");

        AllIn("es-US", added);
        Assert.Equal(3, (await chat.CartAsync()).LineCount);
    }

    [Fact]
    public async Task Another_locale_is_served_in_english_and_spanish_number_words_are_not_read()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "fr-FR" };

        AllIn("en-US", await chat.SayAsync("hi"));
        await chat.SayAsync("tres líneas X4");

        Assert.True((await chat.CartAsync()).IsEmpty);
    }

    [Fact]
    public async Task Teams_locale_in_the_client_info_entity_is_used_when_the_activity_has_none()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        var replies = await chat.SayWithEntityAsync("hola", new Entity("clientInfo") { Properties = { ["locale"] = "es-ES", ["country"] = "US", ["platform"] = "Web" } });

        AllIn("es-US", replies);
    }

    [Fact]
    public async Task Switching_to_spanish_and_back_mid_cart_keeps_the_cart_and_the_step()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "en-US" };
        await chat.SayAsync("hi");
        await chat.SayAsync("add 2 X4 lines");

        var spanish = await chat.SayAsync("español");

        AllIn("es-US", spanish);
        Assert.StartsWith("¡Claro! Seguimos en español.", spanish[0].Text, StringComparison.Ordinal);
        Assert.Equal(2, (await chat.CartAsync()).LineCount);
        Assert.Equal(SalesSteps.Shop, await chat.StepAsync());

        // Now in Spanish, whatever the channel says: Spanish numbers are read.
        await chat.SayAsync("agrega una línea X4 más");
        Assert.Equal(3, (await chat.CartAsync()).LineCount);

        var english = await chat.SayAsync("in English");

        AllIn("en-US", english);
        Assert.StartsWith("Sure — let's continue in English.", english[0].Text, StringComparison.Ordinal);
        Assert.Contains("3 lines", english.AllText()); // the cart shown again
        Assert.Equal(3, (await chat.CartAsync()).LineCount);
        Assert.Equal(SalesSteps.Shop, await chat.StepAsync());
        await chat.SayAsync("add 1 X4 line");
        Assert.Equal(4, (await chat.CartAsync()).LineCount);
    }

    [Fact]
    public async Task Switching_language_at_a_checkout_step_stays_at_that_step_and_the_checkout_goes_on()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAllAsync("hi", "add 2 X4 lines", "checkout");
        Assert.Equal(SalesSteps.Payment, await chat.StepAsync());

        var switched = await chat.SayAsync("¿habla español?");

        AllIn("es-US", switched);
        Assert.Equal(SalesSteps.Payment, await chat.StepAsync());
        Assert.Contains("4242", switched.AllText()); // the step's question again, with the card on file
        await chat.SayAsync("sí, usar esa tarjeta");
        Assert.Equal(SalesSteps.Quote, await chat.StepAsync());
        Assert.Equal(2, (await chat.CartAsync()).LineCount);
    }

    /// <summary>The cards the replies carry, as JSON: what a channel that renders cards shows.</summary>
    private static string CardsOf(IReadOnlyList<Activity> replies) => string.Join("\n",
        replies.SelectMany(r => r.Attachments ?? []).Select(a => Cards.CardMessage.ContentOf(a)?.ToString()));

    [Theory]
    [InlineData("español")]
    [InlineData("en español")]
    public async Task Switching_to_spanish_at_the_card_choice_asks_for_the_card_again_in_spanish_with_a_spanish_card(string switchTo)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "en-US" };
        var asked = await chat.SayAllAsync("hi", "add 2 X4 lines", "checkout");
        Assert.Contains("Which card on your account should pay for this order?", asked.AllText());

        var switched = await chat.SayAsync(switchTo);

        AllIn("es-US", switched);
        Assert.StartsWith("¡Claro! Seguimos en español.", switched[0].Text, StringComparison.Ordinal);
        // The step's own question, built again in Spanish: its text fallback and its card.
        Assert.Contains("¿Qué tarjeta de su cuenta debe pagar este pedido?", switched.AllText());
        Assert.Contains("Visa terminada en 4242", switched.AllText());
        Assert.Contains("¿Qué tarjeta de su cuenta debe pagar este pedido?", CardsOf(switched));
        Assert.DoesNotContain("Which card", switched.AllText() + CardsOf(switched), StringComparison.Ordinal);
        Assert.DoesNotContain("ending in", switched.AllText() + CardsOf(switched), StringComparison.Ordinal);
        Assert.Equal(SalesSteps.Payment, await chat.StepAsync());
        Assert.Equal(2, (await chat.CartAsync()).LineCount);

        // The checkout goes on from there, in Spanish.
        var quote = await chat.SayAsync("usar esa tarjeta");
        Assert.Equal(SalesSteps.Quote, await chat.StepAsync());
        Assert.Contains("Total a pagar hoy: ", quote.AllText());
    }

    [Fact]
    public async Task Switching_to_english_at_the_card_choice_asks_for_the_card_again_in_english_with_an_english_card()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "es-US" };
        var asked = await chat.SayAllAsync("hola", "agrega 2 líneas X4", "pagar");
        Assert.Contains("¿Qué tarjeta de su cuenta debe pagar este pedido?", asked.AllText());

        var switched = await chat.SayAsync("English");

        AllIn("en-US", switched);
        Assert.StartsWith("Sure — let's continue in English.", switched[0].Text, StringComparison.Ordinal);
        Assert.Contains("Which card on your account should pay for this order?", switched.AllText());
        Assert.Contains("Visa ending in 4242", switched.AllText());
        Assert.Contains("Which card on your account should pay for this order?", CardsOf(switched));
        Assert.DoesNotContain("¿Qué tarjeta", switched.AllText() + CardsOf(switched), StringComparison.Ordinal);
        Assert.DoesNotContain("terminada en", switched.AllText() + CardsOf(switched), StringComparison.Ordinal);
        Assert.Equal(SalesSteps.Payment, await chat.StepAsync());
        Assert.Equal(2, (await chat.CartAsync()).LineCount);

        var quote = await chat.SayAsync("use it");
        Assert.Equal(SalesSteps.Quote, await chat.StepAsync());
        Assert.Contains("Total due today: ", quote.AllText());
    }

    [Fact]
    public async Task Switching_to_spanish_at_the_terms_shows_the_terms_again_in_spanish_and_acepto_buys()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "en-US" };
        var terms = await chat.SayAllAsync("hi", "add 2 X4 lines", "checkout", "use it", "continue");
        Assert.Contains("Agree & Buy", CardsOf(terms));
        Assert.Equal(SalesSteps.Terms, await chat.StepAsync());

        var switched = await chat.SayAsync("español");

        AllIn("es-US", switched);
        Assert.StartsWith("¡Claro! Seguimos en español.", switched[0].Text, StringComparison.Ordinal);
        Assert.Contains("Términos y Condiciones (versión 2025-11)", switched.AllText());
        Assert.Contains("solo están disponibles en inglés", switched.AllText());
        Assert.Contains("Aceptar y comprar", CardsOf(switched));
        Assert.DoesNotContain("Agree & Buy", CardsOf(switched), StringComparison.Ordinal);
        Assert.DoesNotContain("Terms and Conditions (version", switched.AllText() + CardsOf(switched), StringComparison.Ordinal);
        Assert.Equal(SalesSteps.Terms, await chat.StepAsync());
        Assert.Null(await chat.LastOrderAsync());

        var placed = await chat.SayAsync("acepto");
        var order = await chat.LastOrderAsync();
        Assert.NotNull(order);
        Assert.Equal(2, order.Items.Single(i => i.Sku == "X4-LINE").Quantity);
        Assert.Contains($"Número de pedido: {order.Number}", placed.AllText());
    }

    [Fact]
    public async Task Switching_to_english_at_the_terms_shows_the_terms_again_in_english_and_i_agree_buys()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "es-US" };
        var terms = await chat.SayAllAsync("hola", "agrega 2 líneas X4", "pagar", "usar esa tarjeta", "continuar");
        Assert.Contains("Aceptar y comprar", CardsOf(terms));
        Assert.Equal(SalesSteps.Terms, await chat.StepAsync());

        var switched = await chat.SayAsync("in English");

        AllIn("en-US", switched);
        Assert.StartsWith("Sure — let's continue in English.", switched[0].Text, StringComparison.Ordinal);
        Assert.Contains("Terms and Conditions (version 2025-11)", switched.AllText());
        Assert.Contains("Agree & Buy", CardsOf(switched));
        Assert.DoesNotContain("Aceptar y comprar", CardsOf(switched), StringComparison.Ordinal);
        Assert.DoesNotContain("solo están disponibles en inglés", switched.AllText() + CardsOf(switched), StringComparison.Ordinal);
        Assert.Equal(SalesSteps.Terms, await chat.StepAsync());
        Assert.Null(await chat.LastOrderAsync());

        var placed = await chat.SayAsync("I agree");
        var order = await chat.LastOrderAsync();
        Assert.NotNull(order);
        Assert.Contains($"Order number: {order.Number}", placed.AllText());
    }

    [Fact]
    public async Task Switching_at_how_many_lines_asks_how_many_again_in_spanish_and_the_number_still_answers_it()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "en-US" };
        var asked = await chat.SayAllAsync("hi", "which plan do I need?", "no", "no", "no", "skip", "yes");
        Assert.Contains("How many X2 lines would you like?", asked.AllText());

        var switched = await chat.SayAsync("español");

        AllIn("es-US", switched);
        Assert.StartsWith("¡Claro! Seguimos en español.", switched[0].Text, StringComparison.Ordinal);
        Assert.Contains("desea? Diga un número, por ejemplo \"3\".", switched.AllText());
        Assert.DoesNotContain("How many", switched.AllText(), StringComparison.Ordinal);
        Assert.Empty((await chat.CartAsync()).Items);

        await chat.SayAsync("3");
        Assert.Equal([("X2-LINE", 3)], (await chat.CartAsync()).Items.Select(i => (i.Sku, i.Quantity)));
    }

    [Fact]
    public async Task Switching_at_an_advisor_question_asks_it_again_in_each_language_and_the_answer_still_counts()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "en-US" };
        var asked = await chat.SayAllAsync("hi", "which plan do I need?", "no", "no", "no");
        Assert.Contains("How many people need a line?", asked.AllText());

        var spanish = await chat.SayAsync("español");
        AllIn("es-US", spanish);
        Assert.Contains("¿Cuántas personas necesitan una línea?", spanish.AllText());

        var english = await chat.SayAsync("English");
        AllIn("en-US", english);
        Assert.Contains("How many people need a line?", english.AllText());
        Assert.DoesNotContain("¿Cuántas", english.AllText(), StringComparison.Ordinal);

        var recommendation = await chat.SayAsync("just me");
        Assert.Contains("For 1 person that's 1 × $24.00", recommendation.AllText());
    }

    [Fact]
    public async Task Switching_at_which_one_did_you_mean_asks_only_the_question_again_and_the_answer_still_picks()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "en-US" };
        var asked = await chat.SayAllAsync("hi", "add 2 X4 lines and 2 Yealink phones");
        Assert.Contains("Which one did you mean by", asked.AllText());
        Assert.Equal(SalesSteps.ShopChoice, await chat.StepAsync());

        var switched = await chat.SayAsync("español");

        AllIn("es-US", switched);
        Assert.Contains("¿Cuál quiso decir con", switched.AllText());
        // The lead-in was said before the switch, in English; it is not said again in either language.
        Assert.DoesNotContain("Added", switched.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Which one", switched.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Agregu", switched.AllText(), StringComparison.Ordinal);

        await chat.SayAsync("la segunda");
        var cart = await chat.CartAsync();
        Assert.Equal(2, cart.LineCount);
        Assert.Equal(2, Assert.Single(cart.Items, i => i.Sku.StartsWith("YEA-", StringComparison.Ordinal)).Quantity);
    }

    [Fact]
    public async Task Switching_after_the_advisors_lead_in_asks_its_question_without_the_english_lead_in()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "en-US" };
        var asked = await chat.SayAllAsync("hi", "which plan do I need? we need video meetings");
        var english = asked.AllText();

        var spanish = await chat.SayAsync("español");

        AllIn("es-US", spanish);
        var lines = spanish.AllText().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        // No line of what was said in English comes back, and the question is asked in Spanish.
        Assert.DoesNotContain(lines, line => line.Length > 12 && english.Contains(line, StringComparison.Ordinal));
        Assert.Contains("¿", spanish.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phone_quantity_that_cannot_be_used_is_refused_in_spanish_counting_devices()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world, settings: new Dictionary<string, string?> { ["SalesBot:Ordering:MaxDevicesPerOrder"] = "7" }) { Locale = "es-US" };
        await chat.SayAsync("hola");

        var reply = await chat.SayAsync("agrega 1.5 Poly VVX 250");

        Assert.Contains("del 1 al 7 (lo máximo de dispositivos que agrega un pedido)", reply.AllText(), StringComparison.Ordinal);
        Assert.DoesNotContain("devices", reply.AllText(), StringComparison.Ordinal);
        Assert.True((await chat.CartAsync()).IsEmpty);
    }

    [Fact]
    public async Task Switching_at_the_shipping_choice_asks_for_the_shipping_again_in_the_new_language()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "en-US" };
        await chat.SayAllAsync("hi", "add 1 X4 line and 1 Yealink T54W", "checkout", "use it");
        Assert.Equal(SalesSteps.Shipping, await chat.StepAsync());

        var switched = await chat.SayAsync("español");

        AllIn("es-US", switched);
        Assert.Contains("¿Cómo enviamos sus equipos?", switched.AllText());
        Assert.Contains("días hábiles", switched.AllText());
        Assert.Equal(SalesSteps.Shipping, await chat.StepAsync());

        await chat.SayAsync("terrestre");
        Assert.Equal(SalesSteps.Quote, await chat.StepAsync());
    }

    [Fact]
    public async Task A_verified_customers_choice_is_remembered_in_their_next_conversation()
    {
        using (var first = new SalesConversation(DemoUsers.Ava, world: _world, conversationId: "first") { Locale = "en-US" })
        {
            await first.SayAsync("hi");
            AllIn("es-US", await first.SayAsync("en español"));
        }

        // Another day, another conversation, a channel that says English: the customer chose Spanish.
        using var second = new SalesConversation(DemoUsers.Ava, world: _world, conversationId: "second") { Locale = "en-US" };
        AllIn("es-US", await second.SayAsync("hola"));

        // And switching back is remembered the same way.
        AllIn("en-US", await second.SayAsync("English"));
        using var third = new SalesConversation(DemoUsers.Ava, world: _world, conversationId: "third") { Locale = "en-US" };
        AllIn("en-US", await third.SayAsync("hi"));
    }

    [Fact]
    public async Task An_anonymous_visitors_choice_lasts_for_the_conversation_only()
    {
        using (var first = new SalesConversation("visitor-1", world: _world, conversationId: "anonymous-first", anonymous: true) { Locale = "en-US" })
        {
            AllIn("es-US", await first.SayAsync("español"));
            AllIn("es-US", await first.SayAsync("ayuda"));
        }

        using var second = new SalesConversation("visitor-1", world: _world, conversationId: "anonymous-second", anonymous: true) { Locale = "en-US" };
        AllIn("en-US", await second.SayAsync("hi"));
    }

    [Fact]
    public async Task A_spanish_sentence_fills_the_cart_with_lines_and_phones()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "es-US" };
        await chat.SayAsync("hola");

        await chat.SayAsync("quiero tres líneas X4 y dos teléfonos Yealink T54W");

        var cart = await chat.CartAsync();
        Assert.Equal(3, cart.Items.Single(i => i.Sku == "X4-LINE").Quantity);
        Assert.Equal(2, cart.Items.Single(i => i.Sku == "YEA-T54W").Quantity);
    }

    [Fact]
    public async Task Two_phones_in_spanish_are_asked_back_and_the_second_one_is_picked_by_ordinal()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "es-US" };
        await chat.SayAllAsync("hola", "agrega dos líneas X4");

        await chat.SayAsync("quiero dos teléfonos Yealink");
        Assert.Equal(0, (await chat.CartAsync()).DeviceCount);
        Assert.Equal(SalesSteps.ShopChoice, await chat.StepAsync());

        await chat.SayAsync("la segunda");

        var phone = Assert.Single((await chat.CartAsync()).Items, i => i.Sku.StartsWith("YEA-", StringComparison.Ordinal));
        Assert.Equal(2, phone.Quantity);
    }

    [Theory]
    [InlineData("acepto")]
    [InlineData("de acuerdo")]
    [InlineData("Sí, estoy de acuerdo")]
    public async Task A_spanish_agreement_at_the_terms_places_the_order(string agreement)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "es-US" };
        await chat.SayAllAsync("hola", "agrega 2 líneas X4", "pagar", "usar esa tarjeta", "continuar");
        Assert.Equal(SalesSteps.Terms, await chat.StepAsync());

        var confirmation = await chat.SayAsync(agreement);

        var order = await chat.LastOrderAsync();
        Assert.NotNull(order);
        Assert.Contains(order.Number, confirmation.AllText());
        AllIn("es-US", confirmation);
    }

    [Theory]
    [InlineData("sí")]
    [InlineData("no gracias")]
    [InlineData("no sé")]
    public async Task A_bare_yes_a_no_or_an_unsure_answer_at_the_terms_places_nothing(string answer)
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "es-US" };
        await chat.SayAllAsync("hola", "agrega 2 líneas X4", "pagar", "usar esa tarjeta", "continuar");

        await chat.SayAsync(answer);

        Assert.Null(await chat.LastOrderAsync());
        Assert.Equal(2, (await chat.CartAsync()).LineCount);
    }

    [Fact]
    public async Task Spanish_commands_work_at_every_step()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world) { Locale = "es-US" };
        await chat.SayAllAsync("hola", "agrega 2 líneas X4", "pagar");

        var cart = await chat.SayAsync("ver carrito");
        Assert.Contains("X4", cart.AllText());
        Assert.Equal(SalesSteps.Payment, await chat.StepAsync());

        await chat.SayAsync("hablar con una persona");
        var handoff = Assert.Single(chat.Handoffs);
        Assert.Equal(Dialogs.Handoff.HandoffReason.CustomerAsked, handoff.Reason);

        await chat.SayAsync("empezar de nuevo");
        Assert.Equal(SalesSteps.Shop, await chat.StepAsync());
        Assert.Equal(2, (await chat.CartAsync()).LineCount);

        await chat.SayAsync("cancelar");
        Assert.Null(await chat.StepAsync());
    }

    public void Dispose() => _world.Dispose();
}
