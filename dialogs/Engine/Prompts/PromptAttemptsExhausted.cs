namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// The result of a prompt that received <see cref="PromptOptions.MaxAttempts"/> answers it could not accept.
/// The calling step checks <c>stepContext.Result is PromptAttemptsExhausted</c> and offers another way
/// forward (a human agent, for example).
/// </summary>
/// <param name="PromptId">The id of the prompt that gave up.</param>
/// <param name="Attempts">How many answers were refused.</param>
public sealed record PromptAttemptsExhausted(string PromptId, int Attempts);
