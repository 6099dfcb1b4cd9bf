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
}
