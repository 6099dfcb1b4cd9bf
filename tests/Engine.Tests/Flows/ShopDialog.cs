using My8x8.SalesBot.Dialogs.Engine;

namespace My8x8.SalesBot.Dialogs.Tests.Engine.Flows;

/// <summary>A root component that nests <see cref="AddLinesDialog"/> and reports what it returned.</summary>
internal sealed class ShopDialog : GlobalCommandsDialog
{
    public const string Welcome = "Welcome to the shop.";

    public ShopDialog()
        : base(nameof(ShopDialog))
    {
        AddDialog(new WaterfallDialog<ShopState>(nameof(WaterfallDialog<>), [WelcomeStepAsync, ReportStepAsync]));
        AddDialog(new AddLinesDialog());
    }

    public static string Report(object? result) => $"Shop got: {result}";

    private static async Task<DialogTurnResult> WelcomeStepAsync(WaterfallStepContext<ShopState> step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(Welcome, cancellationToken: cancellationToken);
        step.State.Visits++;
        return await step.BeginDialogAsync(nameof(AddLinesDialog), cancellationToken: cancellationToken);
    }

    private static async Task<DialogTurnResult> ReportStepAsync(WaterfallStepContext<ShopState> step, CancellationToken cancellationToken)
    {
        await step.Context.SendActivityAsync(Report(step.Result), cancellationToken: cancellationToken);
        return await step.EndDialogAsync($"visits={step.State.Visits}", cancellationToken);
    }
}

internal sealed class ShopState
{
    public int Visits { get; set; }
}
