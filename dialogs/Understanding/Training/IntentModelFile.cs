using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;

namespace My8x8.SalesBot.Dialogs.Understanding.Training;

/// <summary>
/// Writes a model file: ML.NET's model zip plus the manifest entry, re-packed with fixed timestamps and entry
/// order so that rebuilding from unchanged examples gives the same bytes (no churn in the repository).
/// </summary>
internal static class IntentModelFile
{
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Write(ITransformer model, IntentModelManifest manifest, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var saved = new MemoryStream();
        IntentModelBuilder.Save(model, saved);
        saved.Position = 0;

        using var source = new ZipArchive(saved, ZipArchiveMode.Read);
        using var target = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var entry in source.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal))
        {
            var copy = target.CreateEntry(entry.FullName, CompressionLevel.Optimal);
            copy.LastWriteTime = FixedTime;
            using var from = entry.Open();
            using var to = copy.Open();
            from.CopyTo(to);
        }

        var manifestEntry = target.CreateEntry(IntentModelManifest.EntryName, CompressionLevel.Optimal);
        manifestEntry.LastWriteTime = FixedTime;
        using var manifestStream = manifestEntry.Open();
        JsonSerializer.Serialize(manifestStream, manifest, ManifestJson);
    }

    public static IntentModelManifest ReadManifest(Stream modelFile)
    {
        using var zip = new ZipArchive(modelFile, ZipArchiveMode.Read, leaveOpen: true);
        var entry = zip.GetEntry(IntentModelManifest.EntryName)
            ?? throw new InvalidDataException("The model file has no manifest; rebuild it with the trainer (docs/understanding.md).");
        using var stream = entry.Open();
        return JsonSerializer.Deserialize<IntentModelManifest>(stream)
            ?? throw new InvalidDataException("The model file's manifest is empty.");
    }

    private static readonly JsonSerializerOptions ManifestJson = new() { WriteIndented = true };
}
