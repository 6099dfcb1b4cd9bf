using System.Collections.Frozen;
using System.Text;

namespace My8x8.SalesBot.Dialogs.Understanding;

/// <summary>The names intents have in the examples files: kebab-case of the enum (<c>ShowCart</c> is <c>show-cart</c>).</summary>
public static class IntentLabels
{
    private static readonly FrozenDictionary<Intent, string> Labels =
        Enum.GetValues<Intent>().ToFrozenDictionary(intent => intent, intent => ToKebabCase(intent.ToString()));

    private static readonly FrozenDictionary<string, Intent> Intents =
        Labels.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every intent, in enum order.</summary>
    public static IReadOnlyList<Intent> All { get; } = Enum.GetValues<Intent>();

    public static string Label(this Intent intent) => Labels[intent];

    public static bool TryParse(string label, out Intent intent) => Intents.TryGetValue(label, out intent);

    private static string ToKebabCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && builder.Length > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
