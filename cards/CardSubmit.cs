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
    /// left out; zero is kept (on the cart card it means "remove"). Range checks are the caller's.
    /// </summary>
    public IReadOnlyDictionary<string, int> Quantities()
    {
        var quantities = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, text) in Inputs)
        {
            if (id.StartsWith(CardInputs.QuantityPrefix, StringComparison.Ordinal)
                && id.Length > CardInputs.QuantityPrefix.Length
                && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number)
                && number >= 0 && number <= int.MaxValue && decimal.Truncate(number) == number)
            {
                quantities[id[CardInputs.QuantityPrefix.Length..]] = (int)number;
            }
        }

        return quantities;
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
