using System.Globalization;
using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Languages;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Resources;

/// <summary>
/// What the host itself says to customers (the welcome, the turn error handler, Teams-only texts):
/// <c>HostTexts.resx</c> in English, the neutral culture, and <c>HostTexts.es.resx</c> in Spanish.
/// </summary>
public sealed class HostTexts
{
    private HostTexts()
    {
    }

    public static TextResources Texts { get; } = new(typeof(HostTexts));

    /// <summary>
    /// The language of a turn for what the host says outside the bot (the error handler, the turn lock and commit):
    /// the turn's language when it was resolved, else the channel's locale (a turn that failed or was refused before
    /// the customer was known). Culture set inside the bot does not flow back out to the middleware, so they ask.
    /// </summary>
    public static CultureInfo LanguageOf(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return TurnLanguage.Of(turnContext) ?? SalesLanguage.For(SalesLanguages.ChannelLocale(turnContext.Activity));
    }
}
