using System.Text;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>Lower-cased words of an utterance: apostrophes dropped ("don't" → "dont"), other punctuation splits.</summary>
internal static class TextTokens
{
    public static string[] Split(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\'' or '\u2019')
            {
                continue;
            }

            builder.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Crude singular form so "phones" matches "phone".</summary>
    public static string Stem(string token)
        => token.Length > 3 && token[^1] == 's' && token[^2] != 's' ? token[..^1] : token;
}
