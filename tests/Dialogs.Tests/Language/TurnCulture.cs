using System.Globalization;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Languages;

namespace My8x8.SalesBot.Dialogs.Tests.Language;

/// <summary>A test runs as a turn in a culture (what the host sets per turn), and the culture is put back after.</summary>
internal sealed class TurnCulture : IDisposable
{
    private readonly CultureInfo _ui = CultureInfo.CurrentUICulture;
    private readonly CultureInfo _formats = CultureInfo.CurrentCulture;

    private TurnCulture(CultureInfo culture) => SalesLanguages.Use(culture);

    public static TurnCulture Spanish() => new(SalesLanguage.Spanish);

    public static TurnCulture English() => new(SalesLanguage.English);

    public void Dispose()
    {
        CultureInfo.CurrentUICulture = _ui;
        CultureInfo.CurrentCulture = _formats;
    }
}
