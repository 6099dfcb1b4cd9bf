using Microsoft.Bot.Builder;
using My8x8.SalesBot.Observability;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Npgsql;
using NpgsqlTypes;

namespace My8x8.SalesBot.Storage;

/// <summary>
/// Bot Framework <see cref="IStorage"/> on PostgreSQL, for several instances sharing one database. Same rules as
/// <see cref="SqliteStorage"/>: JSON without type names, ETag "*" or none writes unconditionally, any other ETag must
/// match the stored one or the write fails with <see cref="StorageETagConflictException"/>, and a batch is all or
/// nothing. The ETag check is part of the UPDATE's WHERE clause, so two instances racing on one key have exactly one
/// winner: the loser's UPDATE waits for the winner's row lock and then no longer matches.
/// </summary>
public sealed class PostgresStorage : IStorage, IJsonStateStorage, IStateRetention
{
    private const string ETagProperty = "eTag";

    // Same settings as SqliteStorage: no type names, and headroom over Newtonsoft's default depth of 64.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Include,
        MaxDepth = 128,
    });

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSchema _schema;
    private readonly SalesBotMetrics? _metrics;

    public PostgresStorage(NpgsqlDataSource dataSource, PostgresSchema schema, SalesBotMetrics? metrics = null)
    {
        _dataSource = dataSource;
        _schema = schema;
        _metrics = metrics;
    }

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length);
        if (keys.Length == 0)
        {
            return items;
        }

        using var span = SalesBotTelemetry.Source.StartActivity("storage read");
        span?.SetTag("db.system", "postgresql");
        span?.SetTag("salesbot.storage.keys", keys.Length);
        await _schema.EnsureCreatedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT key, etag, data FROM bot_state WHERE key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = keys.Distinct(StringComparer.Ordinal).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var item = Parse(reader.GetString(2));
            item[ETagProperty] = reader.GetString(1);
            items[reader.GetString(0)] = item;
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

        using var span = SalesBotTelemetry.Source.StartActivity("storage write");
        span?.SetTag("db.system", "postgresql");
        span?.SetTag("salesbot.storage.keys", changes.Count);
        await _schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // One key (the usual turn) needs no explicit transaction; a batch is all or nothing.
        await using var transaction = changes.Count > 1 ? await connection.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            foreach (var (key, value) in changes)
            {
                await WriteOneAsync(connection, key, value, cancellationToken);
            }
        }
        catch (StorageETagConflictException)
        {
            _metrics?.ETagConflict();
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "etag conflict");
            throw;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return;
        }

        using var span = SalesBotTelemetry.Source.StartActivity("storage delete");
        span?.SetTag("db.system", "postgresql");
        await _schema.EnsureCreatedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("DELETE FROM bot_state WHERE key = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = keys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The text column keeps the JSON as written (migration 0003; jsonb before it).</summary>
    public bool KeepsJsonText => true;

    public async Task<int> DeleteIdleConversationsAsync(TimeSpan idleFor, CancellationToken cancellationToken)
    {
        await _schema.EnsureCreatedAsync(cancellationToken);
        var deleted = 0;
        while (true)
        {
            // Against the server's clock, which stamped the rows. In batches, skipping rows a turn is writing right now
            // (that conversation is not idle) and rows another instance's sweep already holds.
            await using var command = _dataSource.CreateCommand("""
                DELETE FROM bot_state WHERE key IN (
                    SELECT key FROM bot_state WHERE updated_at < now() - $1 AND key LIKE '%/conversations/%'
                    LIMIT $2 FOR UPDATE SKIP LOCKED)
                """);
            command.Parameters.Add(new NpgsqlParameter { Value = idleFor, NpgsqlDbType = NpgsqlDbType.Interval });
            command.Parameters.Add(new NpgsqlParameter { Value = SweepBatch });
            var batch = await command.ExecuteNonQueryAsync(cancellationToken);
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

    public async Task<StoredJson?> ReadJsonAsync(string key, CancellationToken cancellationToken)
    {
        using var span = SalesBotTelemetry.Source.StartActivity("storage read");
        span?.SetTag("db.system", "postgresql");
        await _schema.EnsureCreatedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT etag, data FROM bot_state WHERE key = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new StoredJson(reader.GetString(1), reader.GetString(0)) : null;
    }

    public async Task<string> WriteJsonAsync(string key, string json, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(json);
        using var span = SalesBotTelemetry.Source.StartActivity("storage write");
        span?.SetTag("db.system", "postgresql");
        await _schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            return await WriteDataAsync(connection, key, json, string.IsNullOrEmpty(expectedETag) ? null : expectedETag, cancellationToken);
        }
        catch (StorageETagConflictException)
        {
            _metrics?.ETagConflict();
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "etag conflict");
            throw;
        }
    }

    private static async Task WriteOneAsync(NpgsqlConnection connection, string key, object value, CancellationToken cancellationToken)
    {
        var json = JObject.FromObject(value, Serializer);
        json.Remove(ETagProperty);
        await WriteDataAsync(connection, key, json.ToString(Formatting.None), ExpectedETag(value), cancellationToken);
    }

    /// <summary>Writes one item's JSON with the ETag rules; returns the new ETag.</summary>
    private static async Task<string> WriteDataAsync(NpgsqlConnection connection, string key, string data, string? expected, CancellationToken cancellationToken)
    {
        var etag = Guid.NewGuid().ToString("N");

        if (expected is null or "*")
        {
            await using var upsert = new NpgsqlCommand(
                """
                INSERT INTO bot_state (key, etag, data, updated_at) VALUES ($1, $2, $3, now())
                ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, data = excluded.data, updated_at = excluded.updated_at
                """, connection);
            AddParameters(upsert, key, etag, data);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            return etag;
        }

        // The usual case: the item was read this turn and is written back with the ETag it had.
        await using var update = new NpgsqlCommand(
            "UPDATE bot_state SET etag = $2, data = $3, updated_at = now() WHERE key = $1 AND etag = $4", connection);
        AddParameters(update, key, etag, data);
        update.Parameters.Add(new NpgsqlParameter { Value = expected });
        if (await update.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return etag;
        }

        // Not updated: either the item is gone (an ETag on a missing item writes, as in SqliteStorage) or someone else wrote it.
        await using var insert = new NpgsqlCommand(
            "INSERT INTO bot_state (key, etag, data, updated_at) VALUES ($1, $2, $3, now()) ON CONFLICT (key) DO NOTHING", connection);
        AddParameters(insert, key, etag, data);
        if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
        {
            return etag;
        }

        await using var current = new NpgsqlCommand("SELECT etag FROM bot_state WHERE key = $1", connection);
        current.Parameters.Add(new NpgsqlParameter { Value = key });
        throw new StorageETagConflictException(key, expected, await current.ExecuteScalarAsync(cancellationToken) as string);
    }

    private static void AddParameters(NpgsqlCommand command, string key, string etag, string data)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        command.Parameters.Add(new NpgsqlParameter { Value = etag });
        command.Parameters.Add(new NpgsqlParameter { Value = data });
    }

    /// <summary>Dates stay ISO strings until a typed read converts them, so offsets are never shifted to local time.</summary>
    private static JObject Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
        return JObject.Load(reader);
    }

    private static string? ExpectedETag(object value) => value switch
    {
        IStoreItem item => string.IsNullOrEmpty(item.ETag) ? null : item.ETag,
        JObject json => json.Value<string>(ETagProperty) is { Length: > 0 } etag ? etag : null,
        _ => null,
    };
}
