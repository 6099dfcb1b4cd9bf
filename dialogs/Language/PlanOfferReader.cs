using System.Text.RegularExpressions;
using My8x8.SalesBot.Dialogs.Engine.Prompts;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>How the customer took up plans the bot just showed: how many lines (null: none said), or a quantity said but not usable.</summary>
public sealed record PlanAcceptance(int? Quantity, string? UnreadableQuantity);

/// <summary>
/// Reads "yes", "yes, 4 lines", "add 4 of those", "4 please", "I'll take them" as taking up the plans the last reply
/// recommended, described or compared. Only such words: a message with anything else in it ("add 2 phones", "X6
/// instead") is left to the cart request parser, so nothing but the offered plan is ever read into it.
/// </summary>
public static partial class PlanOfferReader
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "yes", "yeah", "yep", "yup", "sure", "ok", "okay", "please", "add", "take", "get", "buy", "order", "put", "want", "give",
        "like", "would", "id", "ill", "well", "we", "i", "us", "me", "lets", "go", "do", "of", "the", "a", "an", "for", "to", "in",
        "into", "my", "our", "cart", "them", "those", "these", "it", "that", "this", "one", "ones", "plan", "plans", "line", "lines",
        "license", "licenses", "seat", "seats", "and", "just", "then", "great", "perfect", "sounds", "good", "recommended", "same",
        "need", "people", "users", "thanks", "thank", "you", "will",
    };

    private static readonly HashSet<string> Signals = new(StringComparer.Ordinal)
    {
        "yes", "yeah", "yep", "yup", "sure", "add", "take", "get", "buy", "order", "put", "them", "those", "these", "it", "that", "ones",
    };

    // A Spanish turn: "sí, 4 líneas", "agrega esas", "queremos cuatro" (accents folded).
    private static readonly HashSet<string> SpanishAllowed = new(StringComparer.Ordinal)
    {
        "si", "claro", "vale", "ok", "por", "favor", "agrega", "agregar", "agregalas", "anade", "anadir", "quiero", "queremos", "quisiera",
        "dame", "danos", "pon", "ponme", "compra", "comprar", "tomo", "tomamos", "esas", "esos", "esa", "ese", "eso", "las", "los", "la",
        "el", "de", "del", "al", "a", "en", "mi", "nuestro", "carrito", "plan", "planes", "linea", "lineas", "licencia", "licencias",
        "y", "para", "personas", "usuarios", "gracias", "perfecto", "bien", "necesito", "necesitamos", "mismo", "recomendado", "entonces",
    };

    private static readonly HashSet<string> SpanishSignals = new(StringComparer.Ordinal)
    {
        "si", "claro", "agrega", "agregar", "agregalas", "anade", "anadir", "dame", "danos", "pon", "ponme", "compra", "comprar", "tomo",
        "tomamos", "esas", "esos", "esa", "ese", "eso",
    };

    public static bool TryRead(string? text, out PlanAcceptance? acceptance)
    {
        acceptance = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var normalized = Punctuation().Replace(text.ToLowerInvariant().Replace("’", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal), " ");
        var spanish = RecognizerCulture.SpanishTurn;
        var masked = normalized.ToCharArray();
        string? said = null;
        int? quantity = null;
        foreach (Match match in Couple().Matches(normalized))
        {
            (said, quantity) = (match.Value, 2);
            Array.Fill(masked, ' ', match.Index, match.Length);
        }

        foreach (var number in SaidNumbers.Find(new string(masked)))
        {
            if (said is not null)
            {
                // Two amounts in one answer: not a plain yes to one plan.
                return false;
            }

            said = number.Text;
            Array.Fill(masked, ' ', number.Position, number.Text.Length);
            quantity = number.Whole(min: 1);
        }

        var words = TextTokens.Fold(new string(masked)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        bool IsAllowed(string word) => Allowed.Contains(word) || (spanish && SpanishAllowed.Contains(word));
        bool IsSignal(string word) => Signals.Contains(word) || (spanish && SpanishSignals.Contains(word));
        if (!words.All(IsAllowed) || (said is null && !words.Any(IsSignal)))
        {
            return false;
        }

        acceptance = new PlanAcceptance(quantity, said is not null && quantity is null ? said.Trim() : null);
        return true;
    }

    [GeneratedRegex(@"[^\w\s.\-]|(?<!\d)[.\-]|[.\-](?!\d)")]
    private static partial Regex Punctuation();

    [GeneratedRegex(@"\b(?:a\s+)?(?:couple|pair)(?:\s+of)?\b")]
    private static partial Regex Couple();
}
