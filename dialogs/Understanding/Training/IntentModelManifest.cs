using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;

namespace My8x8.SalesBot.Dialogs.Understanding.Training;

/// <summary>
/// What a model file was built from, stored inside it. <see cref="Fingerprint"/> hashes the settings and every
/// example (intent and normalized text), so a test can tell when the examples changed but the model was not rebuilt;
/// prose, comments and line endings in the examples file do not count.
/// </summary>
internal sealed record IntentModelManifest(
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("fingerprint")] string Fingerprint,
    [property: JsonPropertyName("examples")] int Examples,
    [property: JsonPropertyName("settings")] string Settings)
{
    /// <summary>The zip entry of a model file that holds the manifest (ML.NET ignores entries it does not know).</summary>
    public const string EntryName = "My8x8.SalesBot/intent-model.json";

    public static IntentModelManifest For(string language, IReadOnlyList<IntentExample> examples, IntentModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(settings);
        return new(language, FingerprintOf(examples, settings), examples.Count, settings.ToString());
    }

    public static string FingerprintOf(IReadOnlyList<IntentExample> examples, IntentModelSettings settings)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(settings);
        var text = new StringBuilder(settings.ToString()).Append('\n');
        foreach (var example in examples)
        {
            text.Append(example.Intent.Label()).Append('\t').Append(example.Normalized).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
