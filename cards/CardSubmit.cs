using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Cards;

/// <summary>
/// What an <c>Action.Submit</c> of one of these cards sent back: the step and prompt instance the card was
/// built for, the verb, the values the card carried (<see cref="Data"/>, e.g. <c>sku</c>) and the values the
/// customer entered (<see cref="Inputs"/>, keyed by input id). Everything here came from the client:
/// check <see cref="IsFor"/> and revalidate SKUs, quantities and ids on the server.
/// </summary>
public sealed record CardSubmit(
    string Step,
    string Prompt,
    string Action,
    IReadOnlyDictionary<string, string> Data,
    IReadOnlyDictionary<string, string> Inputs)
{
    /// <summary>The property every submit of these cards carries its payload in.</summary>
    public const string PayloadProperty = "salesbot";

    private const string TeamsProperty = "msteams";

    /// <summary>True when this submit came from the card built for <paramref name="context"/> (not a stale card).</summary>
    public bool IsFor(SubmitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return string.Equals(Step, context.Step, StringComparison.Ordinal)
            && string.Equals(Prompt, context.Prompt, StringComparison.Ordinal);
    }

    /// <summary>An entered value, or a carried value when no input has that id.</summary>
    public string? Value(string name) =>
        Inputs.TryGetValue(name, out var input) ? input : Data.TryGetValue(name, out var data) ? data : null;

    /// <summary>
    /// The <c>qty.&lt;SKU&gt;</c> inputs that hold a whole number of zero or more, by SKU. Blank inputs are
    /// left out (blank means none on the catalog card and "unchanged" on the cart card); zero is kept (on the cart
    /// card it means "remove"). Anything else is in <see cref="UnreadableQuantities"/>. Range checks are the caller's.
    /// </summary>
    public IReadOnlyDictionary<string, int> Quantities()
    {
        var quantities = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (sku, text) in QuantityInputs())
        {
            if (TryReadQuantity(text, out var number))
            {
                quantities[sku] = number;
            }
        }

        return quantities;
    }

    /// <summary>
    /// The quantity inputs the customer filled with something that is not a whole number of zero or more ("2.5",
    /// "-1", "1e3", a number too large for any order), by SKU with the text as entered. A submit with any of these
    /// should be answered, not half applied.
    /// </summary>
    public IReadOnlyDictionary<string, string> UnreadableQuantities()
    {
        var unreadable = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (sku, text) in QuantityInputs())
        {
            if (!string.IsNullOrWhiteSpace(text) && !TryReadQuantity(text, out _))
            {
                unreadable[sku] = text.Trim();
            }
        }

        return unreadable;
    }

    private IEnumerable<(string Sku, string Text)> QuantityInputs() =>
        Inputs.Where(i => i.Key.StartsWith(CardInputs.QuantityPrefix, StringComparison.Ordinal) && i.Key.Length > CardInputs.QuantityPrefix.Length)
            .Select(i => (i.Key[CardInputs.QuantityPrefix.Length..], i.Value));

    private static bool TryReadQuantity(string text, out int quantity)
    {
        quantity = 0;
        var trimmed = text.Trim();
        // Digits only: a renderer sends what the box holds, and "1e3", "+2" or "2.0" are not what a customer means by a count.
        if (trimmed.Length is 0 or > 9 || !trimmed.All(char.IsAsciiDigit))
        {
            return false;
        }

        quantity = int.Parse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>
    /// Reads a submit of these cards from an incoming activity's <c>Value</c>: a Newtonsoft <see cref="JToken"/>
    /// (what the Bot Framework SDK deserializes), a System.Text.Json <see cref="JsonElement"/> or <see cref="JsonNode"/>,
    /// or a JSON string. The payload may be at the top level (Web Chat, Teams Action.Submit) or nested where
    /// Teams and Universal Actions put it (<c>msteams.value</c>, <c>data</c>, <c>action.data</c>).
    /// False for anything else, including typed text; when true, ignore the activity's text (Teams messageBack sets it).
    /// </summary>
    public static bool TryParse(object? activityValue, [NotNullWhen(true)] out CardSubmit? submit)
    {
        submit = null;
        if (ToNode(activityValue) is not JsonObject root)
        {
            return false;
        }

        foreach (var container in Candidates(root))
        {
            if (container[PayloadProperty] is not JsonObject payload)
            {
                continue;
            }

            var step = StringOf(payload["step"]);
            var prompt = StringOf(payload["prompt"]);
            var action = StringOf(payload["action"]);
            if (string.IsNullOrWhiteSpace(step) || string.IsNullOrWhiteSpace(prompt) || string.IsNullOrWhiteSpace(action))
            {
                return false;
            }

            var data = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in payload)
            {
                if (key is not ("step" or "prompt" or "action") && StringOf(value) is { } text)
                {
                    data[key] = text;
                }
            }

            // Input values arrive as top-level properties next to the payload (Adaptive Cards merges them into data).
            var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var source in container == root ? new[] { root } : new[] { root, container })
            {
                foreach (var (key, value) in source)
                {
                    if (key is not (PayloadProperty or TeamsProperty) && StringOf(value) is { } text)
                    {
                        inputs[key] = text;
                    }
                }
            }

            submit = new CardSubmit(step, prompt, action, data, inputs);
            return true;
        }

        return false;
    }

    private static IEnumerable<JsonObject> Candidates(JsonObject root)
    {
        yield return root;
        if (root[TeamsProperty] is JsonObject teams && ToNode(teams["value"]) is JsonObject teamsValue)
        {
            yield return teamsValue;
        }

        if (root["data"] is JsonObject data)
        {
            yield return data;
        }

        if (root["action"] is JsonObject { } action && action["data"] is JsonObject actionData)
        {
            yield return actionData;
        }
    }

    private static JsonNode? ToNode(object? value)
    {
        try
        {
            return value switch
            {
                null => null,
                JsonValue node when node.TryGetValue<string>(out var text) => ParseText(text),
                JsonNode node => node,
                JsonElement { ValueKind: JsonValueKind.String } element => ParseText(element.GetString()),
                JsonElement element => JsonNode.Parse(element.GetRawText()),
                JValue { Type: JTokenType.String } token => ParseText(token.Value<string>()),
                JToken token => JsonNode.Parse(token.ToString(Newtonsoft.Json.Formatting.None)),
                string text => ParseText(text),
                _ => JsonSerializer.SerializeToNode(value),
            };
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonNode? ParseText(string? text) =>
        string.IsNullOrWhiteSpace(text) || text.TrimStart()[0] is not ('{' or '[') ? null : JsonNode.Parse(text);

    private static string? StringOf(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };
}
