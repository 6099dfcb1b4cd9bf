using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Funnel;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Observability;

/// <summary>The stages of the sales flow (<see cref="FunnelStages"/>), read from a conversation's dialog stack.</summary>
internal static class SalesFunnel
{
    // Where a component dialog keeps its inner stack (see ComponentDialog).
    private const string InnerStackKey = "dialogs";

    // The flow's dialogs; SalesFlowDialog with no sales step above it is the identify/eligibility step.
    private static readonly Dictionary<string, string> Stages = new(StringComparer.Ordinal)
    {
        ["ShoppingDialog"] = FunnelStages.Products,
        ["PaymentCardDialog"] = FunnelStages.PaymentCard,
        ["ShippingDialog"] = FunnelStages.Shipping,
        ["QuoteDialog"] = FunnelStages.Quote,
        ["TermsDialog"] = FunnelStages.Terms,
        ["SalesFlowDialog"] = FunnelStages.Identify,
    };

    /// <summary>The innermost sales stage on the stack (prompts above it are skipped), or null outside the flow.</summary>
    public static string? StageOf(DialogState state) => StageOf(state.DialogStack.Select(i => (i.Id, Inner(InnerOf(i)))));

    private static string? StageOf(IEnumerable<(string Id, IEnumerable<(string, object?)>? Inner)> stackTopFirst)
    {
        foreach (var (id, inner) in stackTopFirst)
        {
            if (inner is not null && StageOf(inner.Select(Expand)) is { } innerStage)
            {
                return innerStage;
            }

            if (Stages.TryGetValue(id, out var stage))
            {
                return stage;
            }
        }

        return null;
    }

    private static object? InnerOf(DialogInstance instance) => instance.State.TryGetValue(InnerStackKey, out var inner) ? inner : null;

    private static (string Id, IEnumerable<(string, object?)>? Inner) Expand((string Id, object? Inner) entry) => (entry.Id, Inner(entry.Inner));

    /// <summary>A component's inner stack: a live <see cref="DialogState"/> during the turn, JSON when just loaded.</summary>
    private static IEnumerable<(string, object?)>? Inner(object? value) => value switch
    {
        DialogState state => state.DialogStack.Select(i => (i.Id, InnerOf(i))),
        JObject json when (json.GetValue("DialogStack", StringComparison.OrdinalIgnoreCase) as JArray) is { } stack =>
            stack.OfType<JObject>().Select(i => (
                i.GetValue("Id", StringComparison.OrdinalIgnoreCase)?.ToString() ?? string.Empty,
                (object?)(i.GetValue("State", StringComparison.OrdinalIgnoreCase) as JObject)?.GetValue(InnerStackKey, StringComparison.Ordinal))),
        _ => null,
    };
}
