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
