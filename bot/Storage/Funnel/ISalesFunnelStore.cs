namespace My8x8.SalesBot.Funnel;

/// <summary>
/// The sales funnel of each day, shared by every instance: one row per stage a conversation (or cart, order, handoff)
/// reached that day, so a stage counts each of them once however many turns, retries or instances see it. The
/// OpenTelemetry counters are recorded by the same call that writes a new row, so the metrics and the supervisor's
/// funnel count the same things.
/// </summary>
public interface ISalesFunnelStore
{
    /// <summary>Records that <paramref name="subject"/> reached <paramref name="stage"/> on <paramref name="day"/>; false when it already had.</summary>
    Task<bool> TryRecordAsync(DateOnly day, string stage, string subject, string? detail, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>How many reached each stage (and, for handoffs, with which reason) on <paramref name="day"/>.</summary>
    Task<IReadOnlyList<FunnelCount>> CountAsync(DateOnly day, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the rows of days before <paramref name="before"/>, in small batches (turns recording a stage wait for
    /// one batch at most); returns how many.
    /// </summary>
    Task<int> DeleteDaysBeforeAsync(DateOnly before, CancellationToken cancellationToken);
}

/// <summary>How many reached <see cref="Stage"/> on a day; <see cref="Detail"/> splits a stage (a handoff's reason).</summary>
public sealed record FunnelCount(string Stage, string? Detail, int Count);

/// <summary>
/// The stages the funnel records, as the <c>stage</c> tag of <c>salesbot.funnel.stage_reached</c> names them (handoffs
/// are <c>salesbot.handoffs</c>, by reason).
/// </summary>
public static class FunnelStages
{
    /// <summary>A conversation in which the customer wrote that day.</summary>
    public const string Conversation = "conversation";

    /// <summary>The sales flow's first step (identify the customer, check eligibility).</summary>
    public const string Identify = "identify";

    /// <summary>Shopping, which only an eligible customer reaches.</summary>
    public const string Products = "products";

    /// <summary>A cart with at least one item (counted per cart).</summary>
    public const string Cart = "cart";

    /// <summary>Checkout's first step: the payment card.</summary>
    public const string PaymentCard = "payment_card";

    public const string Shipping = "shipping";

    public const string Quote = "quote";

    public const string Terms = "terms";

    /// <summary>An order placed (counted per order number, so a retried order counts once).</summary>
    public const string OrderPlaced = "order_placed";

    /// <summary>A handoff to a sales agent (counted per handoff, with its reason as the detail).</summary>
    public const string Handoff = "handoff";
}
