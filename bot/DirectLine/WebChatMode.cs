namespace My8x8.SalesBot.DirectLine;

public enum WebChatModeKind
{
    /// <summary>No Direct Line secret and channel authentication off: this host is the Direct Line (local use).</summary>
    Embedded,

    /// <summary>A Direct Line secret is set: tokens come from Azure Bot Service's Direct Line.</summary>
    Azure,

    /// <summary>Neither: the page says the chat is not configured.</summary>
    Disabled,
}

/// <summary>Which Direct Line the website chat uses, decided once at start-up.</summary>
public sealed record WebChatMode(WebChatModeKind Kind)
{
    public static WebChatMode Resolve(DirectLineOptions options, IConfiguration configuration)
    {
        if (!string.IsNullOrWhiteSpace(options.Secret))
        {
            return new(WebChatModeKind.Azure);
        }

        // With MicrosoftAppId set, /api/messages demands Bot Framework tokens; the embedded Direct Line would hand
        // activities to the bot without one, so it is not served then.
        var channelAuthenticationOn = !string.IsNullOrWhiteSpace(configuration["MicrosoftAppId"]);
        return options.EmbeddedEnabled && !channelAuthenticationOn ? new(WebChatModeKind.Embedded) : new(WebChatModeKind.Disabled);
    }
}
