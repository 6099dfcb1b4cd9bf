using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using My8x8.SalesBot.Dialogs.Understanding;

namespace My8x8.SalesBot.Understanding.Tests;

public sealed class IntentRecognizerTests
{
    // How customers asked in the chat, including every phrasing that used to get "Sorry, I didn't catch that".
    [Theory]
    [InlineData("I want to talk to a sales person", Intent.Agent)]
    [InlineData("I'd like a representative", Intent.Agent)]
    [InlineData("is there a real person?", Intent.Agent)]
    [InlineData("talk to sales", Intent.Agent)]
    [InlineData("human please", Intent.Agent)]
    [InlineData("connect me with a salesperson", Intent.Agent)]
    [InlineData("what's the status of my order?", Intent.OrderStatus)]
    [InlineData("ok that's all", Intent.Checkout)]
    [InlineData("add a card", Intent.AddCard)]
    [InlineData("I agree, no changes", Intent.Yes)]
    [InlineData("I agree", Intent.Yes)]
    [InlineData("no thanks", Intent.No)]
    [InlineData("start over", Intent.StartOver)]
    [InlineData("empty my cart", Intent.EmptyCart)]
    [InlineData("remove the headset", Intent.ChangeCart)]
    [InlineData("I need three more lines and 2 Yealink phones", Intent.AddItems)]
    [InlineData("upgrade my existing lines to X4", Intent.Upgrade)]
    [InlineData("when are you open", Intent.Hours)]
    [InlineData("which plan is right for me", Intent.PlanAdvice)]
    public void Phrasings_customers_use_are_understood_confidently(string text, Intent expected)
    {
        var result = IntentData.Shipped.Recognize(text, "en-US");

        Assert.Equal(expected, result.Intent);
        Assert.Equal(IntentBand.Act, result.Band);
        Assert.Equal("en", result.Language);
    }

    // The same asks in Spanish, with and without accents, answered by the Spanish model in a Spanish turn.
    [Theory]
    [InlineData("quiero hablar con un vendedor", Intent.Agent)]
    [InlineData("hay una persona real?", Intent.Agent)]
    [InlineData("cual es el estado de mi pedido", Intent.OrderStatus)]
    [InlineData("agregar una tarjeta", Intent.AddCard)]
    [InlineData("no gracias", Intent.No)]
    [InlineData("claro que sí", Intent.Yes)]
    [InlineData("empezar de nuevo", Intent.StartOver)]
    [InlineData("vaciar mi carrito", Intent.EmptyCart)]
    [InlineData("quita la diadema", Intent.ChangeCart)]
    [InlineData("necesito tres líneas más y 2 teléfonos yealink", Intent.AddItems)]
    [InlineData("a qué hora abren", Intent.Hours)]
    [InlineData("qué plan me conviene", Intent.PlanAdvice)]
    public void Spanish_phrasings_customers_use_are_understood_confidently(string text, Intent expected)
    {
        var result = IntentData.Shipped.Recognize(text, "es-US");

        Assert.Equal(expected, result.Intent);
        Assert.Equal(IntentBand.Act, result.Band);
        Assert.Equal("es", result.Language);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("?!...")]
    [InlineData(null)]
    public void Text_without_words_is_nothing_to_act_on(string? text)
    {
        var result = IntentData.Shipped.Recognize(text);

        Assert.Equal(IntentResult.Unrecognized("en") with { Alternatives = result.Alternatives }, result);
        Assert.Empty(result.Alternatives);
    }

    [Theory]
    [InlineData("what's the weather like in Denver")]
    [InlineData("asdkjh qwpoeiru")]
    [InlineData("my desk phone has no dial tone")]
    public void Small_talk_gibberish_and_support_questions_fall_back_to_the_step(string text)
    {
        var result = IntentData.Shipped.Recognize(text);

        Assert.Equal(Intent.None, result.Intent);
        Assert.Equal(IntentBand.Fallback, result.Band);
    }

    [Theory]
    [InlineData(null, "en")]
    [InlineData("en", "en")]
    [InlineData("en-US", "en")]
    [InlineData("EN-gb", "en")]
    [InlineData("en_US", "en")]
    public void The_culture_picks_the_model_by_its_language(string? culture, string language) =>
        Assert.Equal(language, IntentData.Shipped.Recognize("talk to sales", culture).Language);

    [Fact]
    public void A_language_without_a_model_recognizes_nothing_rather_than_guessing_with_another()
    {
        var result = IntentData.Shipped.Recognize("quiero hablar con ventas", "fr-FR");

        Assert.Equal(IntentResult.Unrecognized(language: null) with { Alternatives = result.Alternatives }, result);
        Assert.DoesNotContain("fr", IntentData.Shipped.Languages);
    }

