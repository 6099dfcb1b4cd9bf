using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Extensions;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Handoff;

/// <summary>A handoff as the queue lists it: codes for integrations, and beside them the words agents read.</summary>
public sealed record QueueItem(
    string Id,
    HandoffStatus Status,
    HandoffMode Mode,
    HandoffReason Reason,
    string Detail,
    string ChannelId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? QueuedAt,
    int WaitingSeconds,
    CustomerSnapshot Customer,
    string? CartSummary,
    AgentIdentity? Agent,
    string StatusText,
    string ReasonText,
    string ChannelText,
    bool IsWaiting,
    string LanguageText);

/// <summary>A handoff with everything the agent reads before and while answering.</summary>
public sealed record ConversationView(
    QueueItem Handoff,
    string ConversationKey,
    CartSnapshot? CartAtHandoff,
    CartSnapshot? CartNow,
    EligibilitySnapshot? Eligibility,
    IReadOnlyList<TranscriptEntry> Transcript,
    bool AssignedToMe,
    HandoffSummary Summary);

/// <summary>A callback request with the words agents read beside its codes.</summary>
public sealed record CallbackItem(
    string Id,
    string ConversationKey,
    HandoffReason Reason,
    string ReasonText,
    string Detail,
    CustomerSnapshot Customer,
    CartSnapshot? Cart,
    string Phone,
    string DialablePhone,
    DateTimeOffset PreferredAt,
    string PreferredTime,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TranscriptEntry> Transcript,
    bool Done,
    string? DoneBy,
    AgentIdentity? ClaimedBy,
    CallOutcome? Outcome,
    string? OutcomeText,
    DateTimeOffset? DoneAt,
    string StatusText)
{
    public static CallbackItem From(CallbackRequest callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return new(callback.Id, callback.ConversationKey, callback.Reason, AgentConsoleTexts.Reason(callback.Reason), callback.Detail, callback.Customer, callback.Cart, callback.Phone,
            callback.DialablePhone, callback.PreferredAt, callback.PreferredTime, callback.CreatedAt, callback.Transcript, callback.Done, callback.DoneBy,
            callback.ClaimedBy, callback.Outcome, callback.Outcome is { } outcome ? AgentDeskTexts.Outcome(outcome) : null, callback.DoneAt, AgentDeskTexts.CallbackStatus(callback));
    }
}

public sealed record AgentReply(string? Text);

/// <summary>A catalog product in the agent's cart panel, with how many the cart holds now.</summary>
public sealed record AssistedCartProduct(string Sku, string Name, ProductKind Kind, string KindText, decimal Price, int Quantity);

/// <summary>The customer's cart as the agent prepares it: the cart, the whole catalog with quantities, and the words around them.</summary>
public sealed record AssistedCartView(
    string HandoffId,
    Cart Cart,
    IReadOnlyList<AssistedCartProduct> Products,
    string LimitsText,
    string OwnerText,
    IReadOnlyList<string> Problems,
    bool CanSend);

/// <summary>The whole contents the agent sets (quantity 0 leaves a product out).</summary>
public sealed record AssistedCartEdit(IReadOnlyList<CartItemQuantity>? Items);

public sealed record EndHandoff(string? Note, bool Resume = true);

/// <summary>
/// The agent console: the page at <c>/agent</c>, its sign-in, and the JSON API under <c>/agent/api</c> (readable by
/// integrations with an agent's cookie). Every page and API requires a signed-in agent; POSTs need the antiforgery token.
/// </summary>
public static class AgentConsoleEndpoints
{
    /// <summary>The host's rate-limit policy on the sign-in form.</summary>
    public const string SignInRateLimitPolicy = "agent-sign-in";

    private const string SignInStyleSheet = "signin.css";

