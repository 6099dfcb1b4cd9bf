using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace My8x8.SalesBot.Languages;

/// <summary>
/// The languages the product speaks: US English and US Spanish. Any Spanish ("es", "es-MX", "es_ES") is served as
/// es-US and any English as en-US, so texts, formats and recognizers only ever meet one of two cultures.
/// </summary>
public static class SalesLanguage
{
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en-US");

    public static CultureInfo Spanish { get; } = CultureInfo.GetCultureInfo("es-US");

    /// <summary>es-US for any Spanish locale, en-US for any English one, null for anything else or nothing.</summary>
    public static CultureInfo? Supported(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var trimmed = locale.Trim();
        var separator = trimmed.AsSpan().IndexOfAny('-', '_');
        var language = separator < 0 ? trimmed : trimmed[..separator];
        return language.ToUpperInvariant() switch
        {
            "ES" => Spanish,
            "EN" => English,
            _ => null,
        };
    }

    /// <summary>The supported culture for a locale, English for any other language or none.</summary>
    public static CultureInfo For(string? locale) => Supported(locale) ?? English;

    /// <summary>
    /// The first language of the request's Accept-Language that the product speaks (highest quality first; among
    /// equals, the order the browser listed them), or null when it names none. "fr-FR, es;q=0.8" is Spanish.
    /// </summary>
    public static CultureInfo? Preferred(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var accepted = request.GetTypedHeaders().AcceptLanguage
            .Select((language, index) => (language, index))
            .Where(entry => entry.language.Quality is not 0)
            .OrderByDescending(entry => entry.language.Quality ?? 1)
            .ThenBy(entry => entry.index);
        foreach (var (language, _) in accepted)
        {
            if (Supported(language.Value.Value) is { } culture)
            {
                return culture;
            }
        }

        return null;
    }
}
