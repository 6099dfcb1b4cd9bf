using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.DirectLine;

/// <summary>A page of a conversation's activities (as JSON) and the watermark to ask for the next page with.</summary>
public sealed record DirectLineActivitySet(IReadOnlyList<string> Activities, long Watermark);

/// <summary>
/// The embedded Direct Line's conversations and their activities. In memory by default; a shared store (with a
/// notification channel for <see cref="WaitForActivitiesAsync"/>) lets several instances serve one conversation.
/// </summary>
public interface IDirectLineStore
{
    /// <summary>Creates the conversation; false when it already exists (so the bot is told about it only once).</summary>
    ValueTask<bool> TryCreateConversationAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Takes over a conversation whose instance is gone (a visitor reconnecting with a valid token): creates it here
    /// with its sequence starting after the visitor's <paramref name="watermark"/>, so what comes next is newer than
    /// what the page has already read; false when it exists already.
    /// </summary>
    ValueTask<bool> TryResumeConversationAsync(string conversationId, long watermark, CancellationToken cancellationToken);

    ValueTask<bool> ExistsAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends an activity, giving it an id (<c>{conversationId}|{sequence}</c>) when it has none; returns that id,
    /// or null when the conversation is unknown or has expired.
    /// </summary>
    ValueTask<string?> AppendAsync(string conversationId, Activity activity, CancellationToken cancellationToken);

    /// <summary>The activities after <paramref name="watermark"/> (all when null); null when the conversation is unknown.</summary>
    ValueTask<DirectLineActivitySet?> GetActivitiesAsync(string conversationId, long? watermark, CancellationToken cancellationToken);

    /// <summary>Completes when the conversation has an activity after <paramref name="watermark"/> (or is gone).</summary>
    Task WaitForActivitiesAsync(string conversationId, long watermark, CancellationToken cancellationToken);
}
