using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace My8x8.SalesBot.Ordering.Api;

/// <summary>
/// The Terms and Conditions as a page a customer can read (the link the conversation and the terms card give):
/// the version in force, when it took effect and its full text.
/// </summary>
public static class TermsPage
{
    public const string Path = "/terms";

    public static RouteHandlerBuilder MapTermsPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ShowAsync).ExcludeFromDescription();

    private static async Task<ContentHttpResult> ShowAsync(IOrderingService ordering, CancellationToken cancellationToken)
    {
        var terms = await ordering.GetTermsAsync(cancellationToken);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Terms and Conditions</h1><p class=\"meta\">Version {H(terms.Version)}, in effect since {terms.EffectiveAt:MMMM d, yyyy}.</p>");
        body.Append(CultureInfo.InvariantCulture, $"<p><strong>{H(terms.Summary)}</strong></p>");
        foreach (var paragraph in terms.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            body.Append(CultureInfo.InvariantCulture, $"<p>{H(paragraph)}</p>");
        }

        return TypedResults.Content(Layout(body.ToString()), "text/html; charset=utf-8");
    }

    private static string Layout(string body) => HtmlPage.Render(
        "Terms and Conditions – 8x8 self-service ordering",
        """
        body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.6; color: #1b1b1b; }
        .meta { color: #505050; }
        """,
        body,
        "8x8 self-service ordering");

    private static string H(string value) => HtmlPage.Encode(value);
}
