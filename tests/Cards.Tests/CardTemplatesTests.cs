using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards.Tests;

public class CardTemplatesTests
{
    public static TheoryData<string> Embedded => [.. CardTemplates.Embedded];

    [Fact]
    public void Every_template_file_is_embedded_and_every_required_template_exists()
    {
        var folder = Path.Combine(RepositoryRoot(), "cards", "Templates");
        var files = Directory.GetFiles(folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(files, CardTemplates.Embedded);
        Assert.All(files, f => Assert.EndsWith("Card", f, StringComparison.Ordinal));
        Assert.Equal(CardTemplates.Required.Order(StringComparer.Ordinal), CardTemplates.Embedded);
    }

    [Theory]
    [MemberData(nameof(Embedded))]
    public void Every_template_loads_as_an_Adaptive_Card_version_1_5(string name)
    {
        var card = CardTemplates.Load(name);

        Assert.Equal("AdaptiveCard", (string?)card["type"]);
        Assert.Equal("1.5", (string?)card["version"]);
        Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", (string?)card["$schema"]);
        Assert.NotEmpty(card["body"]!.AsArray());
        Assert.False(string.IsNullOrWhiteSpace((string?)card["fallbackText"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)card["speak"]));
    }

    [Theory]
    [MemberData(nameof(Embedded))]
    public void Every_template_is_designer_ready_with_unique_ids_wrapping_text_and_a_heading(string name)
    {
        var card = CardTemplates.Load(name);
        var ids = Samples.Ids(card);
        var textBlocks = Samples.ElementsOfType(card, "TextBlock");

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(textBlocks, t => Assert.True((bool?)t["wrap"], $"TextBlock '{t["text"]}' in {name} does not wrap."));
        Assert.Equal("heading", (string?)textBlocks[0]["style"]);
        Assert.All(CardJson.Elements(card).Where(e => ((string?)e["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true),
            input => Assert.False(string.IsNullOrWhiteSpace((string?)input["label"]), $"Input '{input["id"]}' in {name} has no label."));
    }

    [Theory]
    [MemberData(nameof(Embedded))]
    public void Every_submit_in_a_template_names_its_verb_and_the_Teams_message(string name)
    {
        var card = CardTemplates.Load(name);

        CardJson.StampSubmits(card, Samples.Context);

        Assert.All(Samples.ElementsOfType(card, "Action.Submit"), submit =>
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)submit["data"]!["salesbot"]!["action"]));
            Assert.Equal("messageBack", (string?)submit["data"]!["msteams"]!["type"]);
            Assert.False(string.IsNullOrWhiteSpace((string?)submit["data"]!["msteams"]!["text"]));
        });
    }

    [Fact]
    public void A_missing_template_fails_fast_naming_the_resource()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CardTemplates.Load("NoSuchCard"));

        Assert.Contains("'My8x8.SalesBot.Cards.Templates.NoSuchCard.json'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_load_hands_out_an_independent_copy()
    {
        var first = CardTemplates.Load(CardTemplates.Welcome);
        first["body"]!.AsArray().Clear();
        first["version"] = "9.9";

        var second = CardTemplates.Load(CardTemplates.Welcome);

        Assert.NotEmpty(second["body"]!.AsArray());
        Assert.Equal("1.5", (string?)second["version"]);
    }

    [Fact]
    public void Loads_from_many_threads_at_once_all_see_the_whole_template()
    {
        var expected = CardTemplates.Load(CardTemplates.Cart).ToJsonString();

        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = CardTemplates.Load(CardTemplates.Cart).ToJsonString());

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Start_up_check_loads_every_required_template() =>
        Assert.Null(Record.Exception(CardTemplates.EnsureAvailable));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "My8x8.SalesBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Cannot find the repository root (My8x8.SalesBot.sln) above " + AppContext.BaseDirectory);
    }
}
