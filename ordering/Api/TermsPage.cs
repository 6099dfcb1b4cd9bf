using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using My8x8.SalesBot.Ordering.Resources;

namespace My8x8.SalesBot.Ordering.Api;

/// <summary>
/// The Terms and Conditions as a page a customer can read (the link the conversation and the terms card give):
/// the version in force, when it took effect and its full text.
/// </summary>
public static class TermsPage
{
    public const string Path = "/terms";

    /// <summary>A page to read: its style sheet from this host, nothing else (no scripts, forms or frames of its own).</summary>
    internal const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'none'; base-uri 'none'";

    public static RouteHandlerBuilder MapTermsPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ShowAsync).ExcludeFromDescription();

    private static async Task<RazorComponentResult<TermsPageView>> ShowAsync(IOrderingService ordering, HttpContext context, CancellationToken cancellationToken)
    {
        var texts = PageTexts.For(PageLanguage.Of(context.Request));
        var terms = await ordering.GetTermsAsync(cancellationToken);
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.ContentLanguage = texts.Lang;
        context.Response.Headers.Vary = "Accept-Language";
        return new RazorComponentResult<TermsPageView>(new Dictionary<string, object?>
        {
            [nameof(TermsPageView.Terms)] = terms,
            [nameof(TermsPageView.Texts)] = texts,
        });
    }
}
