using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// Asks a yes/no question; recognizes typed variants with <see cref="ConfirmRecognizer"/> and offers
/// Yes / No suggested actions where the channel shows them.
/// </summary>
/// <param name="dialogId">The prompt's id.</param>
/// <param name="validator">Optional extra validation.</param>
public class ConfirmPrompt(string dialogId, PromptValidator<bool>? validator = null) : Prompt<bool>(dialogId, validator)
{
    /// <summary>The suggested action labels, yes first; both are recognized when typed.</summary>
    public (string Yes, string No) Labels { get; init; } = ("Yes", "No");

    /// <inheritdoc />
    protected override Task OnPromptAsync(ITurnContext turnContext, PromptOptions options, bool isRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(options);
        var activity = isRetry && options.RetryPrompt is not null ? options.RetryPrompt : options.Prompt;
        if (activity is null)
        {
            return Task.CompletedTask;
        }

        var message = activity; // this turn's own copy (see Prompt.OnPromptAsync)
        message.SuggestedActions ??= new SuggestedActions(actions:
        [
            new CardAction(ActionTypes.ImBack, Labels.Yes, value: Labels.Yes),
            new CardAction(ActionTypes.ImBack, Labels.No, value: Labels.No),
        ]);
        return base.OnPromptAsync(turnContext, new PromptOptions { Prompt = message }, isRetry: false, cancellationToken);
    }

    /// <inheritdoc />
    protected override Task<PromptRecognizerResult<bool>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text;
        bool confirmed;
        var recognized = ConfirmRecognizer.TryRecognize(text, out confirmed)
            || TryLabel(text, out confirmed);
        return Task.FromResult(recognized
            ? PromptRecognizerResult.Success<bool>(confirmed)
            : PromptRecognizerResult.Failure<bool>());
    }

    private bool TryLabel(string? text, out bool confirmed)
    {
        var trimmed = text?.Trim();
        confirmed = string.Equals(trimmed, Labels.Yes, StringComparison.OrdinalIgnoreCase);
        return confirmed || string.Equals(trimmed, Labels.No, StringComparison.OrdinalIgnoreCase);
    }
}
