using System.ComponentModel.DataAnnotations;

namespace My8x8.SalesBot.Notices;

/// <summary>Settings under "SalesBot:OrderNotices": the shipment notices sent into the conversation where an order was placed.</summary>
public sealed class OrderNoticeOptions
{
    public const string Section = "SalesBot:OrderNotices";

    /// <summary>Whether this host follows the ordering service's status feed and sends notices (every instance may; each notice goes once).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the status feed is read.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Status changes read per round.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;
}
