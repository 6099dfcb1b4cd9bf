namespace My8x8.SalesBot.Storage;

/// <summary>A write carried an ETag that no longer matches the stored item: someone else wrote it first.</summary>
public sealed class StorageETagConflictException(string key, string? expected, string? current)
    : Exception($"ETag conflict writing '{key}': the write expected ETag '{expected}' but the stored item has '{current}'. Read it again and retry.")
{
    public string Key { get; } = key;
}
