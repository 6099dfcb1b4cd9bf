namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// The plain words a step reads for a move, used when the intent model (or a confirmed "Did you want …?") decided
/// the move: the step then acts exactly as if the customer had typed them, through its own rules and checks.
/// </summary>
internal static class SalesWords
{
    public const string EmptyCart = "empty cart";
    public const string Checkout = "checkout";
    public const string Upgrade = "upgrade";
    public const string ChangeCart = "change cart";
    public const string PlanAdvice = "which plan do I need";
}
