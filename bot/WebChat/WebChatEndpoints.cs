using System.Security.Cryptography;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Extensions;
using My8x8.SalesBot.Ordering.Resources;

namespace My8x8.SalesBot.WebChat;

/// <summary>What the page needs to know before it asks for a token.</summary>
internal sealed record WebChatConfigResponse(
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("chooseUser")] bool ChooseUser,
    [property: JsonPropertyName("demoUsers")] IReadOnlyList<DemoUserEntry> DemoUsers);

/// <summary>A token for the page, and the Direct Line it is valid at.</summary>
internal sealed record WebChatTokenResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("domain")] string Domain,
    [property: JsonPropertyName("webSocket")] bool WebSocket);

/// <summary>The website chat: the page at <c>/</c>, its settings and token endpoints, and the Web Chat bundle.</summary>
internal static class WebChatEndpoints
{
    public const string BundleRoute = "/webchat/webchat.js";

    public static void MapWebChatPage(this WebApplication app)
    {
        app.MapGet("/", (HttpContext context, WebChatMode mode, IOptions<WebChatOptions> webChat, IOptions<DirectLineOptions> directLine, IWebHostEnvironment environment) =>
        {
            // The page's language: ?lang= (the page's own language link, or a portal that knows its visitor's), else
            // the browser's; Web Chat is given the same locale, so the conversation starts in it.
            var culture = PageLanguage.Of(context.Request);
            // Hex: inside the base64 alphabet CSP asks of a nonce, and nothing the page's HTML encoding changes.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = PagePolicy(nonce, mode, webChat.Value, directLine.Value, environment.ContentRootPath);
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.CacheControl = "no-store";
            headers.ContentLanguage = culture.TwoLetterISOLanguageName;
            headers.Vary = "Accept-Language";
            return new RazorComponentResult<WebChatPage>(new Dictionary<string, object?>
            {
                [nameof(WebChatPage.Culture)] = culture,
                [nameof(WebChatPage.StyleNonce)] = nonce,
            });
        }).ExcludeFromDescription();

        var webChat = app.MapGroup("/webchat").WithTags("Website chat");
        webChat.MapGet("/config", GetConfig);
        webChat.MapPost("/token", IssueTokenAsync).RequireRateLimiting(RateLimitExtensions.DirectLineTokensPolicy);
        webChat.MapMethods("/webchat.js", [HttpMethods.Get, HttpMethods.Head], GetBundle).ExcludeFromDescription();
        // The React that Web Chat's bundle was built with, for the page's own drawing of agents' messages; local only.
        webChat.MapMethods("/react.js", [HttpMethods.Get, HttpMethods.Head], (IWebHostEnvironment environment) => LocalScript(environment, ReactPath)).ExcludeFromDescription();
        webChat.MapMethods("/react-dom.js", [HttpMethods.Get, HttpMethods.Head], (IWebHostEnvironment environment) => LocalScript(environment, ReactDomPath)).ExcludeFromDescription();
    }

    /// <summary>
    /// The page's content security policy: its own scripts (and the CDN's Web Chat only when no local copy is
    /// installed), the style sheets Web Chat writes with this response's nonce, images and workers from <c>blob:</c>
    /// and <c>data:</c> (Web Chat turns inlined images into blobs and probes for Web Worker support with one), and
    /// connections to this host (the embedded Direct Line, over WebSocket too) or to the configured Direct Line. It is
    /// framed only by the origins <see cref="WebChatOptions.FrameAncestors"/> names (the portal that embeds the chat).
    /// </summary>
    internal static string PagePolicy(string nonce, WebChatMode mode, WebChatOptions webChat, DirectLineOptions directLine, string contentRoot)
    {
        var scripts = ResolveBundlePath(webChat, contentRoot) is null ? $"'self' {Origin(webChat.CdnUrl)}" : "'self'";
        var connect = "'self'";
        if (mode.Kind == WebChatModeKind.Azure)
        {
            var endpoint = directLine.Endpoint;
            var socket = new UriBuilder(endpoint) { Scheme = endpoint.Scheme == Uri.UriSchemeHttp ? "ws" : "wss", Port = endpoint.IsDefaultPort ? -1 : endpoint.Port };
            connect = $"'self' {Origin(endpoint)} {Origin(socket.Uri)}";
        }

        return $"default-src 'none'; script-src {scripts}; style-src 'self' 'nonce-{nonce}' '{EmptyStyleHash}'; img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' blob:; "
            + $"worker-src blob:; connect-src {connect}; form-action 'self'; frame-ancestors {webChat.FrameAncestors}; base-uri 'none'; object-src 'none'";
    }

    /// <summary>
    /// The hash of an empty style element. One of Web Chat's style caches writes its rules into an empty
    /// <c>&lt;style&gt;</c> without the nonce, through the CSS object model, which the policy does not govern; admitting
    /// the empty element admits no style text at all.
    /// </summary>
    internal const string EmptyStyleHash = "sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static WebChatConfigResponse GetConfig(WebChatMode mode, WebChatIdentity identity, IDemoUserDirectory demoUsers)
    {
        // Demo users are listed only where the visitor may pick one.
        var chooseUser = mode.Kind == WebChatModeKind.Embedded && identity.VisitorChoosesUser;
        return new(mode.Kind.ToString().ToLowerInvariant(), chooseUser, chooseUser ? demoUsers.Users : []);
    }

