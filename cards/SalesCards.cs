using System.Text;
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
        string inputHint = InputHints.ExpectingInput)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = fallback.Text;
        var speak = Wording.Speech(fallback.Speak);
        if (!cardsSupported)
        {
            return new CardMessage(text, fallback.Summary, speak, null, suggestedReplies, inputHint);
        }

        var card = CardTemplates.Load(template);
        bind(card);
        CardJson.StampSubmits(card, context);
        card["fallbackText"] = text;
        card["speak"] = speak;

        // The Bot Framework serializes activities with Newtonsoft: as raw JSON text the card is written out as it is,
        // where a JObject would be built, then cloned and walked again for every send and save.
        var attachment = new Attachment
        {
            ContentType = CardMessage.AdaptiveCardContentType,
            Content = new JRaw(card.ToJsonString()),
        };
        return new CardMessage(text, fallback.Summary, speak, attachment, suggestedReplies, inputHint);
    }

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
