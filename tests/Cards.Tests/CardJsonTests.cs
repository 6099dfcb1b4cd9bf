using System.Text.Json.Nodes;
using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards.Tests;

public class CardJsonTests
{
    private static JsonObject Card() => JsonNode.Parse("""
        {
          "type": "AdaptiveCard",
          "version": "1.5",
          "body": [
            { "type": "TextBlock", "id": "title", "text": "Sample", "wrap": true },
            {
              "type": "Container",
              "id": "row",
              "items": [
                { "type": "TextBlock", "id": "name", "text": "Sample name", "wrap": true },
                { "type": "Input.Number", "id": "quantity", "label": "Quantity" }
              ]
            },
            { "type": "Input.ChoiceSet", "id": "pick", "label": "Pick", "choices": [ { "title": "Sample", "value": "s" } ] }
          ],
          "actions": [
            { "type": "Action.Submit", "title": "Go", "data": { "salesbot": { "action": "go" }, "msteams": { "type": "messageBack", "displayText": "Go", "text": "go" } } }
          ]
        }
        """)!.AsObject();

    [Fact]
    public void Finding_a_missing_id_fails_naming_the_id()
    {
        var error = Assert.Throws<InvalidOperationException>(() => CardJson.Find(Card(), "nope"));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_text_changes_only_the_element_with_that_id()
    {
        var card = Card();

        CardJson.SetText(card, "title", "Your cart");

        Assert.Equal("Your cart", (string?)card["body"]![0]!["text"]);
        Assert.Equal("Sample name", (string?)CardJson.Find(card, "name")["text"]);
    }

    [Fact]
    public void Repeating_a_row_clones_it_per_item_in_place_and_removes_the_sample()
    {
        var card = Card();

        var rows = CardJson.Repeat(card, "row", ["A", "B", "C"], (row, item, index) =>
        {
            CardJson.SetText(row, "name", $"{index + 1}: {item}");
            CardJson.Find(row, "quantity")["id"] = CardInputs.Quantity(item);
        });

        var body = card["body"]!.AsArray();
        Assert.Equal(3, rows.Count);
        Assert.Equal(5, body.Count);
        Assert.Same(rows[0], body[1]);
        Assert.Equal("3: C", (string?)rows[2]["items"]![0]!["text"]);
        Assert.DoesNotContain("Sample name", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["title", "qty.A", "qty.B", "qty.C", "pick"], Samples.Ids(card));
    }

    [Fact]
    public void Repeating_over_no_items_leaves_no_sample_row()
    {
        var card = Card();

        CardJson.Repeat(card, "row", Array.Empty<string>(), (_, _, _) => { });

        Assert.Null(CardJson.TryFind(card, "row"));
        Assert.Equal(2, card["body"]!.AsArray().Count);
    }

    [Fact]
    public void Setting_choices_replaces_the_samples_and_selects_a_value()
    {
        var card = Card();

        CardJson.SetChoices(card, "pick", [("Ground", "GND"), ("Air", "AIR")], "AIR");

        var input = CardJson.Find(card, "pick");
        Assert.Equal(["GND", "AIR"], input["choices"]!.AsArray().Select(c => (string?)c!["value"]));
        Assert.Equal("AIR", (string?)input["value"]);
    }

    [Fact]
    public void Added_actions_are_appended_and_stamped_like_template_actions()
    {
        var card = Card();

        CardJson.AddActions(card, [CardJson.SubmitAction("Remove X6", CardActions.Remove, "remove X6", new Dictionary<string, string> { ["sku"] = "X6" }, "destructive")]);
        CardJson.StampSubmits(card, Samples.Context);

        var added = card["actions"]!.AsArray()[1]!;
        Assert.Equal("destructive", (string?)added["style"]);
        Assert.Equal("X6", (string?)added["data"]!["salesbot"]!["sku"]);
        Assert.Equal(Samples.Context.Step, (string?)added["data"]!["salesbot"]!["step"]);
        Assert.Equal("remove X6", (string?)added["data"]!["msteams"]!["text"]);
    }

    [Fact]
    public void Stamping_puts_step_and_prompt_on_every_submit_and_copies_the_payload_for_Teams()
    {
        var card = Card();

        CardJson.StampSubmits(card, new SubmitContext("cart", "p-1"));

        var data = card["actions"]![0]!["data"]!;
        Assert.Equal("cart", (string?)data["salesbot"]!["step"]);
        Assert.Equal("p-1", (string?)data["salesbot"]!["prompt"]);
        Assert.True(JsonNode.DeepEquals(data["salesbot"], data["msteams"]!["value"]!["salesbot"]));
    }

    [Fact]
    public void Stamping_refuses_a_submit_without_a_verb()
    {
        var card = Card();
        card["actions"]![0]!["data"]!["salesbot"]!.AsObject().Remove("action");

        Assert.Throws<InvalidOperationException>(() => CardJson.StampSubmits(card, Samples.Context));
    }
}
