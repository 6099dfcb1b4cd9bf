namespace My8x8.SalesBot.WebChat;

/// <summary>Settings under <c>SalesBot:WebChat</c>: where the page gets the Web Chat bundle.</summary>
public sealed class WebChatOptions
{
    public const string Section = "SalesBot:WebChat";

    /// <summary>The default local copy, relative to the content root: <c>npm ci --prefix bot/WebChat</c> puts it there.</summary>
    public const string DefaultBundlePath = "WebChat/node_modules/botframework-webchat/dist/webchat.js";

    /// <summary>A local <c>webchat.js</c> (absolute, or relative to the content root) served at <c>/webchat/webchat.js</c>.</summary>
    public string? BundlePath { get; set; }

    /// <summary>
    /// Who may frame the chat page: the <c>frame-ancestors</c> sources of its content security policy. <c>'self'</c>
    /// by default; a portal that embeds the page in an iframe adds its origin (<c>'self' https://my.8x8.com</c>).
    /// </summary>
    public string FrameAncestors { get; set; } = "'self'";

    /// <summary>A CSP source list a header may carry: keywords and origins, nothing that could end the directive.</summary>
    internal static bool IsSourceList(string? sources) =>
        !string.IsNullOrWhiteSpace(sources)
        && sources.Split(' ', StringSplitOptions.RemoveEmptyEntries).All(source =>
            source is "'self'" or "'none'"
            || (Uri.TryCreate(source.Replace("*.", "wildcard.", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                && uri.Scheme is "https" or "http" && uri.AbsolutePath == "/" && string.IsNullOrEmpty(uri.Query) && !source.Contains(';', StringComparison.Ordinal)
                && !source.Contains(',', StringComparison.Ordinal) && !source.EndsWith('/')));

    /// <summary>Where <c>/webchat/webchat.js</c> redirects when there is no local copy.</summary>
    public Uri CdnUrl { get; set; } = new("https://cdn.botframework.com/botframework-webchat/latest/webchat.js");
}
