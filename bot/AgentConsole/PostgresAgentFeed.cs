using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Npgsql;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// The PostgreSQL channel the instances sharing one database (and schema) announce console changes on. The name is
/// derived from the database and schema, so bots sharing a server but not a schema do not hear each other.
/// </summary>
public sealed class PostgresAgentFeedChannel(NpgsqlDataSource dataSource) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _name;

    /// <summary>This instance: its own notifications come back to it and are ignored.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public void Dispose() => _gate.Dispose();

    public async ValueTask<string> NameAsync(CancellationToken cancellationToken)
    {
        if (_name is not null)
        {
            return _name;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_name is null)
            {
                await using var command = dataSource.CreateCommand("SELECT current_database() || '/' || current_schema()");
                var scope = (string)(await command.ExecuteScalarAsync(cancellationToken))!;
                // Hex only, so it is a safe quoted identifier for LISTEN, and well under the 63-byte limit.
                _name = "salesbot_agent_feed_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(scope)))[..16];
            }

            return _name;
        }
        finally
        {
            _gate.Release();
        }
    }

    internal string Serialize(AgentFeedEvent feedEvent) =>
        JsonSerializer.Serialize(new FeedNotification(InstanceId, feedEvent.Kind, feedEvent.SessionId, feedEvent.ConversationKey), FeedNotification.Json);

    /// <summary>The event another instance announced, or null for this instance's own (already delivered) or an unreadable payload.</summary>
    internal AgentFeedEvent? FromOtherInstance(string payload)
    {
        try
        {
            var notification = JsonSerializer.Deserialize<FeedNotification>(payload, FeedNotification.Json);
            return notification is null || notification.From == InstanceId || string.IsNullOrEmpty(notification.Kind)
                ? null
                : new AgentFeedEvent(notification.Kind, notification.SessionId, notification.ConversationKey);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record FeedNotification(string From, string Kind, string? SessionId, string? ConversationKey)
    {
        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    }
}

/// <summary>
/// Sends this instance's console changes to the others with <c>pg_notify</c>, off the turn's path: events queue in memory
/// (bounded, the oldest dropped — they are hints) and a background loop sends what has gathered in one round trip.
/// </summary>
public sealed class PostgresAgentFeedNotifier(NpgsqlDataSource dataSource, PostgresAgentFeedChannel channel, ILogger<PostgresAgentFeedNotifier> logger)
    : BackgroundService, IAgentFeedNotifier
{
    private readonly Channel<AgentFeedEvent> _outbox = Channel.CreateBounded<AgentFeedEvent>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void NotifyOtherInstances(AgentFeedEvent feedEvent) => _outbox.Writer.TryWrite(feedEvent);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var pending = new HashSet<AgentFeedEvent>();
        while (await _outbox.Reader.WaitToReadAsync(stoppingToken))
        {
            // Equal events gathered while the last batch was sent are one refresh for a console.
            while (pending.Count < 100 && _outbox.Reader.TryRead(out var feedEvent))
            {
                pending.Add(feedEvent);
            }

            try
            {
                var name = await channel.NameAsync(stoppingToken);
                await using var batch = dataSource.CreateBatch();
                foreach (var feedEvent in pending)
                {
                    var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
                    notify.Parameters.Add(new NpgsqlParameter { Value = name });
                    notify.Parameters.Add(new NpgsqlParameter { Value = channel.Serialize(feedEvent) });
                    batch.BatchCommands.Add(notify);
                }

                await batch.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(exception, "Could not tell the other instances about {Count} agent console changes", pending.Count);
            }

            pending.Clear();
        }
    }
}

/// <summary>
/// Listens on the shared channel on a connection of its own and hands other instances' changes to this instance's
/// <see cref="AgentFeed"/>. A broken connection is reopened (with back-off); consoles are then told to re-read, since
/// changes may have been missed in between.
/// </summary>
public sealed class PostgresAgentFeedListener(
    NpgsqlDataSource dataSource,
    PostgresAgentFeedChannel channel,
    AgentFeed feed,
    ILogger<PostgresAgentFeedListener> logger) : BackgroundService
{
    // How often an idle listening connection is checked, so a silently dropped one is noticed.
    private static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(30);

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this instance first listens (tests wait for it before another instance publishes).</summary>
    public Task Listening => _listening.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        var missedSome = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var name = await channel.NameAsync(stoppingToken);
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, args) =>
                {
                    if (channel.FromOtherInstance(args.Payload) is { } feedEvent)
                    {
                        feed.PublishHere(feedEvent);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN \"{name}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                retry = TimeSpan.FromSeconds(1);
                _listening.TrySetResult();
                if (missedSome)
                {
                    logger.LogInformation("Listening to the other instances' agent console changes again");
                    feed.PublishHere(new AgentFeedEvent(AgentFeedEvent.Queue));
                    feed.PublishHere(new AgentFeedEvent(AgentFeedEvent.Callbacks));
                }

                try
                {
                    while (true)
                    {
                        if (!await connection.WaitAsync(KeepAliveInterval, stoppingToken))
                        {
                            await using var ping = new NpgsqlCommand("SELECT 1", connection);
                            await ping.ExecuteNonQueryAsync(stoppingToken);
                        }
                    }
                }
                finally
                {
                    await StopListeningAsync(connection);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested && exception is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                missedSome = true;
                logger.LogWarning(exception, "Lost the other instances' agent console changes; listening again in {Retry}", retry);
                // Infrastructure back-off, on the real clock: a pinned or fake bot clock must not stop reconnects.
                await Task.Delay(retry, TimeProvider.System, stoppingToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    /// <summary>
    /// The bot's pools skip Npgsql's reset (PostgresDataSources), so a connection that goes back to the pool still open
    /// must not go on listening for whoever borrows it next. A broken connection is discarded by the pool anyway.
    /// </summary>
    private static async Task StopListeningAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open)
        {
            return;
        }

        try
        {
            await using var unlisten = new NpgsqlCommand("UNLISTEN *", connection);
            await unlisten.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            // The connection failed while stopping: the pool will not hand it out again.
        }
    }
}
