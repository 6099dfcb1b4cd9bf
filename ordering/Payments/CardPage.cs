using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using My8x8.SalesBot.Ordering.Embedded;
using My8x8.SalesBot.Ordering.Resources;

namespace My8x8.SalesBot.Ordering.Payments;

/// <summary>
/// The hosted card page behind the one-time links of <see cref="IOrderingService.CreateCardSetupLinkAsync"/>.
/// The card number and CVC are validated here and dropped: only brand, last four and expiry reach the service,
/// nothing of the form is logged, and the bot hears only <see cref="CardAdded"/>.
/// </summary>
public static class CardPage
{
    public const string Path = "/payments/cards/new";

    public static RouteGroupBuilder MapCardPage(this IEndpointRouteBuilder endpoints)
    {
        var page = endpoints.MapGroup(Path).ExcludeFromDescription();
        page.MapGet("/", ShowAsync);
        // No antiforgery token: the form is posted with the one-time link token, which a forging site cannot know.
        page.MapPost("/", SubmitAsync);
        return page;
    }

    private static async Task<RazorComponentResult<CardPageView>> ShowAsync(HttpContext context, string? token, CancellationToken ct)
    {
        var texts = PageTexts.For(PageLanguage.Of(context.Request));
        if (context.RequestServices.GetService<EmbeddedOrderingService>() is not { } ordering)
        {
            return NotServedHere(context, texts);
        }

        var check = await ordering.CheckCardSetupLinkAsync(token, ct);
        return check.Status == CardSetupLinkStatus.Valid
            ? Page(context, texts, StatusCodes.Status200OK, new CardForm(token!, check.DisplayName, new Dictionary<string, string>(), null, null, null))
            : LinkRefused(context, texts, check.Status);
    }

