using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Texts;

/// <summary>
/// One project's customer-facing texts: a .resx resource (English neutral, Spanish <c>es</c> beside it) read through
/// <see cref="IStringLocalizer"/> in the turn's <see cref="CultureInfo.CurrentUICulture"/>, and formatted with
/// <see cref="CultureInfo.CurrentCulture"/> in its US form (every account served is US-based and pays in US dollars).
/// A key missing from the neutral resource is a bug, so it throws rather than showing the key to a customer.
/// </summary>
public sealed class TextResources(Type resource)
{
    // The localizers read the culture at every lookup, so one instance per resource serves every turn and language.
    private static readonly ResourceManagerStringLocalizerFactory Factory =
        new(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);

    private readonly IStringLocalizer localizer = Factory.Create(resource);

    /// <summary>The text <paramref name="key"/> in the current UI culture.</summary>
    public string this[string key]
    {
        get
        {
            var text = localizer[key];
            return text.ResourceNotFound
                ? throw new InvalidOperationException($"The text '{key}' is missing from {resource.FullName}.resx.")
                : text.Value;
        }
    }

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> (a page rendered for one visitor, outside any turn).</summary>
    public string In(CultureInfo culture, string key)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return this[key];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The text <paramref name="key"/>, or null where the resource keeps none.</summary>
    public string? TryGet(string key)
    {
        var text = localizer[key];
        return text.ResourceNotFound ? null : text.Value;
    }

    /// <summary>The text <paramref name="key"/> with its <c>{0}</c>… placeholders filled, numbers in the US form of the culture.</summary>
    public string Format(string key, params object?[] arguments) => string.Format(Culture, this[key], arguments);

    /// <summary><c>{key}.One</c> for exactly one, else <c>{key}.Other</c> (English and Spanish both make that split for whole numbers).</summary>
    public string Plural(int count, string key, params object?[] arguments) =>
        Format(count == 1 ? key + ".One" : key + ".Other", [count, .. arguments]);

    /// <summary>
    /// <paramref name="read"/> in the neutral culture (English, en-US numbers): for words the agent desk keeps, which
    /// are not in the customer's language.
    /// </summary>
    public static T InNeutralCulture<T>(Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = ui;
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>Every key and text of the resource in <paramref name="culture"/>, without falling back (for tests).</summary>
    public IReadOnlyDictionary<string, string> All(CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return localizer.GetAllStrings(includeParentCultures: false).ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>
    /// The culture numbers, amounts and dates are written in: the current culture's US form (es → es-US, so amounts
    /// read "$1,234.50" as US Spanish writes dollars), and en-US for a culture without one (the invariant culture).
    /// </summary>
    /// <remarks>
    /// When the current culture's language is not the UI culture's (something reset the culture during the turn, or a
    /// host set only the UI culture), the UI culture's US form is used instead, so a Spanish sentence never gets English
    /// day names ("el Monday") and an English one never Spanish ones.
    /// </remarks>
    public static CultureInfo Culture =>
        UnitedStatesFormOf(LanguageOf(CultureInfo.CurrentCulture) == LanguageOf(CultureInfo.CurrentUICulture) ? CultureInfo.CurrentCulture : CultureInfo.CurrentUICulture);

    /// <summary>The language of the current UI culture: "es" for Spanish, "en" for everything else (the neutral texts).</summary>
    public static bool IsSpanish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "es";

    public static CultureInfo UnitedStatesFormOf(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (culture.Name.EndsWith("-US", StringComparison.Ordinal))
        {
            return culture;
        }

        try
        {
            return culture.TwoLetterISOLanguageName is "iv" or "en"
                ? UnitedStatesEnglish
                : CultureInfo.GetCultureInfo(culture.TwoLetterISOLanguageName + "-US");
        }
        catch (CultureNotFoundException)
        {
            return UnitedStatesEnglish;
        }
    }

    // The invariant culture reads the neutral (English) texts and writes en-US numbers, so it counts as English.
    private static string LanguageOf(CultureInfo culture) => culture.TwoLetterISOLanguageName is "iv" ? "en" : culture.TwoLetterISOLanguageName;

    private static readonly CultureInfo UnitedStatesEnglish = CultureInfo.GetCultureInfo("en-US");
}
