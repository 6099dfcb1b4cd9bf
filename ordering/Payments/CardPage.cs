using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using My8x8.SalesBot.Ordering.Embedded;

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
        if (context.RequestServices.GetService<EmbeddedOrderingService>() is not { } ordering)
        {
            return NotServedHere(context);
        }

        var check = await ordering.CheckCardSetupLinkAsync(token, ct);
        return check.Status == CardSetupLinkStatus.Valid
            ? Page(context, StatusCodes.Status200OK, new CardForm(token!, check.DisplayName, new Dictionary<string, string>(), null, null, null))
            : LinkRefused(context, check.Status);
    }

    private static async Task<RazorComponentResult<CardPageView>> SubmitAsync(HttpContext context, ILoggerFactory loggers, CancellationToken ct)
    {
        if (context.RequestServices.GetService<EmbeddedOrderingService>() is not { } ordering)
        {
            return NotServedHere(context);
        }

        if (!context.Request.HasFormContentType)
        {
            return Page(context, StatusCodes.Status400BadRequest, new CardMessage("Something went wrong", "The form could not be read. Please open the link from the chat again."));
        }

        var form = await context.Request.ReadFormAsync(ct);
        var token = form["token"].ToString();
        var check = await ordering.CheckCardSetupLinkAsync(token, ct);
        if (check.Status != CardSetupLinkStatus.Valid)
        {
            return LinkRefused(context, check.Status);
        }

        // The service's clock decides expiry, the same one that checks cards at checkout.
        var now = ordering.Now;
        string expiry = form["expiry"].ToString(), name = form["name"].ToString(), zip = form["zip"].ToString();
        var result = CardValidation.Validate(form["number"], expiry, form["cvc"], name, zip, now);
        if (result.Card is null)
        {
            // The number and CVC are never echoed back into the page.
            return Page(context, StatusCodes.Status400BadRequest, new CardForm(token, check.DisplayName, result.Errors, expiry, name, zip));
        }

        CardAdded added;
        try
        {
            added = await ordering.AddCardWithSetupLinkAsync(token, result.Card, ct);
        }
        catch (OrderingException ex) when (ex.Error is OrderingError.CardSetupLinkUsed or OrderingError.CardSetupLinkExpired or OrderingError.CardSetupLinkInvalid)
        {
            // Lost a race with a second submit of the same link.
            return Page(context, OrderingException.StatusCodeFor(ex.Error), new CardMessage("This link can no longer be used", LinkProblem(ex.Error)));
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

        return Page(context, StatusCodes.Status200OK, new CardMessage("Card added", string.Create(CultureInfo.InvariantCulture,
            $"Your {added.Brand} card ending {added.Last4} (expires {added.ExpiryMonth:00}/{added.ExpiryYear % 100:00}) was added to your account and kept for future purchases. You can close this page and return to the chat.")));
    }

    private static RazorComponentResult<CardPageView> NotServedHere(HttpContext context) =>
        Page(context, StatusCodes.Status404NotFound, new CardMessage("Card page not available here", "Cards are added on the ordering service's own card page. Please use the link from the chat."));

    private static RazorComponentResult<CardPageView> LinkRefused(HttpContext context, CardSetupLinkStatus status)
    {
        var refusal = EmbeddedOrderingService.LinkException(status);
        var title = status switch
        {
            CardSetupLinkStatus.Used => "This link was already used",
            CardSetupLinkStatus.Expired => "This link has expired",
            _ => "This link is not valid",
        };
        return Page(context, refusal.StatusCode, new CardMessage(title, LinkProblem(refusal.Error)));
    }

    /// <summary>What the card page tells a visitor whose link cannot be used.</summary>
    private static string LinkProblem(OrderingError error) => error switch
    {
        OrderingError.CardSetupLinkUsed => "This card link was already used. Ask the assistant for a new link.",
        OrderingError.CardSetupLinkExpired => "This card link has expired. Ask the assistant for a new link.",
        _ => "This card link is not valid. Ask the assistant for a new link.",
    };

    /// <summary>
    /// The page's policy: its style sheets from this host and nothing else — no scripts, no frames, forms posted only
    /// here. The link token is in the URL: keep it out of caches and Referer headers, and keep the page out of frames.
    /// </summary>
    internal const string ContentSecurityPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'";

    private static RazorComponentResult<CardPageView> Page(HttpContext context, int statusCode, CardPageContent content)
    {
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        return new RazorComponentResult<CardPageView>(new Dictionary<string, object?> { [nameof(CardPageView.Content)] = content }) { StatusCode = statusCode };
    }

    // What the customer reads on the page; the view only lays it out.
    internal const string Title = "Add a payment card – 8x8";
    internal const string SiteName = "8x8 secure card page";
    internal const string FormHeading = "Add a payment card";
    internal const string Intro = "the card is kept on your account for future purchases. Only its brand, last four digits and expiry are stored; never type a card number into the chat.";
    internal const string ErrorSummaryHeading = "There is a problem";
    internal const string SubmitText = "Add card";

    internal const string ReEnter =
        "For your security, the card number and security code are never kept or shown again after a problem: please enter them again.";

    /// <summary>Under the two boxes that are emptied after a problem, why they are empty.</summary>
    internal static string? ReEnterField(string field) => field switch
    {
        "number" => "Please enter the card number again.",
        "cvc" => "Please enter the security code again.",
        _ => null,
    };

    internal static readonly (string Name, string Label, string Hint, string Autocomplete, string InputMode)[] Fields =
    [
        ("number", "Card number", "The long number on the front of the card.", "cc-number", "numeric"),
        ("expiry", "Expiry date (MM/YY)", "For example 04/29.", "cc-exp", "numeric"),
        ("cvc", "Security code (CVC)", "3 digits on the back, or 4 on the front for American Express.", "cc-csc", "numeric"),
        ("name", "Name on card", "", "cc-name", "text"),
        ("zip", "Billing ZIP code", "", "postal-code", "numeric"),
    ];
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
