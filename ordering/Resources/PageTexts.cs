using System.Globalization;
using System.Resources;

namespace My8x8.SalesBot.Ordering.Resources;

/// <summary>
/// What the ordering service's own pages (the card page, the terms page) say: <c>PageTexts.resx</c> in English, the
/// neutral culture, and <c>PageTexts.es.resx</c> in Spanish. A page is rendered for one visitor's language, which it
/// names explicitly (<see cref="PageLanguage"/>), so lookups take the culture rather than reading the thread's.
/// </summary>
public sealed class PageTexts
{
    private static readonly ResourceManager Resources = new(typeof(PageTexts));

    private PageTexts(CultureInfo culture) => Culture = culture;

    /// <summary>The texts in <paramref name="culture"/> (en-US or es-US, from <see cref="PageLanguage"/>).</summary>
    public static PageTexts For(CultureInfo culture) => new(culture ?? throw new ArgumentNullException(nameof(culture)));

    public CultureInfo Culture { get; }

    /// <summary>The language code for the page's <c>lang</c> attribute: "en" or "es".</summary>
    public string Lang => Culture.TwoLetterISOLanguageName;

    /// <summary>The text <paramref name="key"/>; a key missing from the neutral resource is a bug and throws.</summary>
    public string this[string key] =>
        Resources.GetString(key, Culture) ?? throw new InvalidOperationException($"The text '{key}' is missing from {typeof(PageTexts).FullName}.resx.");

    /// <summary>The text <paramref name="key"/>, or null where the resource keeps none.</summary>
    public string? TryGet(string key) => Resources.GetString(key, Culture);

    /// <summary>The text <paramref name="key"/> with its placeholders filled, numbers and dates in the page's culture.</summary>
    public string Format(string key, params object?[] arguments) => string.Format(Culture, this[key], arguments);
}
