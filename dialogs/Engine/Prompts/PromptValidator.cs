namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// Decides whether an answer is acceptable; it runs for unrecognized input too (check
/// <see cref="PromptRecognizerResult{T}.Succeeded"/>), and an unrecognized answer is never accepted. Return <see langword="false"/> to ask again; to say
/// why, set <see cref="PromptValidatorContext{T}.RetryPrompt"/> or send a message through
/// <see cref="PromptValidatorContext{T}.Context"/> (then the options' retry prompt is not sent).
/// </summary>
/// <typeparam name="T">The prompt's value type.</typeparam>
public delegate Task<bool> PromptValidator<T>(PromptValidatorContext<T> promptContext, CancellationToken cancellationToken);
