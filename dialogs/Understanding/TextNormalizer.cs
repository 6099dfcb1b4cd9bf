using System.Globalization;
using System.Text;

namespace My8x8.SalesBot.Dialogs.Understanding;

/// <summary>
/// Puts text in the one form the model is trained and queried on, so "What's", "whats" and "WHAT’S" are the same
/// words: lower case, no apostrophes, every run of digits one token (quantities and order numbers say nothing
/// about intent, so "add 7 lines" reads like the examples' "add 3 lines"), other punctuation as spaces except a
/// question mark, which is kept as a word because it separates questions from requests.
/// </summary>
internal static class TextNormalizer
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 8);
        var pendingSpace = false;
        var inDigits = false;
        foreach (var raw in text)
        {
            if (raw is '\'' or '’' or '‘' or '`' or '´')
            {
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            if (char.IsDigit(c))
            {
                if (!inDigits)
                {
                    Append(builder, '0', ref pendingSpace);
                }

                inDigits = true;
                continue;
            }

            inDigits = false;
            if (char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                Append(builder, c, ref pendingSpace);
            }
            else if (c is '?' or '¿')
            {
                pendingSpace = true;
                Append(builder, '?', ref pendingSpace);
                pendingSpace = true;
            }
            else
            {
                pendingSpace = true;
            }
        }

        return builder.ToString();
    }

    /// <summary>Whether normalized text has anything to classify: a lone "?" or "!!!" does not.</summary>
    public static bool HasWords(string normalized) => normalized.AsSpan().ContainsAnyExcept(" ?");

    private static void Append(StringBuilder builder, char c, ref bool pendingSpace)
    {
        if (pendingSpace && builder.Length > 0)
        {
            builder.Append(' ');
        }

        pendingSpace = false;
        builder.Append(c);
    }
}