    private static readonly JsonSerializerOptions FeedJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static WebApplication MapAgentConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/agent", ConsolePage).RequireAuthorization(AgentAuthentication.Policy).ExcludeFromDescription();
        app.MapGet(AgentAuthentication.SignInPath, SignInPage).AllowAnonymous().ExcludeFromDescription();
        // Per client address here; per agent id (and the lockout) inside, once the id is read from the form.
        app.MapPost(AgentAuthentication.SignInPath, SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimitPolicy).ExcludeFromDescription();
        app.MapGet("/agent/assets/{name}", ConsoleAsset).RequireAuthorization(AgentAuthentication.Policy).ExcludeFromDescription();
        // The sign-in form's style sheet is the one asset a visitor who has not signed in yet needs.
        app.MapGet("/agent/assets/" + SignInStyleSheet, () => ConsoleAsset(SignInStyleSheet)).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/agent/signout", SignOutAsync).RequireAuthorization(AgentAuthentication.Policy).ExcludeFromDescription();

        var api = app.MapGroup(AgentAuthentication.ApiPrefix).RequireAuthorization(AgentAuthentication.Policy).WithTags("Agent console");
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
            {
                try
                {
                    await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
                }
                catch (AntiforgeryValidationException)
                {
                    return TypedResults.Problem("Missing or invalid antiforgery token (send it in the RequestVerificationToken header).", statusCode: StatusCodes.Status400BadRequest);
                }
            }

