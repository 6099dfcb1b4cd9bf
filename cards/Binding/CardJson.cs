using System.Text.Json;
using System.Text.Json.Nodes;

namespace My8x8.SalesBot.Cards.Binding;

/// <summary>
/// Small helpers that bind data into an Adaptive Card through <see cref="JsonNode"/>. Elements are addressed by
/// their <c>id</c>; a missing id is a template/binder mismatch and throws at once.
/// </summary>
public static class CardJson
{
    /// <summary>The element (body element, input, column or action) whose <c>id</c> is <paramref name="id"/>.</summary>
    public static JsonObject Find(JsonNode root, string id) =>
        TryFind(root, id) ?? throw new InvalidOperationException($"The card has no element with id '{id}'.");

    public static JsonObject? TryFind(JsonNode root, string id)
    {
        ArgumentNullException.ThrowIfNull(root);
        return Elements(root).FirstOrDefault(e => IdOf(e) == id);
    }

    /// <summary>Sets the <c>text</c> of the TextBlock (or TextRun) <paramref name="id"/>.</summary>
    public static JsonObject SetText(JsonNode root, string id, string text)
    {
        var element = Find(root, id);
        element["text"] = text;
        return element;
    }

    /// <summary>Replaces the facts of the FactSet <paramref name="id"/>.</summary>
    public static void SetFacts(JsonNode root, string id, IEnumerable<(string Title, string Value)> facts)
    {
        var factSet = Find(root, id);
        factSet["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })]);
    }

    /// <summary>Replaces the choices of the Input.ChoiceSet <paramref name="inputId"/> and preselects <paramref name="selected"/>.</summary>
    public static void SetChoices(JsonNode root, string inputId, IEnumerable<(string Title, string Value)> choices, string? selected = null)
    {
        var input = Find(root, inputId);
        input["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]);
        if (selected is null)
        {
            input.Remove("value");
        }
        else
        {
            input["value"] = selected;
        }
    }

    /// <summary>Removes the element <paramref name="id"/> from the array that holds it.</summary>
    public static void Remove(JsonNode root, string id)
    {
        var element = Find(root, id);
        if (element.Parent is not JsonArray parent)
        {
            throw new InvalidOperationException($"The card element '{id}' is not in an array and cannot be removed.");
        }

        parent.Remove(element);
    }

    /// <summary>
    /// Repeats the sample row <paramref name="sampleId"/> once per item: each copy is filled by <paramref name="fill"/>
    /// (which finds the row's parts by their template ids) and inserted where the sample was; the sample is removed.
    /// Template ids left in a copy are dropped afterwards so the card keeps unique ids; ids that
    /// <paramref name="fill"/> assigned (e.g. <c>qty.&lt;SKU&gt;</c> on inputs) stay.
    /// </summary>
    /// <returns>The filled rows, in order.</returns>
    public static IReadOnlyList<JsonObject> Repeat<T>(JsonNode root, string sampleId, IEnumerable<T> items, Action<JsonObject, T, int> fill)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(fill);
        var sample = Find(root, sampleId);
        if (sample.Parent is not JsonArray parent)
        {
            throw new InvalidOperationException($"The card element '{sampleId}' is not in an array and cannot be repeated.");
        }

        var templateIds = Elements(sample).Select(IdOf).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var at = parent.IndexOf(sample);
        var rows = new List<JsonObject>();
        foreach (var item in items)
        {
            var row = (JsonObject)sample.DeepClone();
            fill(row, item, rows.Count);
            foreach (var element in Elements(row).ToList())
            {
                if (IdOf(element) is { } id && templateIds.Contains(id))
                {
                    element.Remove("id");
                }
            }

            rows.Add(row);
        }

        parent.RemoveAt(at);
        for (var i = 0; i < rows.Count; i++)
        {
            parent.Insert(at + i, rows[i]);
        }

        return rows;
    }

    /// <summary>Appends actions to the card's <c>actions</c>, or to the ActionSet <paramref name="actionSetId"/>.</summary>
    public static void AddActions(JsonNode root, IEnumerable<JsonObject> actions, string? actionSetId = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var owner = actionSetId is null ? root.AsObject() : Find(root, actionSetId);
        if (owner["actions"] is not JsonArray list)
        {
            list = [];
            owner["actions"] = list;
        }

        foreach (var action in actions)
        {
            list.Add(action);
        }
    }

    /// <summary>
    /// A new <c>Action.Submit</c> carrying <paramref name="action"/> and <paramref name="values"/>; its step and
    /// prompt are stamped by <see cref="StampSubmits"/>. <paramref name="typedCommand"/> is what the customer
    /// could type instead (Teams shows <paramref name="title"/> as their message).
    /// </summary>
    public static JsonObject SubmitAction(string title, string action, string typedCommand, IReadOnlyDictionary<string, string>? values = null, string? style = null)
    {
        var payload = new JsonObject { ["step"] = "", ["prompt"] = "", ["action"] = action };
        foreach (var (key, value) in values ?? new Dictionary<string, string>())
        {
            payload[key] = value;
        }

        var submit = new JsonObject
        {
            ["type"] = "Action.Submit",
            ["title"] = title,
            ["data"] = new JsonObject
            {
                [CardSubmit.PayloadProperty] = payload,
                ["msteams"] = new JsonObject { ["type"] = "messageBack", ["displayText"] = title, ["text"] = typedCommand },
            },
        };
        if (style is not null)
        {
            submit["style"] = style;
        }

        return submit;
    }

    /// <summary>Sets a value the submit action carries in <c>salesbot</c> (e.g. the SKU of a Remove button).</summary>
    public static void SetSubmitValue(JsonObject submitAction, string key, string value) => Payload(submitAction)[key] = value;

    /// <summary>Sets what Teams shows as the customer's message and sends as text for this submit action.</summary>
    public static void SetTeamsMessage(JsonObject submitAction, string displayText, string typedCommand)
    {
        ArgumentNullException.ThrowIfNull(submitAction);
        if (submitAction["data"]?["msteams"] is JsonObject teams)
        {
            teams["displayText"] = displayText;
            teams["text"] = typedCommand;
        }
    }

    /// <summary>
    /// Stamps every <c>Action.Submit</c> in the card with the step and prompt it belongs to. A submit without a
    /// <c>salesbot.action</c> verb is a template bug and throws.
    /// </summary>
    /// <remarks>
    /// Teams: each submit also carries <c>msteams: { type: "messageBack", displayText, text }</c>, so Teams
    /// shows what the customer did ("View cart") instead of a silent click and sends the equivalent typed
    /// command as text. Teams then delivers <c>msteams.value</c> as the activity's value, so the payload is
    /// copied there too and <see cref="CardSubmit.TryParse"/> reads either place. Web Chat ignores
    /// <c>msteams</c> and posts the data (with the extra property) unchanged, so nothing breaks there.
    /// </remarks>
    public static void StampSubmits(JsonNode root, SubmitContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var submit in Elements(root).Where(e => TypeOf(e) == "Action.Submit").ToList())
        {
            var payload = Payload(submit);
            if (payload["action"]?.GetValueKind() != JsonValueKind.String)
            {
                throw new InvalidOperationException($"The submit action '{submit["title"]}' has no salesbot.action verb.");
            }

            payload["step"] = context.Step;
            payload["prompt"] = context.Prompt;
            if (submit["data"]?["msteams"] is JsonObject teams)
            {
                teams["value"] = new JsonObject { [CardSubmit.PayloadProperty] = payload.DeepClone() };
            }
        }
    }

