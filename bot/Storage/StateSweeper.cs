using Microsoft.Bot.Builder;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Storage;

/// <summary>
/// Every <see cref="StorageOptions.SweepInterval"/> (on the injected clock): deletes conversation state idle for longer
/// than <see cref="StorageOptions.ConversationRetention"/>, so the store — and the channel activity ids remembered
/// with each conversation against retries — stays bounded however many conversations come and go.
/// </summary>
internal sealed class StateSweeper(IStorage storage, IOptions<StorageOptions> options, TimeProvider clock, ILogger<StateSweeper> logger)
    : BackgroundService
{
    private readonly StorageOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (storage is not IStateRetention)
        {
            return;
        }

        using var timer = new PeriodicTimer(_options.SweepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogError(exception, "Conversation state sweep failed; trying again in {SweepInterval}", _options.SweepInterval);
            }
        }
    }

    /// <summary>One sweep; returns how many conversations were deleted.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        if (storage is not IStateRetention retention)
        {
            return 0;
        }

        var deleted = await retention.DeleteIdleConversationsAsync(_options.ConversationRetention, cancellationToken);
        if (deleted > 0)
        {
            logger.LogInformation("Deleted the state of {Count} conversations idle for more than {Retention}", deleted, _options.ConversationRetention);
        }

        return deleted;
    }
}