    [Fact]
    public void Alternatives_are_the_runners_up_most_likely_first()
    {
        var result = IntentData.Shipped.Recognize("cancel the headset");

        Assert.Equal(3, result.Alternatives.Count);
        Assert.DoesNotContain(result.Alternatives, a => a.Intent == result.Intent);
        Assert.Equal(result.Alternatives.OrderByDescending(a => a.Confidence), result.Alternatives);
        Assert.All(result.Alternatives, a => Assert.InRange(a.Confidence, 0, result.Confidence));
        Assert.InRange(result.Confidence + result.Alternatives.Sum(a => a.Confidence), 0, 1.0001);
    }

    [Fact]
    public void The_options_decide_between_acting_asking_and_falling_back()
    {
        const string Text = "talk to sales";
        var confidence = IntentData.Shipped.Recognize(Text).Confidence;

        Assert.Equal(IntentBand.Act, Recognizer(new() { ActAbove = confidence, AskAbove = 0 }).Recognize(Text).Band);
        Assert.Equal(IntentBand.Ask, Recognizer(new() { ActAbove = 1, AskAbove = confidence }).Recognize(Text).Band);
        Assert.Equal(IntentBand.Fallback, Recognizer(new() { ActAbove = 1, AskAbove = 1 }).Recognize(Text).Band);
        Assert.Empty(Recognizer(new() { MaxAlternatives = 0 }).Recognize(Text).Alternatives);
    }

    [Fact]
    public void None_always_falls_back_however_sure_the_model_is()
    {
        var result = Recognizer(new() { ActAbove = 0, AskAbove = 0 }).Recognize("tell me a joke about penguins");

        Assert.Equal(Intent.None, result.Intent);
        Assert.Equal(IntentBand.Fallback, result.Band);
    }

    [Fact]
    public void Concurrent_turns_get_the_same_answers_as_one_at_a_time()
    {
        var texts = IntentData.Evaluation("en").Select(e => e.Text).ToArray();
        var recognizer = Recognizer(new());
        var expected = texts.Select(t => recognizer.Recognize(t)).ToArray();
        const int Threads = 8;
        using var start = new Barrier(Threads);
        var answers = new IntentResult[Threads][];

        var threads = Enumerable.Range(0, Threads).Select(n => new Thread(() =>
        {
            start.SignalAndWait();
            answers[n] = [.. texts.Select(t => recognizer.Recognize(t))];
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.All(answers, run => Assert.Equal(expected.Select(Key), run.Select(Key)));
    }

    [Fact]
    public void A_model_that_cannot_be_loaded_is_logged_and_recognizes_nothing_instead_of_failing_the_turn()
    {
        var logger = new RecordingLogger();
        var recognizer = new IntentRecognizer(
            new Dictionary<string, Func<Stream>> { ["en"] = () => new MemoryStream("not a model"u8.ToArray()) }, new IntentOptions(), logger);

        var result = recognizer.Recognize("talk to sales");

        Assert.Equal(Intent.None, result.Intent);
        Assert.Null(result.Language);
        Assert.Equal(IntentBand.Fallback, result.Band);
        Assert.Contains(logger.Entries, e => e.Level == LogLevel.Error && e.Message.Contains("Intent model en could not be loaded", StringComparison.Ordinal));
        recognizer.WarmUp();
    }

    [Fact]
    public void Warm_up_loads_every_model_so_the_first_turn_does_not_pay_for_it()
    {
        var logger = new RecordingLogger();
        var recognizer = new IntentRecognizer(EmbeddedModel("en"), new IntentOptions(), logger);

        recognizer.WarmUp();
        recognizer.WarmUp();
        recognizer.Recognize("talk to sales");

        var loaded = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, loaded.Level);
        Assert.StartsWith("Intent model en loaded in ", loaded.Message, StringComparison.Ordinal);
    }

    private static (Intent, double, IntentBand) Key(IntentResult result) => (result.Intent, result.Confidence, result.Band);

    private static IntentRecognizer Recognizer(IntentOptions options) =>
        new(EmbeddedModel("en"), options, NullLogger.Instance);

    private static Dictionary<string, Func<Stream>> EmbeddedModel(string language) => new()
    {
        [language] = () => typeof(IntentRecognizer).Assembly.GetManifestResourceStream($"My8x8.SalesBot.Dialogs.Understanding.Models.intents.{language}.zip")!,
    };

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
