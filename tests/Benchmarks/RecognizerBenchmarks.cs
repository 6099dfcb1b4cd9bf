using BenchmarkDotNet.Attributes;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Benchmarks;

/// <summary>Each recognizer call a turn can make, warm (the models are built in the global setup, as the host's warm-up does).</summary>
[MemoryDiagnoser]
public class RecognizerBenchmarks
{
    private static readonly Choice[] Shipping = [new("Ground"), new("Two-day"), new("Overnight")];
    private CartRequestParser _parser = null!;

    [GlobalSetup]
    public void Setup()
    {
        _parser = new CartRequestParser(Catalog.Products);
        NumberRecognizer.RecognizeNumber("three", Culture.English);
        NumberRecognizer.RecognizeOrdinal("the second one", Culture.English);
    }

    [Benchmark]
    public int Number() => NumberRecognizer.RecognizeNumber("I need three more lines", Culture.English).Count;

    [Benchmark]
    public int Ordinal() => NumberRecognizer.RecognizeOrdinal("the second one", Culture.English).Count;

    [Benchmark]
    public int? Choice_by_ordinal() => ChoiceRecognizer.Recognize("the second one", Shipping)?.Index;

    [Benchmark]
    public int? Choice_by_title() => ChoiceRecognizer.Recognize("ground", Shipping)?.Index;

    [Benchmark]
    public int Cart_request() => _parser.Parse("I need three more lines and 2 Yealink T54W phones").Items.Count;

    [Benchmark]
    public SalesCommand Sales_command() => SalesCommandRecognizer.Recognize("show my cart");

    [Benchmark]
    public int Cart_request_parser_built_from_the_catalog() => new CartRequestParser(Catalog.Products).Parse("checkout").Items.Count;
}

/// <summary>The catalog the embedded service seeds, as the dialogs see it.</summary>
internal static class Catalog
{
    public static IReadOnlyList<Product> Products { get; } =
    [
        new("X2-LINE", "X2 line", "Unlimited calling in the US and Canada.", ProductKind.Line, ProductCategory.ServicePlan, 24m, false, ["line", "lines", "license", "x2", "basic"]),
        new("X4-LINE", "X4 line", "Unlimited calling to 48 countries.", ProductKind.Line, ProductCategory.ServicePlan, 44m, false, ["line", "lines", "license", "x4", "international"]),
        new("X6-LINE", "X6 line", "Contact-center queues.", ProductKind.Line, ProductCategory.ServicePlan, 85m, false, ["line", "lines", "license", "x6", "contact center"]),
        new("POLY-VVX250", "Poly VVX 250", "Four-line desk phone.", ProductKind.Equipment, ProductCategory.DeskPhone, 129m, true, ["phone", "desk phone", "poly", "vvx 250"]),
        new("YEA-T54W", "Yealink T54W", "Desk phone with Bluetooth and Wi-Fi.", ProductKind.Equipment, ProductCategory.DeskPhone, 199m, true, ["phone", "desk phone", "yealink", "t54w"]),
        new("POLY-TRIO-C60", "Poly Trio C60", "Conference phone.", ProductKind.Equipment, ProductCategory.ConferencePhone, 949m, true, ["conference phone", "poly", "trio"]),
        new("JABRA-EVOLVE2-65", "Jabra Evolve2 65", "Wireless headset.", ProductKind.Equipment, ProductCategory.Headset, 199m, false, ["headset", "jabra"]),
    ];
}
