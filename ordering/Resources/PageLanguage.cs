using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace My8x8.SalesBot.Ordering.Resources;

/// <summary>
/// The language a page is shown in — the two the sales conversation speaks, US English and US Spanish: the
/// <c>lang</c> the link carries (the chat adds its conversation's language to the links it gives, and the website chat
/// page passes its own on), else the browser's Accept-Language in its order of preference, else English.
/// Any Spanish ("es", "es-MX") is served as es-US, anything else as en-US.
/// </summary>
public static class PageLanguage
{
    /// <summary>The query (and form) field that names the language: <c>?lang=es-US</c>.</summary>
    public const string Field = "lang";

    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en-US");

    public static CultureInfo Spanish { get; } = CultureInfo.GetCultureInfo("es-US");

    /// <summary>The page's culture for this request; <paramref name="chosen"/> (a posted form's field) wins when it names one.</summary>
    public static CultureInfo Of(HttpRequest request, string? chosen = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Supported(chosen) ?? Supported(request.Query[Field].ToString()) ?? Preferred(request) ?? English;
    }

    /// <summary>
    /// The first language of the request's Accept-Language the conversation speaks (highest quality first; among
    /// equals, the order the browser listed them), or null when it names none.
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

    /// <summary><paramref name="url"/> with the page language for <paramref name="culture"/> added (what the chat gives a Spanish reader).</summary>
    public static Uri WithLanguage(Uri url, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(culture);
        var builder = new UriBuilder(url);
        var query = builder.Query.TrimStart('?');
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !pair.StartsWith(Field + "=", StringComparison.OrdinalIgnoreCase) && pair != Field);
        builder.Query = string.Join('&', [.. pairs, $"{Field}={Uri.EscapeDataString((Supported(culture.Name) ?? English).Name)}"]);
        return builder.Uri;
    }
}
