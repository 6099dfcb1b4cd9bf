namespace My8x8.SalesBot.Storage;

/// <summary>
/// A state store that also hands items over as JSON text, so <see cref="JsonConversationState"/> can read a
/// conversation's state with one parse and write it with one serialization, instead of the JSON trees and the
/// two change-detection serializations of the SDK's <c>BotState</c>. Items written here are the same items
/// <c>IStorage.ReadAsync</c> returns, and the same ETag rules apply.
/// </summary>
public interface IJsonStateStorage
{
    /// <summary>
    /// Whether <see cref="ReadJsonAsync"/> returns exactly the text that was written. A store that normalizes JSON
    /// (PostgreSQL's jsonb) returns false, and unchanged state is then recognized by comparing the JSON values.
    /// </summary>
    bool KeepsJsonText { get; }

    /// <summary>The item's JSON and ETag, or null when there is none.</summary>
    Task<StoredJson?> ReadJsonAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="json"/> (a JSON object) under <paramref name="key"/> and returns its new ETag. With
    /// <paramref name="expectedETag"/> null or "*" the write is unconditional; otherwise it must equal the stored
    /// ETag, or <see cref="StorageETagConflictException"/> is thrown and nothing is written.
    /// </summary>
    Task<string> WriteJsonAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken);
}

/// <summary>A stored item as its JSON text and ETag.</summary>
public sealed record StoredJson(string Json, string ETag);
