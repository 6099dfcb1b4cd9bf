using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Observability;
using Npgsql;

namespace My8x8.SalesBot.Turns;

/// <summary>
/// Serializes the turns of one conversation across every instance sharing the database, with a session-level
/// PostgreSQL advisory lock keyed by a 64-bit hash of the conversation key, held on a dedicated connection for the
/// whole turn. Turns of one conversation on the same instance queue in-process first, so a burst holds one
/// connection, not one per waiting turn. The wait is bounded (<see cref="TurnLockOptions.Timeout"/>): past it
/// <see cref="ConversationBusyException"/> is thrown and the turn is not run.
/// If the lock's connection breaks mid-turn, PostgreSQL releases the lock; the state's ETags still stop a second
/// writer from overwriting the first.
/// </summary>
public sealed class PostgresConversationTurnLock(
    NpgsqlDataSource dataSource,
    IOptions<TurnLockOptions> options,
    SalesBotMetrics metrics,
    ILogger<PostgresConversationTurnLock> logger) : IConversationTurnLock
{
    /// <summary>The span a turn runs in while it waits for another instance to release its conversation.</summary>
    internal const string WaitSpanName = "turn lock wait";

    internal const string ConversationTag = "salesbot.conversation";

    private readonly InProcessConversationTurnLock _local = new();
    private readonly TimeSpan _timeout = options.Value.Timeout;

    public async ValueTask<IAsyncDisposable> AcquireAsync(string conversationKey, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        IAsyncDisposable local;
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            bounded.CancelAfter(_timeout);
            try
            {
                local = await _local.AcquireAsync(conversationKey, bounded.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw Busy(conversationKey, started);
            }
        }

        NpgsqlConnection? connection = null;
        try
        {
            var key = LockKey(conversationKey);
            connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using (var tryLock = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection))
            {
                tryLock.Parameters.Add(new NpgsqlParameter { Value = key });
                if (!(bool)(await tryLock.ExecuteScalarAsync(cancellationToken))!)
                {
                    await WaitForLockAsync(connection, conversationKey, key, started, cancellationToken);
                }
            }

            var waited = Stopwatch.GetElapsedTime(started);
            if (waited > TimeSpan.FromMilliseconds(50))
            {
                metrics.TurnLockWaited(waited, acquired: true);
            }

            return new Lease(connection, key, local, logger);
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            await local.DisposeAsync();
            throw;
        }
    }

    /// <summary>A 64-bit key from the conversation key: SHA-256 keeps distinct conversations from colliding in practice.</summary>
    internal static long LockKey(string conversationKey) =>
        BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("salesbot-turn:" + conversationKey)), 0);

    private async Task WaitForLockAsync(NpgsqlConnection connection, string conversationKey, long key, long started, CancellationToken cancellationToken)
    {
        // The conversation is a start tag, so a listener knows at once which conversation waits for another instance.
        using var span = SalesBotTelemetry.Source.StartActivity(
            ActivityKind.Internal, tags: [new(ConversationTag, conversationKey)], name: WaitSpanName);
        var remaining = _timeout - Stopwatch.GetElapsedTime(started);
        if (remaining <= TimeSpan.Zero)
        {
            throw Busy(conversationKey, started);
        }

        // lock_timeout bounds the wait server-side, and goes back to the default in the same command: the three
        // statements are one implicit transaction, so a wait that times out rolls the SET back, and one that gets the
        // lock runs the RESET. The pool therefore skips Npgsql's reset (seven statements on every turn's return).
        await using var wait = new NpgsqlCommand(
            $"SET lock_timeout = {(long)Math.Ceiling(remaining.TotalMilliseconds)}; SELECT pg_advisory_lock(@key); RESET lock_timeout", connection);
        wait.Parameters.Add(new NpgsqlParameter("key", key));
        try
        {
            await wait.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw Busy(conversationKey, started);
        }
    }

    private ConversationBusyException Busy(string conversationKey, long started)
    {
        var waited = Stopwatch.GetElapsedTime(started);
        metrics.TurnLockWaited(waited, acquired: false);
        logger.LogWarning("Turn of conversation {ConversationKey} refused: the previous turn still held the lock after {WaitedMs} ms",
            conversationKey, (long)waited.TotalMilliseconds);
        return new ConversationBusyException(conversationKey, waited);
    }

    private sealed class Lease(NpgsqlConnection connection, long key, IAsyncDisposable local, ILogger logger) : IAsyncDisposable
    {
        private int _disposed;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            try
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                unlock.Parameters.Add(new NpgsqlParameter { Value = key });
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The session is gone, and with it the lock; the pool will not reuse a broken connection.
                logger.LogWarning(ex, "Releasing a turn lock failed; the database released it with the session");
            }
            finally
            {
                await connection.DisposeAsync();
                await local.DisposeAsync();
            }
        }
    }
}
