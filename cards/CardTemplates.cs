using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Cards.Resources;

namespace My8x8.SalesBot.Cards;

/// <summary>
/// Loads the Adaptive Card templates embedded from <c>Templates/*.json</c>. Each template is parsed once;
/// every caller gets its own mutable copy to bind data into.
/// </summary>
public static class CardTemplates
{
    public const string ResourcePrefix = "My8x8.SalesBot.Cards.Templates.";
    public const string AdaptiveCardVersion = "1.5";

    public const string Welcome = "WelcomeCard";
    public const string Catalog = "CatalogCard";
    public const string Cart = "CartCard";
    public const string CardOnFile = "CardOnFileCard";
    public const string AddCard = "AddCardCard";
    public const string Shipping = "ShippingCard";
    public const string Quote = "QuoteCard";
    public const string Terms = "TermsCard";
    public const string Confirmation = "ConfirmationCard";
    public const string Handoff = "HandoffCard";
    public const string OrderStatus = "OrderStatusCard";
    public const string PlanComparison = "PlanComparisonCard";

    /// <summary>The templates the builders in this project bind; all must be embedded.</summary>
    public static IReadOnlyList<string> Required { get; } =
        [Welcome, Catalog, Cart, CardOnFile, AddCard, Shipping, Quote, Terms, Confirmation, Handoff, OrderStatus, PlanComparison];

    private static readonly Assembly ResourceAssembly = typeof(CardTemplates).Assembly;

    // A parsed JsonElement is immutable and safe to share between threads. A JsonObject is not, even for
    // reads (it materializes its children lazily), so the cache holds elements and hands out fresh nodes.
    // Keyed by template and UI culture: a template's fixed words (written "${Key}") are looked up once per language.
    private static readonly ConcurrentDictionary<(string Name, string Culture), JsonElement> Cache = new();

    /// <summary>The names (without prefix and extension) of every embedded template.</summary>
    public static IReadOnlyList<string> Embedded { get; } =
        [.. ResourceAssembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..^".json".Length])
            .Order(StringComparer.Ordinal)];

    public static string ResourceName(string name) => $"{ResourcePrefix}{name}.json";

    /// <summary>
    /// A private, mutable copy of the template <paramref name="name"/> (e.g. <see cref="Cart"/>).
    /// Throws <see cref="InvalidOperationException"/> naming the resource when it is missing or not an Adaptive Card.
    /// </summary>
    public static JsonObject Load(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var element = Cache.GetOrAdd((name, CultureInfo.CurrentUICulture.Name), key => Localize(Parse(key.Name)));
        return JsonObject.Create(element)
            ?? throw new InvalidOperationException($"Card template resource '{ResourceName(name)}' is not a JSON object.");
    }

    /// <summary>Loads every required template once; call at start-up so a packaging mistake stops the host.</summary>
    public static void EnsureAvailable()
    {
        foreach (var name in Required)
        {
            Load(name);
        }
    }

    /// <summary>The text keys (<c>${Key}</c> string values) of the template <paramref name="name"/>, in document order.</summary>
    public static IReadOnlyList<string> TextKeys(string name)
    {
        var keys = new List<string>();
        Walk(JsonNode.Parse(Parse(name).GetRawText())!, value =>
        {
            keys.Add(value);
            return value;
        });
        return keys;
    }

    /// <summary>
    /// Every string value written <c>${Key}</c> replaced by the cards' text <c>Key</c> in the current UI culture, so the
    /// words a template shows come from the resources (the template still opens in the Adaptive Cards Designer, where
    /// <c>${…}</c> reads as a binding).
    /// </summary>
    private static JsonElement Localize(JsonElement template)
    {
        var node = JsonNode.Parse(template.GetRawText())!;
        Walk(node, key => CardTexts.Texts[key]);
        return JsonSerializer.SerializeToElement(node);
    }

    private static void Walk(JsonNode node, Func<string, string> text)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (property, child) in obj.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var s) && TextKey(s) is { } key)
                    {
                        obj[property] = text(key);
                    }
                    else if (child is not null)
                    {
                        Walk(child, text);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var s) && TextKey(s) is { } key)
                    {
                        array[i] = text(key);
                    }
                    else if (array[i] is { } child)
                    {
                        Walk(child, text);
                    }
                }

                break;
        }
    }

    private static string? TextKey(string value) =>
        value.Length > 3 && value.StartsWith("${", StringComparison.Ordinal) && value.EndsWith('}') ? value[2..^1] : null;

    private static JsonElement Parse(string name)
    {
        var resource = ResourceName(name);
        using var stream = ResourceAssembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException(
                $"Card template resource '{resource}' was not found in {ResourceAssembly.GetName().Name}. " +
                $"Add cards/Templates/{name}.json (embedded as a resource).");

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Card template resource '{resource}' is not valid JSON: {ex.Message}", ex);
        }

        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "AdaptiveCard"
            || !root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String)
        {
            throw new InvalidOperationException($"Card template resource '{resource}' is not an Adaptive Card (needs \"type\": \"AdaptiveCard\" and a \"version\").");
        }

        return root;
    }
}
