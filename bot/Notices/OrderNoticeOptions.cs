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

    /// <summary>
    /// Where an order was placed (its conversation reference) is forgotten this long after it was recorded: status
    /// changes of that order after it send no notice (the customer still reads the status by asking). Longer than an
    /// order takes to ship and its lines to become active.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan ConversationRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>A notice delivered (or not sent because the customer turned updates off) is forgotten this long after it was claimed.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan NoticeRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A notice the channel did not take (<c>Undeliverable</c>, with its reason), or one an instance claimed and never
    /// finished, is kept this long after it was claimed: what an operator looks into, so longer than the delivered ones.
    /// </summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan UndeliveredRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the notices and order conversations past their retention are looked for and deleted (in batches).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