    private static async Task<RazorComponentResult<CardPageView>> SubmitAsync(HttpContext context, ILoggerFactory loggers, CancellationToken ct)
    {
        var texts = PageTexts.For(PageLanguage.Of(context.Request));
        if (context.RequestServices.GetService<EmbeddedOrderingService>() is not { } ordering)
        {
            return NotServedHere(context, texts);
        }

        if (!context.Request.HasFormContentType)
        {
            return Page(context, texts, StatusCodes.Status400BadRequest, new CardMessage(texts["CardPage.FormUnreadable.Title"], texts["CardPage.FormUnreadable.Text"]));
        }

        var form = await context.Request.ReadFormAsync(ct);
        // The form carries the language the page was shown in, so its answer is in the same one.
        texts = PageTexts.For(PageLanguage.Of(context.Request, form[PageLanguage.Field].ToString()));
        var token = form["token"].ToString();
        var check = await ordering.CheckCardSetupLinkAsync(token, ct);
        if (check.Status != CardSetupLinkStatus.Valid)
        {
            return LinkRefused(context, texts, check.Status);
        }

        // The service's clock decides expiry, the same one that checks cards at checkout.
        var now = ordering.Now;
        string expiry = form["expiry"].ToString(), name = form["name"].ToString(), zip = form["zip"].ToString();
        var result = CardValidation.Validate(form["number"], expiry, form["cvc"], name, zip, now, texts);
        if (result.Card is null)
        {
            // The number and CVC are never echoed back into the page.
            return Page(context, texts, StatusCodes.Status400BadRequest, new CardForm(token, check.DisplayName, result.Errors, expiry, name, zip));
        }

        CardAdded added;
        try
        {
            added = await ordering.AddCardWithSetupLinkAsync(token, result.Card, ct);
        }
        catch (OrderingException ex) when (ex.Error is OrderingError.CardSetupLinkUsed or OrderingError.CardSetupLinkExpired or OrderingError.CardSetupLinkInvalid)
        {
            // Lost a race with a second submit of the same link.
            return Page(context, texts, OrderingException.StatusCodeFor(ex.Error), new CardMessage(texts["CardPage.LinkGone.Title"], LinkProblem(texts, ex.Error)));
        }

        try
        {
            await context.RequestServices.GetRequiredService<ICardAddedNotifier>().NotifyAsync(added, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The card is stored; a failed notification must not turn that into an error page.
            loggers.CreateLogger(typeof(CardPage).FullName!).LogWarning(ex, "Card-added notification for {UserId} card {CardId} failed", added.UserId, added.CardId);
        }

        return Page(context, texts, StatusCodes.Status200OK, new CardMessage(
            texts["CardPage.CardAdded.Title"],
            texts.Format("CardPage.CardAdded.Text", added.Brand, added.Last4, added.ExpiryMonth, added.ExpiryYear % 100)));
    }

    private static RazorComponentResult<CardPageView> NotServedHere(HttpContext context, PageTexts texts) =>
        Page(context, texts, StatusCodes.Status404NotFound, new CardMessage(texts["CardPage.NotServed.Title"], texts["CardPage.NotServed.Text"]));

    private static RazorComponentResult<CardPageView> LinkRefused(HttpContext context, PageTexts texts, CardSetupLinkStatus status)
    {
        var refusal = EmbeddedOrderingService.LinkException(status);
        var title = status switch
        {
            CardSetupLinkStatus.Used => texts["CardPage.LinkUsed.Title"],
            CardSetupLinkStatus.Expired => texts["CardPage.LinkExpired.Title"],
            _ => texts["CardPage.LinkInvalid.Title"],
        };
        return Page(context, texts, refusal.StatusCode, new CardMessage(title, LinkProblem(texts, refusal.Error)));
    }

    /// <summary>What the card page tells a visitor whose link cannot be used.</summary>
    private static string LinkProblem(PageTexts texts, OrderingError error) => error switch
    {
        OrderingError.CardSetupLinkUsed => texts["CardPage.LinkUsed.Text"],
        OrderingError.CardSetupLinkExpired => texts["CardPage.LinkExpired.Text"],
        _ => texts["CardPage.LinkInvalid.Text"],
    };

    /// <summary>
    /// The page's policy: its style sheets from this host and nothing else — no scripts, no frames, forms posted only
    /// here. The link token is in the URL: keep it out of caches and Referer headers, and keep the page out of frames.
    /// </summary>
    internal const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'";

    private static RazorComponentResult<CardPageView> Page(HttpContext context, PageTexts texts, int statusCode, CardPageContent content)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.ContentLanguage = texts.Lang;
        headers.Vary = "Accept-Language";
        return new RazorComponentResult<CardPageView>(new Dictionary<string, object?>
        {
            [nameof(CardPageView.Content)] = content,
            [nameof(CardPageView.Texts)] = texts,
        })
        { StatusCode = statusCode };
    }

    /// <summary>The form's boxes: name, browser autofill and keyboard; their labels and hints are the page's texts.</summary>
    internal static readonly (string Name, string Autocomplete, string InputMode)[] Fields =
    [
        ("number", "cc-number", "numeric"),
        ("expiry", "cc-exp", "numeric"),
        ("cvc", "cc-csc", "numeric"),
        ("name", "cc-name", "text"),
        ("zip", "postal-code", "numeric"),
    ];

    /// <summary>Under the two boxes that are emptied after a problem, why they are empty.</summary>
    internal static string? ReEnterField(PageTexts texts, string field) => texts.TryGet("CardPage.ReEnter." + field);
}

/// <summary>What the card page shows: the form, or a message.</summary>
public abstract record CardPageContent;

/// <summary>The card form, with the problems of the last submit and the values that may be shown again (never number or CVC).</summary>
public sealed record CardForm(string Token, string? DisplayName, IReadOnlyDictionary<string, string> Errors, string? Expiry, string? Name, string? Zip) : CardPageContent
{
    public string? ValueOf(string field) => field switch
    {
        "expiry" => Expiry,
        "name" => Name,
        "zip" => Zip,
        _ => null,
    };
}

/// <summary>A heading and one sentence: the card was added, or why the link cannot be used.</summary>
public sealed record CardMessage(string Title, string Text) : CardPageContent;
