using System.Globalization;
using Microsoft.AspNetCore.Http;
using My8x8.SalesBot.Languages;

namespace My8x8.SalesBot.Ordering.Resources;

/// <summary>
/// The language a page is shown in — the two the sales conversation speaks, US English and US Spanish: the
/// <c>lang</c> the link carries (the chat adds its conversation's language to the links it gives, and the website chat
/// page passes its own on), else the browser's Accept-Language in its order of preference, else English.
/// The languages and the rule that maps a locale onto them are <see cref="SalesLanguage"/>'s.
/// </summary>
public static class PageLanguage
{
    /// <summary>The query (and form) field that names the language: <c>?lang=es-US</c>.</summary>
    public const string Field = "lang";

    /// <summary>The page's culture for this request; <paramref name="chosen"/> (a posted form's field) wins when it names one.</summary>
    public static CultureInfo Of(HttpRequest request, string? chosen = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SalesLanguage.Supported(chosen) ?? SalesLanguage.Supported(request.Query[Field].ToString()) ?? SalesLanguage.Preferred(request) ?? SalesLanguage.English;
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
        builder.Query = string.Join('&', [.. pairs, $"{Field}={Uri.EscapeDataString(SalesLanguage.For(culture.Name).Name)}"]);
        return builder.Uri;
    }
}
