using System.Text.Encodings.Web;

namespace My8x8.SalesBot.Ordering;

/// <summary>
/// The plain, accessible HTML shell of the pages the ordering service serves to customers (card page, terms): an 8x8
/// header naming the page, so a customer sent from the chat to "a secure 8x8 page" can see that is where they are.
/// </summary>
internal static class HtmlPage
{
    private const string HeaderCss =
        """
        .site-header { display: flex; align-items: center; gap: .6rem; background: #101820; color: #fff; padding: .7rem 1rem; margin: -2rem -1rem 1.5rem; }
        .site-header .logo { background: #d50032; color: #fff; font-weight: 800; border-radius: 6px; padding: .1rem .45rem; }
        .site-header .site-name { font-weight: 600; }
        """;

    public static string Render(string title, string css, string body, string siteName = "8x8") =>
        $$"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{Encode(title)}}</title>
        <style>
        {{css}}
        {{HeaderCss}}
        </style>
        </head>
        <body>
        <header class="site-header"><span class="logo" aria-hidden="true">8x8</span><span class="site-name">{{Encode(siteName)}}</span></header>
        <main>
        {{body}}
        </main>
        </body>
        </html>
        """;

    public static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