    /// <summary>Every JSON object in the card that is an element or action (data payloads are not searched).</summary>
    public static IEnumerable<JsonObject> Elements(JsonNode root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var pending = new Stack<JsonNode>();
        pending.Push(root);
        while (pending.TryPop(out var node))
        {
            if (node is JsonObject obj)
            {
                yield return obj;
                // By index, last first: Reverse() copied every object's properties into a buffer on each walk, and
                // binding a card walks it once per id it looks up.
                for (var i = obj.Count - 1; i >= 0; i--)
                {
                    var (key, child) = obj.GetAt(i);
                    if (child is JsonObject or JsonArray && key != "data")
                    {
                        pending.Push(child);
                    }
                }
            }
            else if (node is JsonArray array)
            {
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    if (array[i] is { } child)
                    {
                        pending.Push(child);
                    }
                }
            }
        }
    }

    private static JsonObject Payload(JsonObject submitAction)
    {
        ArgumentNullException.ThrowIfNull(submitAction);
        return submitAction["data"]?[CardSubmit.PayloadProperty] as JsonObject
            ?? throw new InvalidOperationException($"The submit action '{submitAction["title"]}' has no salesbot data.");
    }

    private static string? IdOf(JsonObject element) =>
        element["id"] is JsonValue value && value.TryGetValue<string>(out var id) ? id : null;

    private static string? TypeOf(JsonObject element) =>
        element["type"] is JsonValue value && value.TryGetValue<string>(out var type) ? type : null;
}
