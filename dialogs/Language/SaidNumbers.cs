using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Recognizers.Text.Number;
using My8x8.SalesBot.Dialogs.Engine.Prompts;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>A number the customer said: where, its words ("tres", "a dozen", "2.5"), and its value.</summary>
/// <remarks><see cref="Value"/> is null for a number too large to hold ("99999999999999999999999999999999").</remarks>
public readonly record struct SaidNumber(int Position, string Text, decimal? Value)
{
    /// <summary>The value when it is a whole number from <paramref name="min"/> to <paramref name="max"/>, else null ("2.5" is no quantity).</summary>
    public int? Whole(int min = int.MinValue, int max = int.MaxValue) =>
        Value is { } value && value == decimal.Truncate(value) && value >= min && value <= max ? (int)value : null;
}

/// <summary>
/// The numbers in a message, read by Microsoft.Recognizers.Text in the turn's language ("three" in English, "tres" in
/// Spanish; digits in both). The one reading of quantities for the cart parser, the plan offer and the advisor.
/// </summary>
public static class SaidNumbers
{
    // A model per culture, built once: building one costs far more than using it.
    private static readonly ConcurrentDictionary<string, NumberModel> Models = new(StringComparer.Ordinal);

    /// <summary>Every number in <paramref name="text"/>, in order, in the turn's language.</summary>
    public static IReadOnlyList<SaidNumber> Find(string text) => Find(text, RecognizerCulture.Current);

    public static IReadOnlyList<SaidNumber> Find(string text, string culture)
    {
        ArgumentNullException.ThrowIfNull(text);
        var model = Models.GetOrAdd(culture, static c => (NumberModel)new NumberRecognizer(c).GetNumberModel());
        var found = new List<SaidNumber>();
        foreach (var result in model.Parse(text))
        {
            if (result.Resolution is not { } resolution || !resolution.TryGetValue("value", out var raw))
            {
                continue;
            }

            var readable = decimal.TryParse(Convert.ToString(raw, CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var value);
            found.Add(new SaidNumber(result.Start, result.Text, readable ? value : null));
        }

        return found;
    }
}
