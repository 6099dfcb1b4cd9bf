using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Engine.Prompts;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Language;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>How the advisor's questions start: what the customer already said, what was asked, and what to say first.</summary>
public sealed record PlanAdvisorOptions(PlanNeeds Needs, IReadOnlyList<string>? Asked = null, string? Intro = null);

public sealed class PlanAdvisorState
{
    public PlanNeeds Needs { get; set; } = new();

    public List<string> Asked { get; set; } = [];

    /// <summary>The question waiting for its answer: a feature code, or <see cref="PlanAdvisor.PeopleQuestion"/>.</summary>
    public string? Question { get; set; }
}

/// <summary>The advisor's questions are over: what the customer needs, for the shopping step to recommend a plan.</summary>
public sealed record PlanAdviceDone(PlanNeeds Needs);

/// <summary>
/// The questions a salesperson asks before recommending a line plan — international calling, video meetings, a
/// contact center, how many people — each only when its answer could change the plan (the catalog's features
/// decide), each answered by a button or in words, each skippable. Ends with <see cref="PlanAdviceDone"/>.
/// </summary>
public sealed partial class PlanAdvisorDialog : WaterfallDialog<PlanAdvisorState>
{
    public const string AnswerPromptId = "planAnswer";

    private readonly CatalogCache _catalog;
    private readonly SubmitTickets _tickets;
    private readonly SalesUnderstanding _understanding;
    private readonly RepeatedFailures _failures;

    public PlanAdvisorDialog(CatalogCache catalog, SubmitTickets tickets, SalesUnderstanding understanding, RepeatedFailures failures)
        : base(nameof(PlanAdvisorDialog))
    {
        _catalog = catalog;
        _tickets = tickets;
        _understanding = understanding;
        _failures = failures;
        AddStep(AskStepAsync);
        AddStep(AnswerStepAsync);
    }

    /// <summary>The answer prompt's check: a yes, a no, a skip or (for the number of people) a number; otherwise it asks again.</summary>
    internal Task<bool> ValidateAsync(PromptValidatorContext<string> prompt, CancellationToken cancellationToken)
    {
        var question = prompt.GetValidations<string>() ?? PlanAdvisor.PeopleQuestion;
        return Task.FromResult(Read(prompt.Context, question) is not null);
    }

    private async Task<DialogTurnResult> AskStepAsync(WaterfallStepContext<PlanAdvisorState> step, CancellationToken cancellationToken)
    {
        var options = step.GetOptions<PlanAdvisorOptions>() ?? new PlanAdvisorOptions(new PlanNeeds());
        step.State.Needs = options.Needs;
        step.State.Asked = [.. options.Asked ?? []];
        var plans = PlanAdvisor.Plans((await _catalog.GetAsync(cancellationToken)).Products);
        var next = PlanAdvisor.NextQuestion(plans, step.State.Needs, step.State.Asked);
        if (next is null)
        {
            return await step.EndDialogAsync(new PlanAdviceDone(step.State.Needs), cancellationToken);
        }

        step.State.Question = next;
        // The answer is read at this step, so a "yes" or "no" is its answer and not a nod at the cart.
        await _tickets.IssueAsync(step.Context, SalesSteps.Advice, cancellationToken);
        string[] buttons = next == PlanAdvisor.PeopleQuestion ? [Commands.Skip] : [Commands.Yes, Commands.No, Commands.Skip];
        var question = SalesTexts.AdvisorQuestion(next);
        // Asked again after a language switch: the lead-in was said already, in the other language.
        var intro = step.Reason == DialogReason.RepeatCalled ? null : options.Intro;
        return await step.PromptAsync(AnswerPromptId, new PromptOptions
        {
            Prompt = SalesMessages.WithSuggestions(MessageFactory.Text(intro is { Length: > 0 } ? $"{intro}\n\n{question}" : question), buttons),
            RetryPrompt = SalesMessages.WithSuggestions(MessageFactory.Text(SalesTexts.AdvisorRetry(next)), buttons),
            Validations = next,
        }, cancellationToken);
    }

    private async Task<DialogTurnResult> AnswerStepAsync(WaterfallStepContext<PlanAdvisorState> step, CancellationToken cancellationToken)
    {
        if (step.Result is PromptAttemptsExhausted)
        {
            return await _failures.OfferAgentAndAskAgainAsync(step, HandoffReason.RepeatedFailures, "plan advice", cancellationToken);
        }

        var question = step.State.Question ?? PlanAdvisor.PeopleQuestion;
        var answer = Read(step.Context, question);
        var needs = step.State.Needs;
        if (question == PlanAdvisor.PeopleQuestion)
        {
            needs = needs with { People = answer is Answer.Number { People: var people } ? people : null };
        }
        else
        {
            needs = needs.With(question, answer switch { Answer.Yes => true, Answer.No => false, _ => null });
        }

        return await step.ReplaceDialogAsync(Id, new PlanAdvisorOptions(needs, [.. step.State.Asked, question]), cancellationToken);
    }

    /// <summary>The answer in this turn's text to <paramref name="question"/>, or null when it is none of the answers it takes.</summary>
    private Answer? Read(ITurnContext turnContext, string question)
    {
        var text = turnContext.Activity.Text;
        var plain = Plain().Replace((text ?? "").ToLowerInvariant().Replace("'", "", StringComparison.Ordinal).Replace("’", "", StringComparison.Ordinal), " ").Trim();
        if (SkipPattern().IsMatch(plain))
        {
            return new Answer.Skip();
        }

        if (question == PlanAdvisor.PeopleQuestion)
        {
            return PlanQuestionParser.People(text, out _) is { } people ? new Answer.Number(people) : null;
        }

        return _understanding.Confirm(turnContext) switch
        {
            true => new Answer.Yes(),
            false => new Answer.No(),
            null => null,
        };
    }

    private abstract record Answer
    {
        public sealed record Yes : Answer;

        public sealed record No : Answer;

        public sealed record Skip : Answer;

        public sealed record Number(int People) : Answer;
    }

    [GeneratedRegex(@"^(?:(?:please|ok|okay|um|hmm)\s+)*(?:skip|skip it|skip this|skip that|skip this one|pass|next|next question|not sure|unsure|im not sure|dont know|i dont know|do not know|no idea|maybe|possibly|depends|it depends|doesnt matter|dont care|idk|not yet|whatever|either way)(?:\s+(?:please|thanks|for now))*$")]
    private static partial Regex SkipPattern();

    [GeneratedRegex(@"[^\w\s]")]
    private static partial Regex Plain();
}
