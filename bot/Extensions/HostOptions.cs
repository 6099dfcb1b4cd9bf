namespace My8x8.SalesBot.Extensions;

/// <summary>Host-wide settings under <c>SalesBot</c>.</summary>
public sealed class HostOptions
{
    public const string Section = "SalesBot";

    /// <summary>
    /// Outside Development, starting without a Bot Framework app id (so with channel authentication off) is refused
    /// unless this is true — for a private deployment behind another gateway, or a load test.
    /// </summary>
    public bool AllowUnauthenticatedChannels { get; set; }

    /// <summary>
    /// Reverse proxies (IP addresses) and proxy networks (CIDR, "10.0.0.0/8") whose X-Forwarded-For,
    /// X-Forwarded-Proto and X-Forwarded-Host are believed, so links, redirects and cookies follow the scheme and address the customer used.
    /// Loopback proxies are always known; anything else that sends those headers is ignored.
    /// </summary>
    public string[] KnownProxies { get; set; } = [];
}
