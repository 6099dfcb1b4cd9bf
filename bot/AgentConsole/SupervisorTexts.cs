using System.Globalization;
using My8x8.SalesBot.Funnel;

namespace My8x8.SalesBot.Handoff;

/// <summary>The words of the supervisor view: the funnel's steps, waits and counts (reasons are <see cref="AgentConsoleTexts.Reason"/>).</summary>
public static class SupervisorTexts
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    /// <summary>The funnel as the supervisor reads it, top to bottom: each step's stage and its words.</summary>
    public static IReadOnlyList<(string Stage, string Label)> FunnelSteps { get; } =
    [
        (FunnelStages.Conversation, "Conversations"),
        (FunnelStages.Products, "Eligible to buy"),
        (FunnelStages.Cart, "Cart with items"),
        (FunnelStages.PaymentCard, "Checkout started"),
        (FunnelStages.Quote, "Quote shown"),
        (FunnelStages.Terms, "Terms shown"),
        (FunnelStages.OrderPlaced, "Orders placed"),
        (FunnelStages.Handoff, "Handoffs to an agent"),
    ];

    /// <summary>"4 min 05 s", "12 s": how long someone has waited.</summary>
    public static string Wait(int seconds) => seconds < 60
        ? string.Create(English, $"{seconds} s")
        : string.Create(English, $"{seconds / 60} min {seconds % 60:00} s");

    /// <summary>"Tuesday, November 24, 2026".</summary>
    public static string Day(DateOnly day) => day.ToString("dddd, MMMM d, yyyy", English);

    public static string Conversations(int count) => count == 1 ? "1 conversation" : string.Create(English, $"{count} conversations");

    public const string NotSupervisor = "The supervisor view is for sales supervisors. Ask an administrator for the supervisor role.";
}
