using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>Asks for free text; any non-blank message is recognized (trimmed).</summary>
/// <param name="dialogId">The prompt's id.</param>
/// <param name="validator">Optional extra validation.</param>
public class TextPrompt(string dialogId, PromptValidator<string>? validator = null) : Prompt<string>(dialogId, validator)
{
    /// <inheritdoc />
    protected override bool ReadsAnyText => true;

    /// <inheritdoc />
    protected override Task<PromptRecognizerResult<string>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = turnContext.Activity.Text?.Trim();
        return Task.FromResult(string.IsNullOrEmpty(text)
            ? PromptRecognizerResult.Failure<string>()
            : PromptRecognizerResult.Success<string>(text));
    }
}
