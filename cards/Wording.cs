using System.Globalization;
using System.Text;
using My8x8.SalesBot.Cards.Resources;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Cards;

/// <summary>Formatting shared by cards and their text fallbacks, so both always say the same thing.</summary>
public static class Wording
{
    /// <summary>
    /// US dollars as the customer's language writes them in the US: <c>$1,234.50</c> in en-US and in es-US alike
    /// (.NET's es-US culture, like US Spanish style guides, writes dollars with the symbol first, a comma for
    /// thousands and a point for cents; "1.234,50 US$" is how Spain writes them, which these customers do not read).
    /// </summary>
    public static string Money(decimal amount) => amount.ToString("C2", UnitedStates);

    /// <summary><c>1,200</c>.</summary>
    public static string Number(int value) => value.ToString("N0", UnitedStates);

    /// <summary><c>1 line</c>, <c>3 lines</c>: <paramref name="key"/> names the pair <c>{key}.One</c> / <c>{key}.Other</c> in the cards' texts.</summary>
    public static string Count(int count, string key) =>
        CardTexts.Texts.Format(count == 1 ? key + ".One" : key + ".Other", Number(count));

    /// <summary><c>2 business days</c>, <c>3–5 business days</c>.</summary>
    public static string BusinessDays(int min, int max) =>
        min >= max ? Count(max, "Count.BusinessDay") : CardTexts.Texts.Format("Count.BusinessDays.Range", min, max);

    /// <summary><c>08/2027</c>.</summary>
    public static string Expiry(int month, int year) => string.Create(UnitedStates, $"{month:00}/{year:0000}");

    /// <summary>The US form of the turn's culture (numbers and amounts), see <see cref="TextResources.Culture"/>.</summary>
    private static CultureInfo UnitedStates => TextResources.Culture;

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
