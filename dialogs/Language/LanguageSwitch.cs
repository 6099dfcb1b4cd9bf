using System.Globalization;
using System.Text.RegularExpressions;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Languages;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>
/// "español", "en español", "¿habla español?", "English", "in English": a whole message asking for the other
/// language (or the same one), in either language. Like the global commands, only the whole message counts, so
/// "a Spanish-speaking team of 4" is not a switch.
/// </summary>
public static partial class LanguageSwitch
{
    public static bool TryRecognize(string? text, out CultureInfo? culture)
    {
        culture = null;
        var words = string.Join(' ', TextTokens.Split(text));
        if (words.Length == 0)
        {
            return false;
        }

        words = Politeness().Replace(words, " ").Trim();
        words = Spaces().Replace(words, " ");
        culture = SpanishPattern().IsMatch(words) ? SalesLanguage.Spanish
            : EnglishPattern().IsMatch(words) ? SalesLanguage.English
            : null;
        return culture is not null;
    }

    // Accents are folded by TextTokens: "español" is "espanol", "inglés" is "ingles".
    [GeneratedRegex(@"^(?:(?:en|in) )?(?:espanol|spanish|castellano)(?: (?:ahora|now))?$|^(?:(?:usted|tu) )?(?:hablas?|habla usted|hablan|se habla|speak|do you speak|can you speak|can we speak) (?:en )?(?:espanol|spanish)$|^(?:puedes|puede|podemos|podrias|podria) (?:hablar|seguir|continuar)(?:me| nos)? en espanol$|^(?:quiero|prefiero|quisiera) (?:hablar |seguir |continuar )?en espanol$|^(?:cambiar|cambia|cambie|switch|switch to|change to) (?:(?:a|al|to) )?(?:espanol|spanish)$|^(?:continue|continue in|lets continue in|talk in|talk to me in) spanish$")]
    private static partial Regex SpanishPattern();

    [GeneratedRegex(@"^(?:(?:en|in) )?(?:english|ingles)(?: (?:ahora|now))?$|^(?:(?:usted|tu) )?(?:hablas?|habla usted|hablan|se habla|speak|do you speak|can you speak|can we speak) (?:en )?(?:ingles|english)$|^(?:puedes|puede|podemos|podrias|podria) (?:hablar|seguir|continuar)(?:me| nos)? en ingles$|^(?:quiero|prefiero|quisiera) (?:hablar |seguir |continuar )?en ingles$|^(?:cambiar|cambia|cambie|switch|switch to|change to) (?:(?:a|al|to) )?(?:ingles|english)$|^(?:continue|continue in|lets continue in|talk in|talk to me in) english$")]
    private static partial Regex EnglishPattern();

    [GeneratedRegex(@"\b(?:please|por favor|thanks|gracias|hola|hi|hello)\b")]
    private static partial Regex Politeness();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
