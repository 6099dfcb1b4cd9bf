using System.Globalization;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Languages;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>
/// The conversation's side of the two languages (<see cref="SalesLanguage"/>): the locale a channel reports, and making
/// a culture the turn's.
/// </summary>
public static class SalesLanguages
{
    /// <summary>
    /// The locale the channel reports for the customer: the activity's <c>locale</c>, or, where a channel leaves it
    /// out, the <c>clientInfo</c> entity's (Teams sends the user's locale in both). Null when neither says.
    /// </summary>
    public static string? ChannelLocale(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!string.IsNullOrWhiteSpace(activity.Locale))
        {
            return activity.Locale;
        }

        foreach (var entity in activity.Entities ?? [])
        {
            if (entity is not null && string.Equals(entity.Type, "clientInfo", StringComparison.OrdinalIgnoreCase)
                && entity.Properties?["locale"] is JValue { Type: JTokenType.String } locale
                && !string.IsNullOrWhiteSpace((string?)locale))
            {
                return (string?)locale;
            }
        }

        return null;
    }

    /// <summary>
    /// Makes <paramref name="culture"/> the language of the rest of this turn: texts (CurrentUICulture), formats
    /// (CurrentCulture) and recognizers. Synchronous on purpose: a culture set inside an async method would be undone
    /// when it returns, so callers set it in the method that runs the rest of the turn.
    /// </summary>
    public static void Use(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        CultureInfo.CurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
    }

    /// <summary>Whether the culture is Spanish.</summary>
    public static bool IsSpanish(CultureInfo culture) => Engine.Prompts.RecognizerCulture.IsSpanish(culture);
}
