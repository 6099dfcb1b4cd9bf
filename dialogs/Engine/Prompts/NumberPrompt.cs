using System.Globalization;
using System.Numerics;
using Microsoft.Bot.Builder;
using Microsoft.Recognizers.Text.Number;

namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// Asks for a number and recognizes digits and words with Microsoft.Recognizers.Text ("3", "three",
/// "a dozen", "3 lines"); the first number in the message counts. For integer types, a fractional
/// number is not recognized.
/// </summary>
/// <typeparam name="T">The number type: <see cref="int"/>, <see cref="long"/>, <see cref="decimal"/>, …</typeparam>
/// <param name="dialogId">The prompt's id.</param>
/// <param name="validator">Optional extra validation (ranges, for example).</param>
public class NumberPrompt<T>(string dialogId, PromptValidator<T>? validator = null) : Prompt<T>(dialogId, validator)
    where T : struct, INumber<T>
{
    /// <summary>The Recognizers.Text culture; unset means the turn's language (<see cref="RecognizerCulture.Current"/>).</summary>
    public string? Culture { get; init; }

    /// <inheritdoc />
    protected override Task<PromptRecognizerResult<T>> OnRecognizeAsync(ITurnContext turnContext, PromptOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return Task.FromResult(TryRecognize(turnContext.Activity.Text, Culture ?? RecognizerCulture.Current, out var value)
            ? PromptRecognizerResult.Success<T>(value)
            : PromptRecognizerResult.Failure<T>());
    }

    internal static bool TryRecognize(string? text, string culture, out T value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var first = NumberRecognizer.RecognizeNumber(text, culture).FirstOrDefault();
        return first?.Resolution is { } resolution
            && resolution.TryGetValue("value", out var raw)
            && raw is string number
            && T.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
