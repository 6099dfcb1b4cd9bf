using Microsoft.Recognizers.Text;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Dialogs.Tests.Handoff;
using My8x8.SalesBot.Languages;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Language;

/// <summary>What a Spanish turn reads: cart requests, commands, yes and no, choices, the language switch and callback details.</summary>
public sealed class SpanishUnderstandingTests
{
    private static readonly Product[] Catalog =
    [
        Product("X2-LINE", "X2 line", ProductKind.Line, ProductCategory.ServicePlan, "line,lines,license,seat,user,x2"),
        Product("X4-LINE", "X4 line", ProductKind.Line, ProductCategory.ServicePlan, "line,lines,license,seat,user,x4"),
        Product("YEA-T54W", "Yealink T54W", ProductKind.Equipment, ProductCategory.DeskPhone, "phone,desk phone,yealink,yealink phone,t54w"),
        Product("YEA-T57W", "Yealink T57W", ProductKind.Equipment, ProductCategory.DeskPhone, "phone,desk phone,yealink,yealink phone,t57w"),
        Product("JABRA", "Jabra Evolve2 65", ProductKind.Equipment, ProductCategory.Headset, "headset,jabra"),
    ];

    private static readonly CartRequestParser Parser = new(Catalog);

    private static Product Product(string sku, string name, ProductKind kind, ProductCategory category, string keywords) =>
        new(sku, name, "", kind, category, 10m, kind == ProductKind.Equipment && category != ProductCategory.Headset, keywords.Split(','));

    [Theory]
    [InlineData("agrega tres líneas X4", CartIntent.Add, "X4-LINE", 3)]
    [InlineData("necesito dos lineas x2", CartIntent.Add, "X2-LINE", 2)]
    [InlineData("quiero una diadema", CartIntent.Add, "JABRA", 1)]
    [InlineData("un par de licencias X4", CartIntent.Add, "X4-LINE", 2)]
    [InlineData("doce líneas X2 por favor", CartIntent.Add, "X2-LINE", 12)]
    [InlineData("dieciséis líneas X2", CartIntent.Add, "X2-LINE", 16)]
    [InlineData("quita la diadema", CartIntent.Remove, "JABRA", null)]
    [InlineData("cambia las líneas X4 a 2", CartIntent.SetQuantity, "X4-LINE", 2)]
    [InlineData("2 del número 3", CartIntent.Add, "YEA-T54W", 2)]
    public void Spanish_cart_requests_are_read_with_their_quantity(string text, CartIntent intent, string sku, int? quantity)
    {
        using var spanish = TurnCulture.Spanish();

        var request = Parser.Parse(text);

        Assert.Equal(intent, request.Intent);
        var item = Assert.Single(request.Items);
        Assert.Equal(sku, Assert.Single(item.Candidates).Sku);
        Assert.Equal(quantity, item.Quantity);
    }

    [Fact]
    public void Lines_and_phones_in_one_spanish_sentence_each_keep_their_quantity()
    {
        using var spanish = TurnCulture.Spanish();

        var request = Parser.Parse("quiero tres líneas X4 y dos teléfonos Yealink T54W");

        Assert.Equal(CartIntent.Add, request.Intent);
        Assert.Equal([("X4-LINE", 3), ("YEA-T54W", 2)], request.Items.Select(i => (i.Candidates.Single().Sku, i.Quantity ?? 0)));
    }

    [Fact]
    public void Two_phones_said_in_spanish_fit_several_phones_and_are_asked_back()
    {
        using var spanish = TurnCulture.Spanish();

        var item = Assert.Single(Parser.Parse("quiero dos teléfonos").Items);

        Assert.True(item.IsAmbiguous);
        Assert.Equal(2, item.Quantity);
    }

    [Theory]
    [InlineData("algunas líneas X4")]
    [InlineData("2,5 líneas X4")]
    public void A_vague_or_fractional_spanish_quantity_is_refused_never_read_as_one(string text)
    {
        using var spanish = TurnCulture.Spanish();

        var item = Assert.Single(Parser.Parse(text).Items);

        Assert.Null(item.Quantity);
        Assert.NotNull(item.UnreadableQuantity);
    }

