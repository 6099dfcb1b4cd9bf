using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// What a prompt asks and how it retries. Saved with the stack as JSON, so keep it plain data.
/// </summary>
public sealed class PromptOptions
{
    /// <summary>The question, e.g. <c>MessageFactory.Text("How many lines?")</c>.</summary>
    public Activity? Prompt { get; set; }

    /// <summary>Sent instead of <see cref="Prompt"/> after input that was not recognized or not valid; make it specific.</summary>
    public Activity? RetryPrompt { get; set; }

    /// <summary>The choices of a <see cref="ChoicePrompt"/>.</summary>
    public IList<Choice>? Choices { get; init; }

    /// <summary>Extra data for the validator (limits, for example). It is saved as JSON: read it with <see cref="PromptValidatorContext{T}.GetValidations{TValidations}"/>.</summary>
    public object? Validations { get; set; }

    /// <summary>
    /// How many failed answers the prompt accepts before it gives up and ends with a
    /// <see cref="PromptAttemptsExhausted"/> result. Default 3; 0 or less means no limit.
    /// </summary>
    public int MaxAttempts { get; set; } = 3;
}
