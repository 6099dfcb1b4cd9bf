using My8x8.SalesBot.Dialogs.Understanding;
using My8x8.SalesBot.Dialogs.Understanding.Training;

namespace My8x8.SalesBot.Understanding.Tests.Training;

public sealed class IntentExampleFileTests
{
    [Fact]
    public void Headings_start_intents_and_dashes_are_examples_while_titles_and_notes_are_prose()
    {
        var examples = Parse("""
            # Intent examples

            > A note about writing examples.
            ## agent
            - talk to sales
              -   human please

            ## show-cart
            - what's in my cart
            """);

        Assert.Equal(
            [(Intent.Agent, "talk to sales", 5), (Intent.Agent, "human please", 6), (Intent.ShowCart, "what's in my cart", 9)],
            examples.Select(e => (e.Intent, e.Text, e.Line)));
    }

    [Theory]
    [InlineData("## greetings\n- hi", "test.md:1: 'greetings' is not an intent")]
    [InlineData("- talk to sales", "test.md:1: an example comes before any '## intent' heading")]
    [InlineData("## agent\ntalk to sales", "test.md:2: expected '## intent', '- example'")]
    [InlineData("## agent\n- ?!", "test.md:2: an example has no words")]
    [InlineData("## agent\n- hi\n## help\n- help\n## agent\n- rep", "test.md:5: intent 'agent' appears twice")]
    public void A_line_that_is_not_a_heading_an_example_or_prose_is_an_error_with_its_line(string text, string message)
    {
        var error = Assert.Throws<FormatException>(() => Parse(text));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_intent_has_a_label_that_reads_back_as_the_same_intent()
    {
        Assert.All(IntentLabels.All, intent =>
        {
            Assert.True(IntentLabels.TryParse(intent.Label(), out var parsed));
            Assert.Equal(intent, parsed);
        });
        Assert.Equal("show-cart", Intent.ShowCart.Label());
        Assert.Equal("order-status", Intent.OrderStatus.Label());
    }

    private static IReadOnlyList<IntentExample> Parse(string text)
    {
        using var reader = new StringReader(text);
        return IntentExampleFile.Parse(reader, "test.md");
    }
}
