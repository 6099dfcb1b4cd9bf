using System.Globalization;
using System.Text;
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

    private static async Task<ContentHttpResult> ShowAsync(HttpContext context, string? token, CancellationToken ct)
    {
        if (context.RequestServices.GetService<EmbeddedOrderingService>() is not { } ordering)
        {
            return NotServedHere(context);
        }

        var check = await ordering.CheckCardSetupLinkAsync(token, ct);
        return check.Status == CardSetupLinkStatus.Valid
            ? Page(context, StatusCodes.Status200OK, Form(token!, check.DisplayName, new Dictionary<string, string>(), null, null, null))
            : LinkRefused(context, check.Status);
    }

    private static async Task<ContentHttpResult> SubmitAsync(HttpContext context, ILoggerFactory loggers, CancellationToken ct)
    {
        if (context.RequestServices.GetService<EmbeddedOrderingService>() is not { } ordering)
        {
            return NotServedHere(context);
        }

        if (!context.Request.HasFormContentType)
        {
            return Page(context, StatusCodes.Status400BadRequest, Message("Something went wrong", "The form could not be read. Please open the link from the chat again."));
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
            return Page(context, StatusCodes.Status400BadRequest, Form(token, check.DisplayName, result.Errors, expiry, name, zip));
        }

        CardAdded added;
        try
        {
            added = await ordering.AddCardWithSetupLinkAsync(token, result.Card, ct);
        }
        catch (OrderingException ex) when (ex.Error is OrderingError.CardSetupLinkUsed or OrderingError.CardSetupLinkExpired or OrderingError.CardSetupLinkInvalid)
        {
            // Lost a race with a second submit of the same link.
            return Page(context, OrderingException.StatusCodeFor(ex.Error), Message("This link can no longer be used", LinkProblem(ex.Error)));
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

        return Page(context, StatusCodes.Status200OK, Message("Card added",
            $"Your {added.Brand} card ending {added.Last4} (expires {added.ExpiryMonth:00}/{added.ExpiryYear % 100:00}) was added to your account and kept for future purchases. You can close this page and return to the chat."));
    }

    private static ContentHttpResult NotServedHere(HttpContext context) =>
        Page(context, StatusCodes.Status404NotFound, Message("Card page not available here", "Cards are added on the ordering service's own card page. Please use the link from the chat."));

    private static ContentHttpResult LinkRefused(HttpContext context, CardSetupLinkStatus status)
    {
        var refusal = EmbeddedOrderingService.LinkException(status);
        var title = status switch
        {
            CardSetupLinkStatus.Used => "This link was already used",
            CardSetupLinkStatus.Expired => "This link has expired",
            _ => "This link is not valid",
        };
        return Page(context, refusal.StatusCode, Message(title, LinkProblem(refusal.Error)));
    }

    /// <summary>What the card page tells a visitor whose link cannot be used.</summary>
    private static string LinkProblem(OrderingError error) => error switch
    {
        OrderingError.CardSetupLinkUsed => "This card link was already used. Ask the assistant for a new link.",
        OrderingError.CardSetupLinkExpired => "This card link has expired. Ask the assistant for a new link.",
        _ => "This card link is not valid. Ask the assistant for a new link.",
    };

    private static ContentHttpResult Page(HttpContext context, int statusCode, string body)
    {
        var headers = context.Response.Headers;
        // The link token is in the URL: keep it out of caches and Referer headers, and keep the page out of frames.
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Frame-Options"] = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
        return TypedResults.Content(Layout(body), "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    private static string Message(string title, string text) =>
        $"""
        <h1>{H(title)}</h1>
        <p role="status">{H(text)}</p>
        """;

    private const string ReEnter =
        "For your security, the card number and security code are never kept or shown again after a problem: please enter them again.";

    private static readonly (string Name, string Label, string Hint, string Autocomplete, string InputMode)[] Fields =
    [
        ("number", "Card number", "The long number on the front of the card.", "cc-number", "numeric"),
        ("expiry", "Expiry date (MM/YY)", "For example 04/29.", "cc-exp", "numeric"),
        ("cvc", "Security code (CVC)", "3 digits on the back, or 4 on the front for American Express.", "cc-csc", "numeric"),
        ("name", "Name on card", "", "cc-name", "text"),
        ("zip", "Billing ZIP code", "", "postal-code", "numeric"),
    ];

    private static string Form(string token, string? displayName, IReadOnlyDictionary<string, string> errors, string? expiry, string? name, string? zip)
    {
        var values = new Dictionary<string, string?> { ["expiry"] = expiry, ["name"] = name, ["zip"] = zip };
        var html = new StringBuilder();
        html.Append("<h1>Add a payment card</h1>");
        html.Append(CultureInfo.InvariantCulture, $"<p>{(displayName is null ? "" : H(displayName) + ", ")}the card is kept on your account for future purchases. Only its brand, last four digits and expiry are stored; never type a card number into the chat.</p>");
        if (errors.Count > 0)
        {
            html.Append("""<div class="errors" role="alert" aria-labelledby="error-summary-title" tabindex="-1" id="error-summary"><h2 id="error-summary-title">There is a problem</h2><ul>""");
            foreach (var (field, error) in errors)
            {
                html.Append(CultureInfo.InvariantCulture, $"""<li><a href="#{field}">{H(error)}</a></li>""");
            }

            // The boxes below are empty on purpose; say so, rather than let the customer think their entry was lost.
            html.Append(CultureInfo.InvariantCulture, $"""</ul><p>{H(ReEnter)}</p></div>""");
        }

        html.Append(CultureInfo.InvariantCulture, $"""<form method="post" action="{Path}" novalidate><input type="hidden" name="token" value="{H(token)}">""");
        foreach (var (field, label, hint, autocomplete, inputMode) in Fields)
        {
            var hasError = errors.TryGetValue(field, out var error);
            var describedBy = string.Join(' ', new[] { hint.Length > 0 ? field + "-hint" : null, hasError ? field + "-error" : null }.Where(x => x is not null));
            html.Append(CultureInfo.InvariantCulture, $"""<div class="field"><label for="{field}">{H(label)}</label>""");
            if (hint.Length > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"""<span class="hint" id="{field}-hint">{H(hint)}</span>""");
            }

            if (hasError)
            {
                html.Append(CultureInfo.InvariantCulture, $"""<span class="error" id="{field}-error">{H(error!)}</span>""");
            }

            var reEnter = errors.Count > 0 && field is "number" or "cvc";
            if (reEnter)
            {
                html.Append(CultureInfo.InvariantCulture, $"""<span class="reenter" id="{field}-reenter">{H(field == "number" ? "Please enter the card number again." : "Please enter the security code again.")}</span>""");
                describedBy = string.Join(' ', new[] { describedBy, field + "-reenter" }.Where(x => x.Length > 0));
            }

            var value = values.GetValueOrDefault(field);
            html.Append(CultureInfo.InvariantCulture, $"""<input id="{field}" name="{field}" type="text" inputmode="{inputMode}" autocomplete="{autocomplete}" required aria-required="true" """);
            html.Append(describedBy.Length > 0 ? $"""aria-describedby="{describedBy}" """ : "");
            html.Append(hasError ? """aria-invalid="true" """ : "");
            html.Append(value is null ? ">" : $"""value="{H(value)}">""");
            html.Append("</div>");
        }

        html.Append("""<button type="submit">Add card</button></form>""");
        return html.ToString();
    }

    private static string Layout(string body) => HtmlPage.Render(
        "Add a payment card – 8x8",
        """
        body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1b; }
        .field { margin: 1rem 0; } label { display: block; font-weight: 600; }
        .hint { display: block; color: #505050; font-size: .9rem; }
        .error { display: block; color: #b00020; font-weight: 600; }
        .reenter { display: block; font-weight: 600; }
        input { font-size: 1rem; padding: .5rem; width: 100%; box-sizing: border-box; border: 2px solid #505050; }
        input[aria-invalid="true"] { border-color: #b00020; }
        input:focus, button:focus, a:focus { outline: 3px solid #ffbf47; outline-offset: 0; }
        button { font-size: 1rem; padding: .6rem 1.2rem; background: #0b5cab; color: #fff; border: 0; cursor: pointer; }
        .errors { border: 3px solid #b00020; padding: .5rem 1rem; margin: 1rem 0; }
        """,
        body,
        "8x8 secure card page");

    private static string H(string value) => HtmlPage.Encode(value);
}