    private static async Task<IResult> IssueTokenAsync(
        HttpContext context,
        WebChatMode mode,
        WebChatIdentity identity,
        DirectLineTokenService embeddedTokens,
        AzureDirectLineTokenClient azureTokens,
        IOptions<DirectLineOptions> options,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var request = context.Request;
        switch (mode.Kind)
        {
            case WebChatModeKind.Embedded:
            {
                var (requested, resumeToken, malformed) = await DirectLineEndpoints.ReadTokenRequestAsync(request, cancellationToken);
                if (malformed)
                {
                    return DirectLineEndpoints.Error(StatusCodes.Status400BadRequest, "BadArgument", "The body must be JSON like {\"userId\":\"…\"}.");
                }

                var user = await identity.ResolveAsync(context, requested, allowVisitorChoice: true, cancellationToken);
                if (user.UserId is null)
                {
                    return DirectLineEndpoints.Error(user.FailureStatus, "BadArgument", user.FailureMessage ?? "No user.");
                }

                var token = embeddedTokens.Issue(ResumableConversationId(embeddedTokens, resumeToken, user.UserId, time) ?? DirectLineConversations.NewConversationId(), user.UserId);
                return Results.Json(new WebChatTokenResponse(
                    token.ConversationId,
                    token.Value,
                    token.ExpiresInSeconds(time.GetUtcNow()),
                    token.UserId,
                    $"{request.Scheme}://{request.Host}{request.PathBase}/v3/directline",
                    options.Value.WebSocket));
            }

            case WebChatModeKind.Azure:
            {
                // The visitor has no say in who they are: the portal session decides, and Azure binds it into the token.
                var user = await identity.ResolveAsync(context, requestedUserId: null, allowVisitorChoice: false, cancellationToken);
                if (user.UserId is null)
                {
                    return DirectLineEndpoints.Error(user.FailureStatus, "Unauthorized", user.FailureMessage ?? "Not signed in.");
                }

                try
                {
                    var token = await azureTokens.GenerateTokenAsync(user.UserId, cancellationToken);
                    return Results.Json(new WebChatTokenResponse(token.ConversationId, token.Token, token.ExpiresIn, user.UserId, options.Value.Endpoint.ToString().TrimEnd('/'), WebSocket: true));
                }
                catch (HttpRequestException exception)
                {
                    loggers.CreateLogger(typeof(WebChatEndpoints)).LogError(exception, "Direct Line token exchange failed with {StatusCode}", exception.StatusCode);
                    return DirectLineEndpoints.Error(StatusCodes.Status502BadGateway, "ServiceError", "The chat service is not available right now. Please try again shortly.");
                }
            }

            default:
                return DirectLineEndpoints.Error(StatusCodes.Status503ServiceUnavailable, "NotConfigured", "Website chat is not configured on this server.");
        }
    }

    /// <summary>
    /// A visitor who comes back (page reload, new tab, next day) continues the same conversation — same step, same
    /// history — when the page still holds a token this host signed for the same user, however long ago it expired
    /// (within <see cref="ResumeWindow"/>). The signature proves the conversation was theirs; anything else starts a new one.
    /// </summary>
    internal static string? ResumableConversationId(DirectLineTokenService tokens, string? resumeToken, string userId, TimeProvider time)
    {
        var check = tokens.Validate(resumeToken);
        return check.Status is DirectLineTokenStatus.Valid or DirectLineTokenStatus.Expired
            && check.Token!.UserId == userId
            && time.GetUtcNow() - check.Token.ExpiresAt < ResumeWindow
            ? check.Token.ConversationId
            : null;
    }

    /// <summary>How long after its token expired a chat can still be resumed: as long as a cart lives by default.</summary>
    internal static readonly TimeSpan ResumeWindow = TimeSpan.FromDays(7);

    /// <summary>A local copy of Web Chat when one is installed; otherwise the official CDN.</summary>
    private static IResult GetBundle(IOptions<WebChatOptions> options, IWebHostEnvironment environment)
    {
        var path = ResolveBundlePath(options.Value, environment.ContentRootPath);
        if (path is null)
        {
            return Results.Redirect(options.Value.CdnUrl.ToString());
        }

        var lastModified = File.GetLastWriteTimeUtc(path);
        return Results.File(
            path,
            "text/javascript; charset=utf-8",
            lastModified: lastModified,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{lastModified.Ticks:x}\""));
    }

    /// <summary>The minified UMD builds <c>npm ci --prefix bot/WebChat</c> installs, relative to the content root.</summary>
    internal const string ReactPath = "WebChat/node_modules/react/umd/react.production.min.js";

    internal const string ReactDomPath = "WebChat/node_modules/react-dom/umd/react-dom.production.min.js";

    /// <summary>A script from the local npm copy, or 404 (the page then draws agents' messages as Web Chat's own).</summary>
    private static IResult LocalScript(IWebHostEnvironment environment, string relativePath)
    {
        var path = Path.GetFullPath(Path.Combine(environment.ContentRootPath, relativePath));
        if (!File.Exists(path))
        {
            return Results.NotFound();
        }

        var lastModified = File.GetLastWriteTimeUtc(path);
        return Results.File(path, "text/javascript; charset=utf-8", lastModified: lastModified,
            entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{lastModified.Ticks:x}\""));
    }

    internal static string? ResolveBundlePath(WebChatOptions options, string contentRoot)
    {
        var configured = string.IsNullOrWhiteSpace(options.BundlePath) ? WebChatOptions.DefaultBundlePath : options.BundlePath;
        var path = Path.IsPathRooted(configured) ? configured : Path.GetFullPath(Path.Combine(contentRoot, configured));
        return File.Exists(path) ? path : null;
    }
}
