using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Sqlite;
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
/// </summary>
public sealed class SqliteStorage : IStorage, IJsonStateStorage, IDisposable
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

    private readonly string _connectionString;
    private readonly SqliteConnectionPool _pool;

    // SQLite has one writer at a time. Without this queue, concurrent turns collide on BEGIN IMMEDIATE and
    // Microsoft.Data.Sqlite's busy handling retries with 150 ms sleeps, which made p99 turn latency hundreds of ms
    // under load. Other processes sharing the file are still serialized by SQLite itself (busy timeout).
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteStorage(string connectionString)
    {
        _connectionString = SqliteFiles.Prepare(connectionString);
        _pool = SqliteFiles.Pool(_connectionString);
        using var connection = Open();
        using var command = connection.CreateCommand();
        // WAL lets readers run beside the single writer; the busy timeout makes parallel writers wait instead of failing.
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS bot_state (
                key        TEXT PRIMARY KEY,
                etag       TEXT NOT NULL,
                data       TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            """;
        command.ExecuteNonQuery();
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

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await WriteLockedAsync(changes, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private Task WriteLockedAsync(IDictionary<string, object> changes, CancellationToken cancellationToken) =>
        _pool.RunAsync(async connection =>
        {
            // BEGIN IMMEDIATE: take the write lock up front so the ETag check and the write are one atomic step.
            await using var transaction = connection.Connection.BeginTransaction(deferred: false);
            foreach (var (key, value) in changes)
            {
                await WriteItemAsync(connection.Command, transaction, key, Serialize(value), ExpectedETag(value), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);

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
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            return await _pool.RunAsync(async connection =>
            {
                await using var transaction = connection.Connection.BeginTransaction(deferred: false);
                var etag = await WriteItemAsync(connection.Command, transaction, key, json, string.IsNullOrEmpty(expectedETag) ? null : expectedETag, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return etag;
            }, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private const string SelectItem = "SELECT etag, data FROM bot_state WHERE key = $key";

    /// <summary>
    /// Checks the ETag and writes one item inside the caller's write transaction; returns the new ETag.
    /// <paramref name="command"/> gives the command for a statement in that transaction (prepared or new).
    /// </summary>
    private static async Task<string> WriteItemAsync(
        Func<string, SqliteTransaction?, SqliteCommand> command, SqliteTransaction transaction, string key, string data, string? expected, CancellationToken cancellationToken)
    {
        var read = command("SELECT etag FROM bot_state WHERE key = $key", transaction);
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
            """, transaction);
        upsert.Parameters.AddWithValue("$key", key);
        upsert.Parameters.AddWithValue("$etag", etag);
        upsert.Parameters.AddWithValue("$data", data);
        upsert.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM bot_state WHERE key = $key";
        var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys)
        {
            keyParameter.Value = key;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public void Dispose()
    {
        _pool.Dispose();
        _writeLock.Dispose();
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

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    // A power cut can lose the last turns' state (synchronous = NORMAL), which for conversation state is fine.
    private Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken) => SqliteFiles.OpenAsync(_connectionString, cancellationToken);
}