    [Theory]
    [InlineData("vaciar carrito", CartIntent.Empty)]
    [InlineData("pagar", CartIntent.Checkout)]
    [InlineData("estoy listo para pagar", CartIntent.Checkout)]
    [InlineData("catálogo", CartIntent.ShowCatalog)]
    [InlineData("quiero mejorar mi plan", CartIntent.Upgrade)]
    public void Spanish_cart_moves_without_products_are_read(string text, CartIntent intent)
    {
        using var spanish = TurnCulture.Spanish();

        Assert.Equal(intent, Parser.Parse(text).Intent);
    }

    [Fact]
    public void An_english_turn_does_not_read_spanish_number_words()
    {
        using var english = TurnCulture.English();

        Assert.Equal(CartIntent.None, Parser.Parse("tres líneas X4").Intent);
    }

    [Theory]
    [InlineData("sí, 4 líneas", 4)]
    [InlineData("agrega cuatro de esas", 4)]
    [InlineData("sí", null)]
    public void Taking_up_a_plan_offer_is_read_in_spanish(string text, int? quantity)
    {
        using var spanish = TurnCulture.Spanish();

        Assert.True(PlanOfferReader.TryRead(text, out var acceptance));
        Assert.Equal(quantity, acceptance!.Quantity);
    }

    [Theory]
    [InlineData("cuatro", 4)]
    [InlineData("somos doce", 12)]
    public void The_advisor_hears_how_many_people_in_spanish(string text, int people)
    {
        using var spanish = TurnCulture.Spanish();

        Assert.Equal(people, PlanQuestionParser.People(text, out var unreadable));
        Assert.False(unreadable);
    }

    [Theory]
    [InlineData("ayuda", SalesCommand.Help)]
    [InlineData("carrito", SalesCommand.ShowCart)]
    [InlineData("ver carrito", SalesCommand.ShowCart)]
    [InlineData("cancelar", SalesCommand.Cancel)]
    [InlineData("empezar de nuevo", SalesCommand.StartOver)]
    [InlineData("agente", SalesCommand.Agent)]
    [InlineData("hablar con una persona", SalesCommand.Agent)]
    [InlineData("quiero hablar con un agente", SalesCommand.Agent)]
    [InlineData("horario", SalesCommand.Hours)]
    [InlineData("¿a qué hora abren?", SalesCommand.Hours)]
    [InlineData("muchas gracias", SalesCommand.Thanks)]
    [InlineData("adiós", SalesCommand.Goodbye)]
    [InlineData("hola", SalesCommand.Greeting)]
    [InlineData("eso es todo", SalesCommand.ThatsAll)]
    [InlineData("sí", SalesCommand.Yes)]
    [InlineData("no gracias", SalesCommand.No)]
    public void Spanish_global_commands_are_recognized(string text, SalesCommand command)
    {
        Assert.Equal(command, SalesCommandRecognizer.Recognize(text));
    }

    [Theory]
    [InlineData("sí", ConfirmAnswer.Yes)]
    [InlineData("si", ConfirmAnswer.Yes)]
    [InlineData("de acuerdo", ConfirmAnswer.Yes)]
    [InlineData("acepto", ConfirmAnswer.Yes)]
    [InlineData("Sí, estoy de acuerdo", ConfirmAnswer.Yes)]
    [InlineData("no", ConfirmAnswer.No)]
    [InlineData("no gracias", ConfirmAnswer.No)]
    [InlineData("no estoy de acuerdo", ConfirmAnswer.No)]
    [InlineData("no sé", ConfirmAnswer.Unclear)]
    [InlineData("sí pero quita un teléfono", ConfirmAnswer.Unclear)]
    public void Spanish_yes_and_no_are_read_by_the_one_confirm_recognizer(string text, ConfirmAnswer answer)
    {
        Assert.Equal(answer, ConfirmRecognizer.Read(text));
    }

    [Theory]
    [InlineData("acepto", true)]
    [InlineData("de acuerdo", true)]
    [InlineData("sí", false)]
    public void Only_words_that_name_the_agreement_agree_to_terms_in_spanish(string text, bool names)
    {
        Assert.Equal(names, ConfirmRecognizer.NamesAgreement(text));
    }

