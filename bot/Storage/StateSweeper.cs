using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Storage;

/// <summary>
/// Every <see cref="StorageOptions.SweepInterval"/>: deletes conversation state idle for longer than
/// <see cref="StorageOptions.ConversationRetention"/>, so the store — and the channel activity ids remembered with each
/// conversation against retries — stays bounded however many conversations come and go. A job of <see cref="SweepLoop"/>.
/// </summary>
internal sealed class StateSweeper(IStorage storage, IOptions<StorageOptions> options) : ISweepJob
{
    private readonly StorageOptions _options = options.Value;

    public string Name => "conversation state";

    public TimeSpan Interval => _options.SweepInterval;

    /// <summary>One sweep; returns how many conversations were deleted.</summary>
    public Task<int> SweepAsync(CancellationToken cancellationToken) =>
        storage is IStateRetention retention
            ? retention.DeleteIdleConversationsAsync(_options.ConversationRetention, cancellationToken)
            : Task.FromResult(0);
}
