using System.Text;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// Lower-cased words of an utterance: apostrophes dropped ("don't" → "dont"), Spanish accents folded ("sí" → "si", "español" → "espanol",
/// since customers type both), other punctuation splits ("¿", "¡" too).
/// </summary>
public static class TextTokens
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

            builder.Append(char.IsLetterOrDigit(c) ? Fold(char.ToLowerInvariant(c)) : ' ');
        }

        return builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>
    /// A lower-case letter without its accent (á é í ó ú ü ñ → a e i o u n), as many customers type Spanish. One
    /// character for one, so positions in a folded text are those of the original.
    /// </summary>
    public static char Fold(char c) => c switch
    {
        'á' or 'à' or 'â' or 'ä' => 'a',
        'é' or 'è' or 'ê' or 'ë' => 'e',
        'í' or 'ì' or 'î' or 'ï' => 'i',
        'ó' or 'ò' or 'ô' or 'ö' => 'o',
        'ú' or 'ù' or 'û' or 'ü' => 'u',
        'ñ' => 'n',
        _ => c,
    };

    /// <summary>Every character of <paramref name="text"/> folded (<see cref="Fold(char)"/>); the same length.</summary>
    public static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = Fold(source[i]);
        }
    });

    /// <summary>Crude singular form so "phones" matches "phone".</summary>
    public static string Stem(string token)
        => token.Length > 3 && token[^1] == 's' && token[^2] != 's' ? token[..^1] : token;
}
