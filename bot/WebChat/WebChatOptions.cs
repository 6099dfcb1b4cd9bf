namespace My8x8.SalesBot.WebChat;

/// <summary>Settings under <c>SalesBot:WebChat</c>: where the page gets the Web Chat bundle.</summary>
public sealed class WebChatOptions
{
    public const string Section = "SalesBot:WebChat";

    /// <summary>The default local copy, relative to the content root: <c>npm ci --prefix bot/WebChat</c> puts it there.</summary>
    public const string DefaultBundlePath = "WebChat/node_modules/botframework-webchat/dist/webchat.js";

    /// <summary>A local <c>webchat.js</c> (absolute, or relative to the content root) served at <c>/webchat/webchat.js</c>.</summary>
    public string? BundlePath { get; set; }

    /// <summary>Where <c>/webchat/webchat.js</c> redirects when there is no local copy.</summary>
    public Uri CdnUrl { get; set; } = new("https://cdn.botframework.com/botframework-webchat/latest/webchat.js");
}