    [Theory]
    [InlineData("la segunda", 1)]
    [InlineData("la primera", 0)]
    [InlineData("la última", 2)]
    [InlineData("dos", 1)]
    public void Spanish_ordinals_and_numbers_pick_a_choice(string text, int index)
    {
        var choices = new[] { new Choice("Ground"), new Choice("Two-day"), new Choice("Overnight") };

        Assert.Equal(index, ChoiceRecognizer.Recognize(text, choices, Culture.Spanish)?.Index);
    }

    [Fact]
    public void A_choice_prompt_reads_ordinals_in_the_turns_language()
    {
        using var spanish = TurnCulture.Spanish();

        Assert.Equal(Culture.Spanish, RecognizerCulture.Current);
    }

    [Theory]
    [InlineData("español", "es-US")]
    [InlineData("en español", "es-US")]
    [InlineData("¿Habla español?", "es-US")]
    [InlineData("hablas español", "es-US")]
    [InlineData("Spanish please", "es-US")]
    [InlineData("English", "en-US")]
    [InlineData("in English", "en-US")]
    [InlineData("inglés", "en-US")]
    [InlineData("¿habla inglés?", "en-US")]
    public void Asking_for_a_language_is_a_switch(string text, string culture)
    {
        Assert.True(LanguageSwitch.TryRecognize(text, out var chosen));
        Assert.Equal(culture, chosen!.Name);
    }

    [Theory]
    [InlineData("a spanish speaking team of 4")]
    [InlineData("add 3 lines in english")]
    [InlineData("")]
    public void Other_messages_that_name_a_language_are_not_a_switch(string text)
    {
        Assert.False(LanguageSwitch.TryRecognize(text, out _));
    }

    [Theory]
    [InlineData("es", "es-US")]
    [InlineData("es-MX", "es-US")]
    [InlineData("ES_es", "es-US")]
    [InlineData("en-GB", "en-US")]
    [InlineData("fr-FR", "en-US")]
    [InlineData(null, "en-US")]
    public void Any_spanish_locale_is_served_in_us_spanish_and_anything_else_in_us_english(string? locale, string culture)
    {
        Assert.Equal(culture, SalesLanguage.For(locale).Name);
    }

    [Fact]
    public void Monday_at_nine_said_in_spanish_is_monday_nine_in_the_morning_pacific()
    {
        using var spanish = TurnCulture.Spanish();
        // Saturday March 7, 2026, 10:00 a.m. Pacific.
        var recognizer = new CallbackRecognizer(SalesHoursTests.Hours(new DateTimeOffset(2026, 3, 7, 18, 0, 0, TimeSpan.Zero)));

        Assert.True(recognizer.TryRecognizeTime("el lunes a las 9", out var time));

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 16, 0, 0, TimeSpan.Zero), time!.Proposed); // 9:00 a.m. PDT
        Assert.False(time.WasMoved);
    }

    [Fact]
    public void Tomorrow_afternoon_said_in_spanish_is_inside_tomorrows_sales_hours()
    {
        using var spanish = TurnCulture.Spanish();
        // Tuesday March 3, 2026, 10:00 a.m. Pacific.
        var recognizer = new CallbackRecognizer(SalesHoursTests.Hours(new DateTimeOffset(2026, 3, 3, 18, 0, 0, TimeSpan.Zero)));

        Assert.True(recognizer.TryRecognizeTime("mañana por la tarde", out var time));

        var pacific = TimeZoneInfo.ConvertTime(time!.Proposed, TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles"));
        Assert.Equal(new DateTime(2026, 3, 4), pacific.Date);
        Assert.InRange(pacific.Hour, 12, 16);
    }

    [Fact]
    public void A_phone_number_said_in_spanish_is_recognized()
    {
        using var spanish = TurnCulture.Spanish();

        Assert.True(CallbackRecognizer.TryRecognizePhone("mi número es (408) 555-0100, gracias", out var phone, out _));
        Assert.Equal("+14085550100", phone!.Dialable);
    }
}
