using System.Globalization;
using System.Text;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// Asks the user to pick one of <see cref="PromptOptions.Choices"/>, recognized with
/// <see cref="ChoiceRecognizer"/>; the result is a <see cref="FoundChoice"/>.
/// </summary>
/// <param name="dialogId">The prompt's id.</param>
/// <param name="validator">Optional extra validation.</param>
public class ChoicePrompt(string dialogId, PromptValidator<FoundChoice>? validator = null) : Prompt<FoundChoice>(dialogId, validator)
{
    /// <summary>How the choices are written into the prompt text; <see cref="ChoiceListStyle.Inline"/> by default.</summary>
    public ChoiceListStyle Style { get; init; } = ChoiceListStyle.Inline;

    /// <summary>Whether the choices are also offered as suggested actions (buttons) where the channel shows them.</summary>
    public bool IncludeSuggestedActions { get; init; } = true;

    /// <summary>The Recognizers.Text culture for numbers and ordinals; unset means the turn's language (<see cref="RecognizerCulture.Current"/>).</summary>
    public string? Culture { get; init; }

    /// <inheritdoc />
    public override Task<DialogTurnResult> BeginDialogAsync(DialogContext dc, object? options, CancellationToken cancellationToken)
    {
        if (options is PromptOptions { Choices: null or { Count: 0 } })
        {
            throw new ArgumentException($"Choice prompt '{Id}' needs {nameof(PromptOptions.Choices)}.", nameof(options));
        }

        return base.BeginDialogAsync(dc, options, cancellationToken);
    }

    /// <inheritdoc />
    protected override Task OnPromptAsync(ITurnContext turnContext, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var activity = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;
        if (activity is null)
        {
            return Task.CompletedTask;
        }

        var choices = options.Choices ?? [];
        var message = activity; // this turn's own copy (see Prompt.OnPromptAsync)
        message.Text = AppendChoices(message.Text, choices);
        if (IncludeSuggestedActions)
        {
            message.SuggestedActions ??= new SuggestedActions(actions:
                [.. choices.Select(c => new CardAction(ActionTypes.ImBack, c.Value, value: c.Value))]);
        }

        return base.OnPromptAsync(turnContext, new PromptOptions { Prompt = message }, isRetry: false, cancellationToken);
    }

    /// <inheritdoc />
    protected override Task<PromptRecognizerResult<FoundChoice>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var found = ChoiceRecognizer.Recognize(turnContext.Activity.Text, [.. options.Choices ?? []], Culture ?? RecognizerCulture.Current);
        return Task.FromResult(found is null
            ? PromptRecognizerResult.Failure<FoundChoice>()
            : PromptRecognizerResult.Success<FoundChoice>(found));
    }

    private string? AppendChoices(string? text, IList<Choice> choices)
    {
        if (Style == ChoiceListStyle.None || choices.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text);
        if (Style == ChoiceListStyle.List)
        {
            for (var i = 0; i < choices.Count; i++)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\n\n{i + 1}. {choices[i].Value}");
            }

            return builder.ToString();
        }

        builder.Append(' ');
        for (var i = 0; i < choices.Count; i++)
        {
            var separator = i == 0 ? string.Empty : choices.Count == 2 ? " or " : i == choices.Count - 1 ? ", or " : ", ";
            builder.Append(CultureInfo.InvariantCulture, $"{separator}({i + 1}) {choices[i].Value}");
        }

        return builder.ToString();
    }
}
