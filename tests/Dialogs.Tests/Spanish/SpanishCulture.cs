using System.Globalization;

namespace My8x8.SalesBot.Dialogs.Tests.Spanish;

/// <summary>
/// Runs what follows under US Spanish, as the language middleware sets it for a Spanish-speaking customer's turn:
/// both the UI culture (which texts are read) and the culture (how numbers and dates are written). The cultures flow
/// with the async calls the test awaits, so the bot's turns run in them; disposing restores the test's own.
/// </summary>
internal sealed class SpanishCulture : IDisposable
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;

    private SpanishCulture()
    {
        CultureInfo.CurrentCulture = UnitedStatesSpanish;
        CultureInfo.CurrentUICulture = UnitedStatesSpanish;
    }

    public static CultureInfo UnitedStatesSpanish { get; } = CultureInfo.GetCultureInfo("es-US");

    public static SpanishCulture Use() => new();

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
    }
}
