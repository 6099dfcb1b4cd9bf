using System.Globalization;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// The Microsoft.Recognizers.Text culture for the turn's language. The host sets
/// <see cref="CultureInfo.CurrentUICulture"/> for each turn (English or Spanish); every recognizer that reads numbers,
/// ordinals, phone numbers or times asks here, so they all read the customer's language.
/// </summary>
public static class RecognizerCulture
{
    /// <summary>The Recognizers.Text culture of <see cref="CultureInfo.CurrentUICulture"/>: Spanish for any "es-*", else English.</summary>
    public static string Current => IsSpanish(CultureInfo.CurrentUICulture) ? Microsoft.Recognizers.Text.Culture.Spanish : Microsoft.Recognizers.Text.Culture.English;

    /// <summary>Whether the turn is in Spanish.</summary>
    public static bool SpanishTurn => IsSpanish(CultureInfo.CurrentUICulture);

    /// <summary>Whether <paramref name="culture"/> is a Spanish one ("es", "es-US", "es-MX", …).</summary>
    public static bool IsSpanish(CultureInfo? culture) => culture is not null && culture.TwoLetterISOLanguageName == "es";
}
