using System.Text.RegularExpressions;

namespace My8x8.SalesBot.Load;

internal enum ConversationKind
{
    Order,
    Browse,
    Agent,

    /// <summary>A customer who types in their own words, which only the intent model reads (0 in the default mix).</summary>
    Words,
}

/// <summary>One thing the customer types and what the turn must answer.</summary>
internal sealed record ScriptStep(string Text, Func<TurnOutcome, string?> Check);

/// <summary>The simulated customers' scripts: everything typed, as a customer without cards would.</summary>
internal static partial class Scenarios
{
    // The error handler's apology (SalesBotAdapter.ErrorMessage): a turn that failed inside the bot.
    private const string TurnFailed = "something went wrong on our side";

    public static IReadOnlyList<ScriptStep> For(ConversationKind kind) => kind switch
    {
        ConversationKind.Order =>
        [
            Replied("hi"),
            Replied("add 2 X4 lines and 1 Yealink T54W"),
            Replied("checkout"),
            Replied("use it"),
            Replied("ground"),
            Replied("continue"),
            new("I agree", o => Common(o) ?? (OrderNumber(o.Text) is null ? $"no order number after \"I agree\": {Excerpt(o.Text)}" : null)),
        ],
        ConversationKind.Browse => [Replied("hi"), Replied("help"), Replied("cart"), Replied("hours")],
        // The agent path changes as the live handoff lands: whatever it answers, it must answer.
        ConversationKind.Agent => [Replied("hi"), Replied("agent")],
        // Words no shortcut or step reads: each turn consults the intent model (before it, each got an apology).
        ConversationKind.Words => [Replied("hi"), Replied("I'd like more stuff"), Replied("what time do you close"), Replied("which plan should we get?"), Replied("no thanks")],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string? OrderNumber(string text) => OrderNumberPattern().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>A baseline turn's check: the status, and exactly the replies it sends.</summary>
    public static string? Baseline(TurnOutcome outcome, int replies) =>
        outcome.Status is < 200 or > 299 ? $"HTTP {outcome.Status}"
        : outcome.Replies != replies ? $"expected {replies} replies, got {outcome.Replies}"
        : null;

    private static ScriptStep Replied(string text) => new(text, o => Common(o) ?? (o.Replies == 0 ? $"no reply to \"{text}\"" : null));

    private static string? Common(TurnOutcome outcome) =>
        outcome.Status is < 200 or > 299 ? $"HTTP {outcome.Status}"
        : outcome.Text.Contains(TurnFailed, StringComparison.OrdinalIgnoreCase) ? "the turn failed inside the bot (error handler replied)"
        : null;

    private static string Excerpt(string text) => text.Length <= 160 ? text : text[..160] + "…";

    [GeneratedRegex(@"Order number: ([A-Za-z0-9\-]+)")]
    private static partial Regex OrderNumberPattern();
}
