using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>What a <see cref="PromptValidator{T}"/> sees.</summary>
/// <typeparam name="T">The prompt's value type.</typeparam>
public sealed class PromptValidatorContext<T>
{
    internal PromptValidatorContext(ITurnContext turnContext, PromptRecognizerResult<T> recognized, PromptOptions options, int attemptCount)
    {
        Context = turnContext;
        Recognized = recognized;
        Options = options;
        AttemptCount = attemptCount;
    }

    /// <summary>The current turn.</summary>
    public ITurnContext Context { get; }

    /// <summary>What the prompt recognized in this message.</summary>
    public PromptRecognizerResult<T> Recognized { get; }

    /// <summary>The prompt's options.</summary>
    public PromptOptions Options { get; }

    /// <summary>Which answer this is, counting from 1.</summary>
    public int AttemptCount { get; }

    /// <summary>When the answer is refused, send this instead of the options' retry prompt (one time).</summary>
    public Activity? RetryPrompt { get; set; }

    /// <summary>The options' <see cref="PromptOptions.Validations"/> as <typeparamref name="TValidations"/>.</summary>
    public TValidations? GetValidations<TValidations>() => StateValues.Convert<TValidations>(Options.Validations, nameof(PromptOptions.Validations));
}
