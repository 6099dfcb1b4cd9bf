using System.Globalization;
using Microsoft.Recognizers.Text;
using Microsoft.Recognizers.Text.Number;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// Finds which of a list of choices the user meant: by exact title or synonym, by number ("2"),
/// by ordinal ("the second one", "the last one") or by words of a title ("the yealink") when only one
/// choice fits. Ambiguous input is never guessed: the result is then <see langword="null"/>.
/// </summary>
public static class ChoiceRecognizer
{
    private const double ExactScore = 1.0;

    // Words that carry no choice: "I'd like the second one, please", "option 2".
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "one", "ones", "please", "pls", "i", "id", "ill", "im", "want", "would", "like", "take", "choose",
        "pick", "select", "go", "with", "for", "me", "my", "option", "choice", "number", "no", "nr", "num", "that", "this",
        "of", "thanks", "thank", "you", "just", "lets", "get", "give", "use", "it", "is", "will", "do",
        // Spanish ("la segunda", "quiero la opción 2, por favor"), accents folded.
        "el", "la", "los", "las", "un", "una", "uno", "quiero", "quisiera", "elijo", "prefiero", "tomo", "dame", "opcion",
        "numero", "de", "por", "favor", "gracias", "esa", "ese", "esta", "este", "con", "solo",
    };

    /// <summary>Recognizes the user's pick among <paramref name="choices"/>, or returns <see langword="null"/>.</summary>
    /// <param name="text">The user's message.</param>
    /// <param name="choices">The choices, in the order they were offered.</param>
    /// <param name="culture">The Recognizers.Text culture for numbers and ordinals.</param>
    public static FoundChoice? Recognize(string? text, IReadOnlyList<Choice> choices, string culture = Culture.English)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var tokens = TextTokens.Split(text);
        if (tokens.Length == 0 || choices.Count == 0)
        {
            return null;
        }

        var significant = tokens.Where(t => !Fillers.Contains(t)).ToArray();
        if (significant.Length == 0)
        {
            significant = tokens;
        }

        if (TryExact(tokens, significant, choices, out var exact))
        {
            return exact;
        }

        var positional = FindByOrdinal(text!, choices.Count, culture) ?? FindByNumber(text!, significant, choices.Count, culture);
        var partial = FindByWords(significant, choices);
        return (positional, partial) switch
        {
            (null, null) => null,
            ({ } index, null) => new FoundChoice(choices[index].Value, index, ExactScore),
            (null, { } words) => words,
            ({ } index, { } words) when index == words.Index => new FoundChoice(words.Value, index, ExactScore),
            _ => null, // "the second one" points at one choice and its words at another: ask again.
        };
    }

    private static bool TryExact(string[] tokens, string[] significant, IReadOnlyList<Choice> choices, out FoundChoice? found)
    {
        found = null;
        var full = string.Join(' ', tokens);
        var core = string.Join(' ', significant);
        var matches = new List<int>();
        for (var i = 0; i < choices.Count; i++)
        {
            if (Phrases(choices[i]).Any(p => string.Join(' ', p) is var phrase && (phrase == full || phrase == core)))
            {
                matches.Add(i);
            }
        }

        if (matches.Count == 0)
        {
            return false;
        }

        // Two choices sharing a title or synonym are ambiguous: recognized as nothing.
        if (matches.Count == 1)
        {
            found = new FoundChoice(choices[matches[0]].Value, matches[0], ExactScore);
        }

        return true;
    }

    private static int? FindByOrdinal(string text, int count, string culture)
    {
        var ordinals = NumberRecognizer.RecognizeOrdinal(text, culture);
        if (ordinals.Count != 1 || ordinals[0].Resolution is not { } resolution
            || !resolution.TryGetValue("offset", out var rawOffset)
            || !int.TryParse(rawOffset as string, NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset))
        {
            return null;
        }

        var index = (resolution.TryGetValue("relativeTo", out var relativeTo) ? relativeTo as string : "start") switch
        {
            "start" => offset - 1,
            "end" => count - 1 + offset,
            _ => -1,
        };
        return index >= 0 && index < count ? index : null;
    }

    private static int? FindByNumber(string text, string[] significant, int count, string culture)
    {
        // Only a bare number is a position ("2", "option two"); "2 of the poly phones" is not.
        var numbers = NumberRecognizer.RecognizeNumber(text, culture);
        if (numbers.Count != 1 || !TextTokens.Split(numbers[0].Text).SequenceEqual(significant)
            || numbers[0].Resolution is not { } resolution
            || !resolution.TryGetValue("value", out var raw)
            || !int.TryParse(raw as string, NumberStyles.Integer, CultureInfo.InvariantCulture, out var position))
        {
            return null;
        }

        return position >= 1 && position <= count ? position - 1 : null;
    }

    private static FoundChoice? FindByWords(string[] significant, IReadOnlyList<Choice> choices)
    {
        var input = significant.Select(TextTokens.Stem).ToHashSet(StringComparer.Ordinal);
        var candidates = new List<(int Index, HashSet<string> Matched)>();
        for (var i = 0; i < choices.Count; i++)
        {
            var matched = Phrases(choices[i]).SelectMany(p => p).Select(TextTokens.Stem).Where(input.Contains).ToHashSet(StringComparer.Ordinal);
            if (matched.Count > 0)
            {
                candidates.Add((i, matched));
            }
        }

        if (candidates.Count == 0)
        {
            return null;
        }

        // Unambiguous only when one choice explains every word any other choice matched ("poly 450" over
        // "Poly VVX 250"), and most of what the user said ("a cordless phone" is not the "desk phone").
        var (index, winner) = candidates.MaxBy(c => c.Matched.Count);
        var others = candidates.Where(c => c.Index != index);
        if (others.Any(c => c.Matched.IsSupersetOf(winner) || !c.Matched.IsSubsetOf(winner)) || winner.Count * 2 <= input.Count)
        {
            return null;
        }

        var titleLength = Math.Max(1, TextTokens.Split(choices[index].Value).Length);
        var score = Math.Min(0.99, (double)winner.Count / Math.Max(titleLength, input.Count));
        return new FoundChoice(choices[index].Value, index, score);
    }

    private static IEnumerable<string[]> Phrases(Choice choice)
    {
        yield return TextTokens.Split(choice.Value);
        foreach (var synonym in choice.Synonyms ?? [])
        {
            yield return TextTokens.Split(synonym);
        }
    }
}
