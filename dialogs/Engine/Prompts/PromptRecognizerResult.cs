namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>What a prompt recognized in the user's message.</summary>
/// <typeparam name="T">The prompt's value type.</typeparam>
public sealed class PromptRecognizerResult<T>
{
    /// <summary>Whether a value was recognized.</summary>
    public bool Succeeded { get; init; }

    /// <summary>The recognized value, when <see cref="Succeeded"/>.</summary>
    public T? Value { get; init; }
}

/// <summary>Shorthands for the built-in prompts.</summary>
internal static class PromptRecognizerResult
{
    public static PromptRecognizerResult<T> Success<T>(T value) => new() { Succeeded = true, Value = value };

    public static PromptRecognizerResult<T> Failure<T>() => new();
}
