using System.Text.Encodings.Web;

namespace My8x8.SalesBot.Ordering;

/// <summary>The plain, accessible HTML shell of the pages the ordering service serves to customers (card page, terms).</summary>
internal static class HtmlPage
{
    public static string Render(string title, string css, string body) =>
        $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}}</title>
        <style>
        {{css}}
        </style>
        </head>
        <body>
        <main>
        {{body}}
        </main>
        </body>
        </html>
        """;

    public static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
