using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Cards.Tests;

public class CardSubmitTests
{
    private const string WebChatValue = """
        {
          "salesbot": { "step": "catalog", "prompt": "p-42", "action": "addToCart", "note": 7 },
          "msteams": { "type": "messageBack", "displayText": "Add to cart", "text": "add to cart" },
          "qty.X6-LN": "3",
          "qty.YEA-T54W": "",
          "qty.JAB-E40": "2.5",
          "qty.POLY-TRIO": "-1",
          "agree": "true"
        }
        """;

    public static TheoryData<object> SameSubmitInEveryShape => new()
    {
        JObject.Parse(WebChatValue),
        WebChatValue,
        JsonDocument.Parse(WebChatValue).RootElement.Clone(),
        JsonNode.Parse(WebChatValue)!,
        new JValue(WebChatValue),
    };

    [Theory]
    [MemberData(nameof(SameSubmitInEveryShape))]
    public void A_submit_is_read_from_Newtonsoft_System_Text_Json_and_string_values(object value)
    {
        Assert.True(CardSubmit.TryParse(value, out var submit));

        Assert.Equal("catalog", submit.Step);
        Assert.Equal("p-42", submit.Prompt);
        Assert.Equal(CardActions.AddToCart, submit.Action);
        Assert.Equal("7", submit.Data["note"]);
        Assert.Equal("true", submit.Inputs[CardInputs.Agree]);
        Assert.False(submit.Inputs.ContainsKey("salesbot"));
        Assert.False(submit.Inputs.ContainsKey("msteams"));
    }

    [Fact]
    public void Quantities_keep_whole_non_negative_numbers_and_skip_blank_or_invalid_inputs()
    {
        Assert.True(CardSubmit.TryParse(WebChatValue, out var submit));

        Assert.Equal(new Dictionary<string, int> { ["X6-LN"] = 3 }, submit.Quantities());
    }

    [Fact]
    public void Quantities_that_are_not_whole_numbers_are_reported_as_entered_and_blank_ones_are_not()
    {
        Assert.True(CardSubmit.TryParse(WebChatValue, out var submit));

        Assert.Equal(new Dictionary<string, string> { ["JAB-E40"] = "2.5", ["POLY-TRIO"] = "-1" }, submit.UnreadableQuantities());
    }

    [Fact]
    public void A_Teams_submit_with_the_payload_only_in_msteams_value_is_read()
    {
        var value = JObject.Parse("""
            { "msteams": { "value": "{\"salesbot\":{\"step\":\"shipping\",\"prompt\":\"p-9\",\"action\":\"chooseShipping\"}}" }, "shippingMethod": "STD" }
            """);

        Assert.True(CardSubmit.TryParse(value, out var submit));

        Assert.Equal("shipping", submit.Step);
        Assert.Equal("STD", submit.Value(CardInputs.ShippingMethod));
    }

    [Fact]
    public void A_payload_nested_under_action_data_is_read()
    {
        var value = JObject.Parse("""{ "action": { "type": "Action.Execute", "data": { "salesbot": { "step": "s", "prompt": "p", "action": "continue" }, "cardId": "pm_1" } } }""");

        Assert.True(CardSubmit.TryParse(value, out var submit));

        Assert.Equal(CardActions.Continue, submit.Action);
        Assert.Equal("pm_1", submit.Inputs[CardInputs.CardId]);
    }

    public static TheoryData<object?> NotASubmit => new()
    {
        null,
        "add 3 lines",
        "{ not json",
        JObject.Parse("""{ "foo": "bar" }"""),
        JObject.Parse("""{ "salesbot": { "step": "s", "action": "continue" } }"""),
        JObject.Parse("""{ "salesbot": { "step": "s", "prompt": "", "action": "continue" } }"""),
        JObject.Parse("""{ "salesbot": "continue" }"""),
        new JArray(1, 2),
    };

    [Theory]
    [MemberData(nameof(NotASubmit))]
    public void Anything_without_step_prompt_and_action_is_not_a_submit(object? value)
    {
        Assert.False(CardSubmit.TryParse(value, out var submit));
        Assert.Null(submit);
    }

    [Fact]
    public void A_submit_belongs_only_to_the_step_and_prompt_it_was_built_for()
    {
        Assert.True(CardSubmit.TryParse(WebChatValue, out var submit));

        Assert.True(submit.IsFor(new SubmitContext("catalog", "p-42")));
        Assert.False(submit.IsFor(new SubmitContext("catalog", "p-43")));
        Assert.False(submit.IsFor(new SubmitContext("cart", "p-42")));
    }

    [Fact]
    public void A_step_or_prompt_id_must_not_be_blank() =>
        Assert.Throws<ArgumentException>(() => new SubmitContext("cart", " "));
}
