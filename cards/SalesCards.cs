using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Cards.Binding;
using My8x8.SalesBot.Cards.Resources;
using My8x8.SalesBot.Texts;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Cards;

/// <summary>
/// Builds the sales conversation's cards. Each builder binds a view into its template, stamps every submit with
/// the caller's <see cref="SubmitContext"/> and writes the complete text fallback and speak text from the same view.
/// Pass <c>cardsSupported: false</c> for channels without Adaptive Cards: the message then has no attachment.
/// </summary>
public static partial class SalesCards
{
    private static CardMessage Compose(
        string template,
        SubmitContext context,
        bool cardsSupported,
        Fallback fallback,
        Action<JsonObject> bind,
        IReadOnlyList<string> suggestedReplies,
        string inputHint = InputHints.ExpectingInput,
        string? cacheKey = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = fallback.Text;
        var speak = Wording.Speech(fallback.Speak);
        if (!cardsSupported)
        {
            return new CardMessage(text, fallback.Summary, speak, null, suggestedReplies, inputHint);
        }

        string json;
        if (cacheKey is null)
        {
            json = Bind(template, context, bind, text, speak);
        }
        else
        {
            // The same view in the same language binds to the same card but for its submits' step and prompt: bound
            // once with placeholders there, each customer's copy is the cached text with theirs written in.
            var key = (template, cacheKey, CultureInfo.CurrentUICulture.Name, CultureInfo.CurrentCulture.Name);
            if (!BoundCards.TryGetValue(key, out var bound))
            {
                bound = Bind(template, Placeholders, bind, text, speak);
                if (BoundCards.Count >= MaxBoundCards)
                {
                    BoundCards.Clear();
                }

                BoundCards[key] = bound;
            }

            json = bound
                .Replace(EncodedStepPlaceholder, JsonSerializer.Serialize(context.Step), StringComparison.Ordinal)
                .Replace(EncodedPromptPlaceholder, JsonSerializer.Serialize(context.Prompt), StringComparison.Ordinal);
        }

        // The Bot Framework serializes activities with Newtonsoft: as raw JSON text the card is written out as it is,
        // where a JObject would be built, then cloned and walked again for every send and save.
        var attachment = new Attachment
        {
            ContentType = CardMessage.AdaptiveCardContentType,
            Content = new JRaw(json),
        };
        return new CardMessage(text, fallback.Summary, speak, attachment, suggestedReplies, inputHint);
    }

    private static string Bind(string template, SubmitContext context, Action<JsonObject> bind, string text, string speak)
    {
        var card = CardTemplates.Load(template);
        bind(card);
        CardJson.StampSubmits(card, context);
        card["fallbackText"] = text;
        card["speak"] = speak;
        return card.ToJsonString();
    }

    // Characters no step or prompt id contains, written by the same encoder as every other string of the card.
    private static readonly SubmitContext Placeholders = new("\u0001step\u0001", "\u0001prompt\u0001");
    private static readonly string EncodedStepPlaceholder = JsonSerializer.Serialize(Placeholders.Step);
    private static readonly string EncodedPromptPlaceholder = JsonSerializer.Serialize(Placeholders.Prompt);

    // A few catalogs in a few languages at a time; a catalog that changes makes a new key, and the old ones go at the cap.
    private const int MaxBoundCards = 32;
    private static readonly ConcurrentDictionary<(string Template, string Key, string UiCulture, string Culture), string> BoundCards = new();

    /// <summary>Paragraphs of the text fallback, plus the one-line summary and the speak text.</summary>
    private sealed class Fallback(string summary, string speak)
    {
        private readonly StringBuilder text = new();

        public string Summary { get; } = summary;

        public string Speak { get; } = speak;

        public string Text => text.ToString().TrimEnd();

        /// <summary>A paragraph: lines joined by single newlines (list items), paragraphs by a blank line.</summary>
        public Fallback Paragraph(params IEnumerable<string?> lines)
        {
            var present = lines.OfType<string>().Where(l => l.Length > 0).ToList();
            if (present.Count > 0)
            {
                text.AppendJoin('\n', present).Append("\n\n");
            }

            return this;
        }
    }

    private static string T(string key) => CardTexts.Texts[key];

    private static string F(string key, params object?[] arguments) => CardTexts.Texts.Format(key, arguments);

    private static string Sentence(string text) =>
        text.Length == 0 || text[^1] is '.' or '!' or '?' ? text : text + ".";

    /// <summary>"X4 line" → "X4 lines" for the typing examples; names that do not end in a plain noun stay as they are.</summary>
    private static string PluralName(string name)
    {
        var lastWord = name[(name.LastIndexOf(' ') + 1)..];
        return lastWord.Length > 1 && lastWord.All(char.IsLower) && !lastWord.EndsWith('s') ? name + "s" : name;
    }

    private static string Quoted(string command) => $"\"{command}\"";

    private static string Joined(List<string> parts, bool or = false) => TextLists.Joined(parts, or);
}
