using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;

namespace My8x8.SalesBot.Dialogs.Tests.Engine.Flows;

/// <summary>A small sales-like flow written the way the real dialogs are: typed state, prompts, …StepAsync steps.</summary>
internal sealed class AddLinesDialog : GlobalCommandsDialog
{
    public const string AskName = "What's your name?";
    public const string AskPhone = "Which phone would you like?";
    public const string RetryLines = "How many lines would you like? For example: 3.";
    public const string OfferAgent = "Let's get a sales agent to help you with that.";
    public const string NothingOrdered = "nothing ordered";

    public static readonly Choice[] Phones =
    [
        new("Poly VVX 250"),
        new("Poly VVX 450"),
        new("Yealink T54W", ["desk phone"]),
    ];

    public AddLinesDialog()
        : base(nameof(AddLinesDialog))
    {
        AddDialog(new WaterfallDialog<LinesRequest>(nameof(WaterfallDialog<>),
            [AskNameStepAsync, AskLinesStepAsync, AskPhoneStepAsync, ConfirmStepAsync, SummaryStepAsync]));
        AddDialog(new TextPrompt(nameof(TextPrompt)));
        AddDialog(new NumberPrompt<int>(nameof(NumberPrompt<>), LinesWithinLimitsAsync));
        AddDialog(new ChoicePrompt(nameof(ChoicePrompt)));
        AddDialog(new ConfirmPrompt(nameof(ConfirmPrompt)));
    }

    public static string AskLines(string name) => $"How many lines, {name}?";

    public static string Confirm(int lines, string phone) => $"Add {lines} lines and a {phone}?";

    public static string Summary(string name, int lines, string phone) => $"{name}: {lines} lines, {phone}";

    private static Task<DialogTurnResult> AskNameStepAsync(WaterfallStepContext<LinesRequest> step, CancellationToken cancellationToken)
    {
        step.State.Steps.Add(nameof(AskNameStepAsync));
        return step.PromptAsync(nameof(TextPrompt), new PromptOptions { Prompt = MessageFactory.Text(AskName) }, cancellationToken);
    }

    private static Task<DialogTurnResult> AskLinesStepAsync(WaterfallStepContext<LinesRequest> step, CancellationToken cancellationToken)
    {
        step.State.Steps.Add(nameof(AskLinesStepAsync));
        step.State.Name = (string)step.Result!;
        return step.PromptAsync(nameof(NumberPrompt<>), new PromptOptions
        {
            Prompt = MessageFactory.Text(AskLines(step.State.Name)),
            RetryPrompt = MessageFactory.Text(RetryLines),
            Validations = new LineLimits(1, 10),
        }, cancellationToken);
    }

    private static async Task<DialogTurnResult> AskPhoneStepAsync(WaterfallStepContext<LinesRequest> step, CancellationToken cancellationToken)
    {
        if (step.Result is PromptAttemptsExhausted)
        {
            await step.Context.SendActivityAsync(OfferAgent, cancellationToken: cancellationToken);
            return await step.EndDialogAsync(GlobalCommandsDialog.AgentRequested, cancellationToken);
        }

        step.State.Steps.Add(nameof(AskPhoneStepAsync));
        step.State.Lines = (int)step.Result!;
        return await step.PromptAsync(nameof(ChoicePrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(AskPhone),
            Choices = Phones,
        }, cancellationToken);
    }

    private static Task<DialogTurnResult> ConfirmStepAsync(WaterfallStepContext<LinesRequest> step, CancellationToken cancellationToken)
    {
        step.State.Steps.Add(nameof(ConfirmStepAsync));
        step.State.Phone = ((FoundChoice)step.Result!).Value;
        return step.PromptAsync(nameof(ConfirmPrompt), new PromptOptions
        {
            Prompt = MessageFactory.Text(Confirm(step.State.Lines, step.State.Phone)),
        }, cancellationToken);
    }

    private static Task<DialogTurnResult> SummaryStepAsync(WaterfallStepContext<LinesRequest> step, CancellationToken cancellationToken)
    {
        step.State.Steps.Add(nameof(SummaryStepAsync));
        var state = step.State;
        return step.EndDialogAsync(
            step.Result is true ? Summary(state.Name!, state.Lines, state.Phone!) : NothingOrdered,
            cancellationToken);
    }

    private static Task<bool> LinesWithinLimitsAsync(PromptValidatorContext<int> prompt, CancellationToken cancellationToken)
    {
        if (!prompt.Recognized.Succeeded)
        {
            return Task.FromResult(false);
        }

        // Validations come back from storage as JSON; the context converts them.
        var limits = prompt.GetValidations<LineLimits>()!;
        if (prompt.Recognized.Value < limits.Min || prompt.Recognized.Value > limits.Max)
        {
            prompt.RetryPrompt = MessageFactory.Text($"I can add {limits.Min} to {limits.Max} lines — how many?");
            return Task.FromResult(false);
        }

        return Task.FromResult(true);
    }
}
