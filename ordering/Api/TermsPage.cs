using System.Globalization;
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

    /// <summary>A page to read: its style sheet from this host, nothing else (no scripts, forms or frames of its own).</summary>
    internal const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'none'; base-uri 'none'";

    // What the customer reads on the page; the view only lays it out.
    internal const string Title = "Terms and Conditions – 8x8 self-service ordering";
    internal const string SiteName = "8x8 self-service ordering";
    internal const string Heading = "Terms and Conditions";

    internal static string VersionLine(Terms terms) =>
        string.Create(CultureInfo.InvariantCulture, $"Version {terms.Version}, in effect since {terms.EffectiveAt:MMMM d, yyyy}.");

    public static RouteHandlerBuilder MapTermsPage(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(Path, ShowAsync).ExcludeFromDescription();

    private static async Task<RazorComponentResult<TermsPageView>> ShowAsync(IOrderingService ordering, HttpResponse response, CancellationToken cancellationToken)
    {
        var terms = await ordering.GetTermsAsync(cancellationToken);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return new RazorComponentResult<TermsPageView>(new Dictionary<string, object?> { [nameof(TermsPageView.Terms)] = terms });
    }
}
