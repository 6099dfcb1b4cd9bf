using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Sqlite;
using SQLitePCL;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Storage;

/// <summary>
/// Bot Framework <see cref="IStorage"/> on a SQLite file: the embedded default for conversation and user state.
/// Items are stored as JSON without type names (so stored data can never choose which .NET type is created on
/// read); reads return <see cref="JObject"/>s, which <see cref="BotState"/> converts to the requested types.
/// ETags follow the Bot Framework rules: an <see cref="IStoreItem"/> with ETag "*" or none is written
/// unconditionally, any other ETag must match the stored one or the write fails with
/// <see cref="StorageETagConflictException"/>.
/// A write waits for the database's write lock only as long as its cancellation token allows (the turn bounds it,
/// see <see cref="StorageOptions.WriteTimeout"/>), without blocking a thread: another connection holding the file
/// locked makes turns answer "try again" in time instead of queueing them all behind it.
/// </summary>
public sealed class SqliteStorage : IStorage, IJsonStateStorage, IStateRetention, IDisposable
{
    private const string ETagProperty = "eTag";

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Include,
        // Deep Bot Framework stacks have broken Newtonsoft's default limit of 64; our stacks are shallow, but keep headroom.
        MaxDepth = 128,
    });

    private static readonly JsonLoadSettings NoLineInfo = new() { LineInfoHandling = LineInfoHandling.Ignore };

    private readonly SqliteConnectionPool _pool;

    // SQLite has one writer at a time. Without this queue, concurrent turns collide on BEGIN IMMEDIATE and
    // Microsoft.Data.Sqlite's busy handling retries with 150 ms sleeps, which made p99 turn latency hundreds of ms
    // under load. The queue is the file's, shared with the other stores of this process that write it (order
    // notices); other processes sharing the file are still serialized by SQLite itself (see WriteTransactionAsync).
    private readonly SemaphoreSlim _writeLock;
    private readonly TimeProvider _clock;
    private readonly SalesBotMetrics? _metrics;

    public SqliteStorage(string connectionString, TimeProvider? clock = null, SalesBotMetrics? metrics = null)
    {
        _clock = clock ?? TimeProvider.System;
        _metrics = metrics;
        var prepared = SqliteFiles.Prepare(connectionString);
        _writeLock = SqliteFiles.Writer(prepared);
        _pool = SqliteFiles.Pool(prepared);
        SqliteFiles.UseWriteAheadLog(prepared);
        StoreMigrations.State.UpgradeSqlite(prepared);
    }

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length);
        if (keys.Length == 0)
        {
            return items;
        }

        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            if (await ReadJsonAsync(key, cancellationToken) is { } stored)
            {
                var item = Parse(stored.Json);
                item[ETagProperty] = stored.ETag;
                items[key] = item;
            }
        }

        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        await WriteTransactionAsync(async connection =>
        {
            foreach (var (key, value) in changes)
            {
                await WriteItemAsync(connection.Command, key, Serialize(value), ExpectedETag(value), Now(), cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    public bool KeepsJsonText => true;

    /// <summary>Every turn reads its state: on a kept connection with the statement prepared.</summary>
    public Task<StoredJson?> ReadJsonAsync(string key, CancellationToken cancellationToken) =>
        _pool.RunAsync(async connection =>
        {
            var command = connection.Command(SelectItem);
            command.Parameters.AddWithValue("$key", key);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new StoredJson(reader.GetString(1), reader.GetString(0)) : null;
        }, cancellationToken);

    /// <summary>Every changed turn writes its state: on a kept connection with the statements prepared.</summary>
    public async Task<string> WriteJsonAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(json);
        return await WriteTransactionAsync(
            connection => WriteItemAsync(connection.Command, key, json, string.IsNullOrEmpty(expectedETag) ? null : expectedETag, Now(), cancellationToken),
            cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="write"/> in a write transaction on a kept connection: this process's writers take turns,
    /// and each takes the database's write lock (BEGIN IMMEDIATE, so the ETag check and the write are one atomic step).
    /// While another connection holds that lock, the writer steps aside and tries again after a growing pause until
    /// <paramref name="cancellationToken"/> gives up — each waiting turn on its own clock, none queued behind another's
    /// wait, and no thread asleep in Microsoft.Data.Sqlite's busy loop (up to its 30 s command timeout, uncancellable).
    /// </summary>
    private async Task<T> WriteTransactionAsync<T>(Func<PreparedConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        var pause = TimeSpan.FromMilliseconds(5);
        var waited = false;
        while (true)
        {
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                var (written, result) = await _pool.RunAsync(async connection =>
                {
                    var handle = connection.Connection.Handle!;
                    var begun = raw.sqlite3_exec(handle, "BEGIN IMMEDIATE");
                    if (begun is raw.SQLITE_BUSY or raw.SQLITE_LOCKED)
                    {
                        return (false, default(T));
                    }

                    Check(begun, handle);
                    try
                    {
                        var value = await write(connection);
                        Check(raw.sqlite3_exec(handle, "COMMIT"), handle);
                        return (true, value);
                    }
                    catch
                    {
                        // Nothing of a failed write stays, and the connection goes back outside any transaction.
                        if (raw.sqlite3_get_autocommit(handle) == 0)
                        {
                            Check(raw.sqlite3_exec(handle, "ROLLBACK"), handle);
                        }

                        throw;
                    }
                }, cancellationToken);
                if (written)
                {
                    return result!;
                }
            }
            finally
            {
                _writeLock.Release();
            }

            if (!waited)
            {
                waited = true;
                _metrics?.StateStoreBusy();
            }

            await Task.Delay(pause, _clock, cancellationToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, MaxPause.Ticks));
        }
    }

    private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(200);

    private static void Check(int result, sqlite3 handle)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, handle);
        }
    }

    private const string SelectItem = "SELECT etag, data FROM bot_state WHERE key = $key";

    /// <summary>
    /// Checks the ETag and writes one item inside the caller's write transaction; returns the new ETag.
    /// <paramref name="command"/> gives the command for a statement in that transaction (prepared or new).
    /// </summary>
    private static async Task<string> WriteItemAsync(
        Func<string, SqliteTransaction?, SqliteCommand> command, string key, string data, string? expected, string now, CancellationToken cancellationToken)
    {
        // The transaction is SQLite's own (see WriteTransactionAsync), so the commands carry none.
        var read = command("SELECT etag FROM bot_state WHERE key = $key", null);
        read.Parameters.AddWithValue("$key", key);
        var current = await read.ExecuteScalarAsync(cancellationToken) as string;
        if (current is not null && expected is not null && expected != "*" && expected != current)
        {
            throw new StorageETagConflictException(key, expected, current);
        }

        var etag = Guid.NewGuid().ToString("N");
        var upsert = command("""
            INSERT INTO bot_state (key, etag, data, updated_at) VALUES ($key, $etag, $data, $now)
            ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at
            """, null);
        upsert.Parameters.AddWithValue("$key", key);
        upsert.Parameters.AddWithValue("$etag", etag);
        upsert.Parameters.AddWithValue("$data", data);
        upsert.Parameters.AddWithValue("$now", now);
        await upsert.ExecuteNonQueryAsync(cancellationToken);
        return etag;
    }

    /// <summary>The item as stored: its JSON without the ETag, which has its own column.</summary>
    private static string Serialize(object value)
    {
        var json = JObject.FromObject(value, Serializer);
        json.Remove(ETagProperty);
        return json.ToString(Formatting.None);
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return;
        }

        await WriteTransactionAsync(async connection =>
        {
            foreach (var key in keys)
            {
                var delete = connection.Command("DELETE FROM bot_state WHERE key = $key");
                delete.Parameters.AddWithValue("$key", key);
                await delete.ExecuteNonQueryAsync(cancellationToken);
            }

            return true;
        }, cancellationToken);
    }

    public async Task<int> DeleteIdleConversationsAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        var before = (_clock.GetUtcNow() - idleFor).ToString("O", CultureInfo.InvariantCulture);
        var deleted = 0;
        while (true)
        {
            // In small batches, each its own short write transaction: turns waiting to save never wait long behind it.
            var batch = await WriteTransactionAsync(async connection =>
            {
                var delete = connection.Command("""
                    DELETE FROM bot_state WHERE key IN (
                        SELECT key FROM bot_state WHERE updated_at < $before AND key LIKE '%/conversations/%' LIMIT $batch)
                    """);
                delete.Parameters.AddWithValue("$before", before);
                delete.Parameters.AddWithValue("$batch", SweepBatch);
                return await delete.ExecuteNonQueryAsync(cancellationToken);
            }, cancellationToken);
            deleted += batch;
            if (batch < SweepBatch)
            {
                return deleted;
            }

            await BetweenSweepBatches(cancellationToken);
        }
    }

    private const int SweepBatch = 500;

    /// <summary>Awaited between two batches of a sweep, outside any transaction (tests pause a sweep there); nothing by default.</summary>
    internal Func<CancellationToken, Task> BetweenSweepBatches { get; set; } = _ => Task.CompletedTask;

    // Stamps are UTC in the round-trip format, so comparing them as text compares the instants.
    private string Now() => _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    public void Dispose()
    {
        // The write queue is the file's, not this instance's (SqliteFiles.Writer): it stays for the next store on the file.
        _pool.Dispose();
    }

    /// <summary>Dates stay ISO strings until a typed read converts them, so offsets are never shifted to local time.</summary>
    private static JObject Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
        return JObject.Load(reader, NoLineInfo);
    }

    private static string? ExpectedETag(object value) => value switch
    {
        IStoreItem item => string.IsNullOrEmpty(item.ETag) ? null : item.ETag,
        JObject json => json.Value<string>(ETagProperty) is { Length: > 0 } etag ? etag : null,
        _ => null,
    };
}
