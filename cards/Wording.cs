using System.Globalization;
using System.Text;

namespace My8x8.SalesBot.Cards;

/// <summary>Formatting shared by cards and their text fallbacks, so both always say the same thing.</summary>
public static class Wording
{
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

    /// <summary>US dollars: <c>$1,234.50</c>.</summary>
    public static string Money(decimal amount) => amount.ToString("C2", UnitedStates);

    /// <summary><c>1,200</c>.</summary>
    public static string Number(int value) => value.ToString("N0", UnitedStates);

    /// <summary><c>1 line</c>, <c>3 lines</c>.</summary>
    public static string Count(int count, string singular, string? plural = null) =>
        string.Create(UnitedStates, $"{count:N0} {(count == 1 ? singular : plural ?? singular + "s")}");

    /// <summary><c>2 business days</c>, <c>3–5 business days</c>.</summary>
    public static string BusinessDays(int min, int max) =>
        min >= max ? Count(max, "business day") : string.Create(UnitedStates, $"{min}–{max} business days");

    /// <summary><c>08/2027</c>.</summary>
    public static string Expiry(int month, int year) => string.Create(UnitedStates, $"{month:00}/{year:0000}");

    /// <summary>
    /// Plain text that is safe inside SSML: markup characters are spoken or dropped, list markers and quotes
    /// are removed, and whitespace is collapsed.
    /// </summary>
    public static string Speech(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&':
                    builder.Append(" and ");
                    break;
                case '<' or '>' or '"' or '*' or '_' or '#' or '`':
                    break;
                case '–' or '—':
                    builder.Append(" to ");
                    break;
                case var _ when char.IsWhiteSpace(c):
                    builder.Append(' ');
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    internal static string Numbered(int index, string text) => string.Create(UnitedStates, $"{index}. {text}");
}