            return await next(context);
        });

        api.MapGet("/me", (HttpContext http) => TypedResults.Ok(http.User.Agent()));
        api.MapGet("/antiforgery", (HttpContext http, IAntiforgery antiforgery) =>
            TypedResults.Ok(new { token = antiforgery.GetAndStoreTokens(http).RequestToken }));
        api.MapGet("/queue", GetQueueAsync);
        api.MapGet("/conversations/{id}", GetConversationAsync);
        api.MapGet("/conversations/{id}/transcript", GetTranscriptAsync);
        api.MapPost("/conversations/{id}/accept", AcceptAsync);
        api.MapPost("/conversations/{id}/messages", ReplyAsync);
        api.MapPost("/conversations/{id}/end", EndAsync);
        api.MapAgentTyping();
        api.MapGet("/conversations/{id}/cart", GetAssistedCartAsync);
        api.MapPut("/conversations/{id}/cart", PrepareAssistedCartAsync);
        api.MapPost("/conversations/{id}/cart/send", SendAssistedCartAsync);
        api.MapGet("/callbacks", async (IHandoffStore store, CancellationToken ct) =>
            TypedResults.Ok<IReadOnlyList<CallbackItem>>([.. (await store.ListCallbacksAsync(ct)).Select(CallbackItem.From)]));
        // Claiming, finishing and rescheduling callbacks (AgentDeskEndpoints.cs).
        api.MapAgentDesk();
        api.MapAgentQuickReplies();
        // Who is online, and handing a conversation to them (AgentPresenceEndpoints.cs, AgentTransferEndpoints.cs).
        api.MapAgentPresence();
        api.MapAgentTransfer();
        api.MapGet("/events", StreamEvents).ExcludeFromDescription();
        return app;
    }

    private static RazorComponentResult<AgentConsolePage> ConsolePage(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        NoCache(http.Response, ConsolePolicy);
        return new(new Dictionary<string, object?>
        {
            [nameof(AgentConsolePage.Agent)] = http.User.Agent(),
            [nameof(AgentConsolePage.Csrf)] = tokens.RequestToken ?? "",
            [nameof(AgentConsolePage.IsSupervisor)] = http.User.IsSupervisor(),
        });
    }

    /// <summary>A script or style sheet of the console, from the assembly (so it ships with the host and works in tests alike).</summary>
    private static IResult ConsoleAsset(string name)
    {
        var type = Path.GetExtension(name) switch
        {
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            _ => null,
        };
        var stream = type is null ? null : typeof(AgentConsoleEndpoints).Assembly.GetManifestResourceStream("agent-assets/" + name);
        return stream is null ? TypedResults.NotFound() : TypedResults.Stream(stream, type);
    }

    private static IResult SignInPage(HttpContext http, IAntiforgery antiforgery, IOptions<HandoffOptions> options, IHostEnvironment environment, string? returnUrl)
    {
        var target = LocalOr(returnUrl);
        if (AgentAuthentication.UsesOpenIdConnect(options))
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = target }, [AgentAuthentication.OpenIdConnectScheme]);
        }

        var configured = AgentAuthentication.LocalAccounts(options.Value, environment).Count > 0;
        return SignInForm(http, antiforgery, target, configured, StatusCodes.Status200OK, error: null);
    }

    private static async Task<IResult> SignInAsync(
        HttpContext http, IAntiforgery antiforgery, IOptions<HandoffOptions> options, IHostEnvironment environment, AgentSignInThrottle throttle, ILoggerFactory loggers)
    {
        if (!http.Request.HasFormContentType)
        {
            return Results.BadRequest();
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest();
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var agentId = form["agentId"].ToString().Trim();
        var password = form["password"].ToString();
        var target = LocalOr(form["returnUrl"]);
        var accounts = AgentAuthentication.LocalAccounts(options.Value, environment);
        var logger = loggers.CreateLogger(typeof(AgentConsoleEndpoints));

        // Checked before the password: a locked or over-rate id costs no password hashing and reveals nothing.
        var allowance = throttle.TryBegin(agentId);
        if (!allowance.Allowed)
        {
            logger.LogWarning("Agent console sign-in for {AgentId} refused: too many attempts", agentId);
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(allowance.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return SignInForm(http, antiforgery, target, accounts.Count > 0, StatusCodes.Status429TooManyRequests,
                $"Too many sign-in attempts for this agent id. Try again in {RateLimitOptions.RetryIn(allowance.RetryAfter)}.");
        }

        var account = accounts.FirstOrDefault(a => string.Equals(a.Id, agentId, StringComparison.OrdinalIgnoreCase));
        var verification = AgentPasswordHasher.Verify(password, account?.PasswordHash);
        if (verification == PasswordVerificationResult.Failed || account is null)
        {
            throttle.Failed(agentId);
            logger.LogWarning("Agent console sign-in refused for {AgentId}", agentId);
            return SignInForm(http, antiforgery, target, accounts.Count > 0, StatusCodes.Status401Unauthorized, "That agent id and password don't match.");
        }

        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Accounts come from settings, which the host cannot rewrite: the operator replaces the hash.
            logger.LogWarning("Agent {AgentId} signed in with a password hash in an old format; replace it with a new one (docs/handoff.md)", account.Id);
        }

        throttle.Succeeded(agentId);
        await http.SignInAsync(AgentAuthentication.CookieScheme, AgentAuthentication.Principal(account));
        return Results.LocalRedirect(target);
    }

    /// <summary>The sign-in form, with a fresh antiforgery token and, after a refusal, why.</summary>
    internal static RazorComponentResult<AgentSignInPage> SignInForm(HttpContext http, IAntiforgery antiforgery, string target, bool accountsConfigured, int status, string? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        NoCache(http.Response, SignInPolicy);
        return new(new Dictionary<string, object?>
        {
            [nameof(AgentSignInPage.Csrf)] = tokens.RequestToken ?? "",
            [nameof(AgentSignInPage.ReturnUrl)] = target,
            [nameof(AgentSignInPage.Error)] = error,
            [nameof(AgentSignInPage.AccountsConfigured)] = accountsConfigured,
        })
        { StatusCode = status };
    }

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery)
    {
        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return Results.BadRequest();
        }

        await AgentPresenceEndpoints.ForgetAsync(http);
        await http.SignOutAsync(AgentAuthentication.CookieScheme);
        return Results.LocalRedirect(AgentAuthentication.SignInPath);
    }

    private static async Task<Ok<IReadOnlyList<QueueItem>>> GetQueueAsync(IHandoffStore store, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var sessions = await store.ListActiveAsync(ct);
        return TypedResults.Ok<IReadOnlyList<QueueItem>>([.. sessions.Where(s => s.Status != HandoffStatus.CapturingCallback).Select(s => ToItem(s, now))]);
    }

    private static async Task<Results<Ok<ConversationView>, NotFound>> GetConversationAsync(
        string id, HttpContext http, IHandoffStore store, IOrderingService ordering, TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        var session = await store.GetAsync(id, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }

        CartSnapshot? cartNow = null;
        if (session.Customer.UserId is { } userId && session.Eligibility is { IsEligible: true })
        {
            try
            {
                cartNow = HandoffContextBuilder.Snapshot(await ordering.GetOpenCartAsync(userId, ct));
            }
            catch (Exception exception) when (exception is OrderingException or HttpRequestException or TaskCanceledException)
            {
                loggers.CreateLogger(typeof(AgentConsoleEndpoints)).LogWarning(exception, "Could not read the current cart of {UserId}", userId);
            }
        }

        var transcript = await store.GetTranscriptAsync(session.ConversationKey, ct);
        var me = http.User.Agent();
        return TypedResults.Ok(new ConversationView(
            ToItem(session, clock.GetUtcNow()), session.ConversationKey, session.Cart, cartNow, session.Eligibility, transcript, session.AgentId == me.Id,
            HandoffSummary.For(session, transcript)));
    }

    private static async Task<Results<Ok<IReadOnlyList<TranscriptEntry>>, NotFound>> GetTranscriptAsync(string id, IHandoffStore store, CancellationToken ct)
    {
        var session = await store.GetAsync(id, ct);
        return session is null ? TypedResults.NotFound() : TypedResults.Ok(await store.GetTranscriptAsync(session.ConversationKey, ct));
    }

    private static async Task<IResult> AcceptAsync(string id, HttpContext http, AgentDesk desk, CancellationToken ct) =>
        Outcome(await desk.AcceptAsync(id, http.User.Agent(), ct), "Another agent accepted this conversation, or it is no longer waiting.");

    private static async Task<IResult> ReplyAsync(string id, AgentReply body, HttpContext http, AgentDesk desk, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body?.Text) || body.Text.Length > 4000)
        {
            return TypedResults.Problem("Write a message of 1 to 4000 characters.", statusCode: StatusCodes.Status400BadRequest);
        }

        return Outcome(await desk.ReplyAsync(id, http.User.Agent(), body.Text.Trim(), ct), "This conversation is not with an agent any more.");
    }

    private static async Task<IResult> EndAsync(string id, EndHandoff? body, HttpContext http, AgentDesk desk, CancellationToken ct) =>
        Outcome(await desk.EndAsync(id, http.User.Agent(), body?.Note?.Trim(), body?.Resume ?? true, ct), "This conversation is not with an agent any more.");

    private static async Task<IResult> GetAssistedCartAsync(string id, HttpContext http, IHandoffStore store, IOrderingService ordering, CancellationToken ct)
    {
        var (session, refusal) = await MineAsync(id, http, store, ct);
        if (session is null)
        {
            return refusal!;
        }

        return (await OrderingRefusalsAsync(async () => TypedResults.Ok(await AssistedViewAsync(session, await ordering.GetOpenCartAsync(session.Customer.UserId!, ct), ordering, ct))))!;
    }

    private static async Task<IResult> PrepareAssistedCartAsync(string id, AssistedCartEdit? body, HttpContext http, IHandoffStore store, IOrderingService ordering, CancellationToken ct)
    {
        if (body?.Items is not { Count: > 0 and <= 100 } items)
        {
            return TypedResults.Problem("Send the cart's items (1 to 100 products, each with a quantity; 0 leaves it out).", statusCode: StatusCodes.Status400BadRequest);
        }

        var (session, refusal) = await MineAsync(id, http, store, ct);
        if (session is null)
        {
            return refusal!;
        }

        var me = http.User.Agent();
        return (await OrderingRefusalsAsync(async () =>
        {
            var userId = session.Customer.UserId!;
            var open = await ordering.GetOpenCartAsync(userId, ct);
            // The agent is the signed-in one, never a name from the request.
            var cart = await ordering.PrepareAssistedCartAsync(userId, open.Id, new AssistedCartRequest(new AssistingAgent(me.Id, me.Name), items), ct);
            return TypedResults.Ok(await AssistedViewAsync(session, cart, ordering, ct));
        }))!;
    }

    private static async Task<IResult> SendAssistedCartAsync(string id, HttpContext http, IHandoffStore store, IOrderingService ordering, AgentDesk desk, CancellationToken ct)
    {
        var (session, refusal) = await MineAsync(id, http, store, ct);
        if (session is null)
        {
            return refusal!;
        }

        var ready = await OrderingRefusalsAsync(async () =>
            (await ordering.GetOpenCartAsync(session.Customer.UserId!, ct)).CheckoutMayStart ? null : (IResult)TypedResults.Problem(AgentConsoleTexts.CartNotReady, statusCode: StatusCodes.Status409Conflict));
        return ready ?? Outcome(await desk.SendCartAsync(id, http.User.Agent(), ct), AgentConsoleTexts.NotWithYou);
    }

    /// <summary>
    /// The handoff when it is with the signed-in agent and has a cart to prepare; otherwise why not: 404, 403 for another
    /// agent's conversation, 409 when it is not (or no longer) with an agent or the customer cannot shop.
    /// </summary>
    private static async Task<(HandoffSession? Session, IResult? Refusal)> MineAsync(string id, HttpContext http, IHandoffStore store, CancellationToken ct)
    {
        var session = await store.GetAsync(id, ct);
        if (session is null)
        {
            return (null, TypedResults.NotFound());
        }

        if (session.AgentId != http.User.Agent().Id)
        {
            return (null, TypedResults.Problem("This conversation is assigned to another agent.", statusCode: StatusCodes.Status403Forbidden));
        }

        if (session.Status != HandoffStatus.WithAgent)
        {
            return (null, TypedResults.Problem(AgentConsoleTexts.NotWithYou, statusCode: StatusCodes.Status409Conflict));
        }

        return session.Customer.UserId is null || session.Eligibility is not { IsEligible: true }
            ? (null, TypedResults.Problem(AgentConsoleTexts.CartNotPreparable, statusCode: StatusCodes.Status409Conflict))
            : (session, null);
    }

    /// <summary>The ordering service's refusal as the problem it is on the REST API (its code, status and reason); nothing was changed.</summary>
    private static async Task<IResult?> OrderingRefusalsAsync(Func<Task<IResult?>> work)
    {
        try
        {
            return await work();
        }
        catch (OrderingException refused) when (refused.Error is not OrderingError.ServiceUnavailable)
        {
            return Ordering.Api.OrderingApi.ToProblem(refused);
        }
    }

    private static async Task<AssistedCartView> AssistedViewAsync(HandoffSession session, Cart cart, IOrderingService ordering, CancellationToken ct)
    {
        var catalog = await ordering.GetCatalogAsync(ct);
        var products = catalog.Select(p => new AssistedCartProduct(p.Sku, p.Name, p.Kind, AgentConsoleTexts.Kind(p.Kind), p.Price,
            cart.Items.FirstOrDefault(i => i.Sku == p.Sku)?.Quantity ?? 0)).ToList();
        return new AssistedCartView(session.Id, cart, products, AgentConsoleTexts.AssistedLimits(cart), AgentConsoleTexts.CartOwner(cart),
            [.. cart.Problems.Select(p => RefusalTexts.ProblemForAgent(p, cart))], cart.CheckoutMayStart);
    }

    /// <summary>Server-sent events: one per change, named by its kind; the console reads what changed through the API.</summary>
    private static ServerSentEventsResult<string> StreamEvents(HttpContext http, AgentFeed feed, CancellationToken ct)
    {
        // Proxies such as nginx would otherwise hold the events back until their buffer fills.
        http.Response.Headers["X-Accel-Buffering"] = "no";
        // While the stream is open the agent is online for transfers (AgentPresenceEndpoints).
        return TypedResults.ServerSentEvents(AgentPresenceEndpoints.WhilePresentAsync(http, token => FeedEventsAsync(http.Response, feed, token), ct));
    }

    private static async IAsyncEnumerable<SseItem<string>> FeedEventsAsync(HttpResponse response, AgentFeed feed, [EnumeratorCancellation] CancellationToken ct)
    {
        // The headers go out now, not with the first change: the console's EventSource opens (shows "Live" and
        // reloads its lists) as soon as it connects, however quiet the desk is.
        await response.Body.FlushAsync(ct);
        await using var changes = feed.SubscribeAsync(ct).GetAsyncEnumerator(ct);
        while (true)
        {
            try
            {
                if (!await changes.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // The console closed the page.
                yield break;
            }

            // Serialized here, not by the result, so the data keeps the console's own shape (web names, no nulls).
            yield return new SseItem<string>(JsonSerializer.Serialize(changes.Current, FeedJson), changes.Current.Kind);
        }
    }

    internal static IResult Outcome(HandoffCommandOutcome outcome, string conflict) => outcome switch
    {
        HandoffCommandOutcome.Done => TypedResults.NoContent(),
        HandoffCommandOutcome.NotFound => TypedResults.NotFound(),
        HandoffCommandOutcome.Forbidden => TypedResults.Problem("This conversation is assigned to another agent.", statusCode: StatusCodes.Status403Forbidden),
        HandoffCommandOutcome.Conflict => TypedResults.Problem(conflict, statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.Problem("The customer's channel could not be reached; try again.", statusCode: StatusCodes.Status502BadGateway),
    };

    internal static QueueItem ToItem(HandoffSession session, DateTimeOffset now)
    {
        var since = session.QueuedAt ?? session.CreatedAt;
        var until = session.AcceptedAt ?? session.EndedAt ?? now;
        return new QueueItem(
            session.Id,
            session.Status,
            session.Mode,
            session.Reason,
            session.Detail,
            session.ChannelId,
            session.CreatedAt,
            session.QueuedAt,
            (int)Math.Max(0, (until - since).TotalSeconds),
            session.Customer,
            session.Cart?.Summary,
            session.AgentId is null ? null : new AgentIdentity(session.AgentId, session.AgentName ?? session.AgentId),
            AgentConsoleTexts.Status(session.Status, session.AgentName ?? session.AgentId),
            AgentConsoleTexts.Reason(session.Reason),
            AgentConsoleTexts.Channel(session.ChannelId),
            // Still waiting for someone to take it: the console counts these in the queue and lets their wait tick.
            session.Status is HandoffStatus.Queued or HandoffStatus.WaitingForHub,
            AgentConsoleTexts.Language(session.CustomerLanguage));
    }

    /// <summary>
    /// A return address on this site, or the console. Refused (so the console): absolute and protocol-relative
    /// addresses, backslashes, and any whitespace or control character — browsers drop a tab or a newline, which
    /// turns "/\t/evil.example/" into "//evil.example/".
    /// </summary>
    internal static string LocalOr(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl)
        && returnUrl.Length <= 2048
        && returnUrl[0] == '/'
        && (returnUrl.Length == 1 || returnUrl[1] is not ('/' or '\\'))
        && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\')
        && Uri.TryCreate(returnUrl, UriKind.Relative, out _)
            ? returnUrl
            : "/agent";

    /// <summary>The console runs only its own script and style sheet, talks only to this host, and is never framed.</summary>
    internal const string ConsolePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The sign-in form: its style sheet, a post to this host, no script at all.</summary>
    internal const string SignInPolicy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    internal static void NoCache(HttpResponse response, string contentSecurityPolicy)
    {
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "same-origin";
        response.Headers.XFrameOptions = "DENY";
    }
}
