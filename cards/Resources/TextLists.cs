using My8x8.SalesBot.Cards.Resources;

namespace My8x8.SalesBot.Texts;

/// <summary>Lists in words, in the turn's language: "a, b and c", "a, b o c".</summary>
public static class TextLists
{
    /// <summary>"a", "a and b", "a, b and c" (or "or"); Spanish writes "e" before an i- sound and "u" before an o- sound.</summary>
    public static string Joined(IReadOnlyList<string> parts, bool or = false)
    {
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count < 2)
        {
            return parts.Count == 0 ? "" : parts[0];
        }

        var last = parts[^1];
        var conjunction = CardTexts.Texts[or ? "Words.Or" : "Words.And"];
        if (TextResources.IsSpanish)
        {
            var start = last.TrimStart().ToLowerInvariant();
            conjunction = or
                ? start.StartsWith('o') || start.StartsWith("ho", StringComparison.Ordinal) ? "u" : conjunction
                : (start.StartsWith('i') || start.StartsWith("hi", StringComparison.Ordinal)) && !start.StartsWith("hie", StringComparison.Ordinal) ? "e" : conjunction;
        }

        return parts.Count == 2
            ? $"{parts[0]} {conjunction} {last}"
            : $"{string.Join(", ", parts.Take(parts.Count - 1))} {conjunction} {last}";
    }

    /// <summary>
    /// A name as it reads inside a sentence: the first letter lower-cased ("Video meetings" → "video meetings") unless
    /// the first word is an acronym or a product name ("US calling", "X4").
    /// </summary>
    public static string InSentence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstWord = text.Split(' ', 2)[0];
        return text.Length == 0 || firstWord.Skip(1).Any(char.IsUpper) || firstWord.Any(char.IsDigit) ? text : char.ToLowerInvariant(text[0]) + text[1..];
    }

    /// <summary>A command or an entry as the customer types it, in the language's quotation marks.</summary>
    public static string Quoted(string text) => $"\"{text}\"";
}
