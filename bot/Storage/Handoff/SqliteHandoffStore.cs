using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Sqlite;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// <see cref="IHandoffStore"/> on a SQLite file. Handoffs and callbacks are JSON documents with the columns the
/// queries need beside them; transcript lines are rows, capped per conversation.
/// </summary>
public sealed class SqliteHandoffStore : IHandoffStore, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _connectionString;
    private readonly SqliteConnectionPool _pool;

    // Every turn appends its transcript lines, and handoffs are saved during turns. Those writers queue here instead of
    // colliding in SQLite, whose busy handling in Microsoft.Data.Sqlite retries with 150 ms sleeps (it dominated p99
    // turn latency under load).
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteHandoffStore(string connectionString)
    {
        _connectionString = SqliteFiles.Prepare(connectionString);
        _pool = SqliteFiles.Pool(_connectionString);
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS handoff_sessions (
                id               TEXT PRIMARY KEY,
                conversation_key TEXT NOT NULL,
                active           INTEGER NOT NULL,
                created_at       TEXT NOT NULL,
                body             TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_handoff_sessions_active ON handoff_sessions (active, conversation_key);
            CREATE TABLE IF NOT EXISTS handoff_transcript (
                seq              INTEGER PRIMARY KEY AUTOINCREMENT,
                conversation_key TEXT NOT NULL,
                at               TEXT NOT NULL,
                role             TEXT NOT NULL,
                name             TEXT NOT NULL,
                text             TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS ix_handoff_transcript_conversation ON handoff_transcript (conversation_key, seq);
            CREATE INDEX IF NOT EXISTS ix_handoff_transcript_at ON handoff_transcript (at);
            CREATE TABLE IF NOT EXISTS callback_requests (
                id           TEXT PRIMARY KEY,
                done         INTEGER NOT NULL,
                preferred_at TEXT NOT NULL,
                body         TEXT NOT NULL
            );
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Asked on every message, so it runs on a kept connection with its statement prepared.</summary>
    public Task<HandoffSession?> GetActiveAsync(string conversationKey, CancellationToken cancellationToken) =>
        _pool.RunAsync(async connection =>
        {
            var command = connection.Command("SELECT body FROM handoff_sessions WHERE active = 1 AND conversation_key = $key ORDER BY created_at DESC LIMIT 1");
            command.Parameters.AddWithValue("$key", conversationKey);
            return await command.ExecuteScalarAsync(cancellationToken) is string body ? Read<HandoffSession>(body) : null;
        }, cancellationToken);

    public Task<HandoffSession?> GetAsync(string id, CancellationToken cancellationToken) =>
        BodyAsync<HandoffSession>("SELECT body FROM handoff_sessions WHERE id = $id", id, cancellationToken);

    public Task<IReadOnlyList<HandoffSession>> ListActiveAsync(CancellationToken cancellationToken) =>
        BodiesAsync<HandoffSession>("SELECT body FROM handoff_sessions WHERE active = 1 ORDER BY created_at", cancellationToken);

    public async Task SaveAsync(HandoffSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await SaveLockedAsync(session, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task SaveLockedAsync(HandoffSession session, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO handoff_sessions (id, conversation_key, active, created_at, body) VALUES ($id, $key, $active, $created, $body)
            ON CONFLICT (id) DO UPDATE SET active = excluded.active, body = excluded.body
            """;
        command.Parameters.AddWithValue("$id", session.Id);
        command.Parameters.AddWithValue("$key", session.ConversationKey);
        command.Parameters.AddWithValue("$active", session.IsActive ? 1 : 0);
        command.Parameters.AddWithValue("$created", Stamp(session.CreatedAt));
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(session, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<HandoffSession?> TryAcceptAsync(string id, AgentIdentity agent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        await using var connection = await OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: read, check and write under the database's write lock, so two accepts cannot both see "queued".
        await using var transaction = connection.BeginTransaction(deferred: false);
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT body FROM handoff_sessions WHERE id = $id";
        read.Parameters.AddWithValue("$id", id);
        if (await read.ExecuteScalarAsync(cancellationToken) is not string body || Read<HandoffSession>(body) is not { Status: HandoffStatus.Queued } session)
        {
            return null;
        }

        session.Accept(agent, at);
        await using var write = connection.CreateCommand();
        write.Transaction = transaction;
        write.CommandText = "UPDATE handoff_sessions SET active = 1, body = $body WHERE id = $id";
        write.Parameters.AddWithValue("$id", id);
        write.Parameters.AddWithValue("$body", JsonSerializer.Serialize(session, Json));
        await write.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return session;
    }

    public async Task AppendTranscriptAsync(string conversationKey, IReadOnlyList<TranscriptEntry> entries, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await AppendTranscriptLockedAsync(conversationKey, entries, maxEntries, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose()
    {
        _pool.Dispose();
        _writeLock.Dispose();
    }

    /// <summary>Every turn appends, so this runs on a kept connection with its statements prepared.</summary>
    private Task AppendTranscriptLockedAsync(string conversationKey, IReadOnlyList<TranscriptEntry> entries, int maxEntries, CancellationToken cancellationToken) =>
        _pool.RunAsync(connection => AppendTranscriptAsync(connection, conversationKey, entries, maxEntries, cancellationToken), cancellationToken);

    private static async Task AppendTranscriptAsync(
        PreparedConnection connection, string conversationKey, IReadOnlyList<TranscriptEntry> entries, int maxEntries, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE: the write lock is taken up front rather than upgraded mid-transaction.
        await using var transaction = connection.Connection.BeginTransaction(deferred: false);
        var insert = connection.Command("INSERT INTO handoff_transcript (conversation_key, at, role, name, text) VALUES ($key, $at, $role, $name, $text)", transaction);
        insert.Parameters.AddWithValue("$key", conversationKey);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var role = insert.Parameters.Add("$role", SqliteType.Text);
        var name = insert.Parameters.Add("$name", SqliteType.Text);
        var text = insert.Parameters.Add("$text", SqliteType.Text);
        foreach (var entry in entries)
        {
            at.Value = Stamp(entry.At);
            role.Value = entry.Role.ToString();
            name.Value = entry.Name;
            text.Value = entry.Text;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        var trim = connection.Command("""
            DELETE FROM handoff_transcript WHERE conversation_key = $key AND seq <= (
                SELECT seq FROM handoff_transcript WHERE conversation_key = $key ORDER BY seq DESC LIMIT 1 OFFSET $max)
            """, transaction);
        trim.Parameters.AddWithValue("$key", conversationKey);
        trim.Parameters.AddWithValue("$max", maxEntries);
        await trim.ExecuteNonQueryAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TranscriptEntry>> GetTranscriptAsync(string conversationKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT at, role, name, text FROM handoff_transcript WHERE conversation_key = $key ORDER BY seq";
        command.Parameters.AddWithValue("$key", conversationKey);
        var entries = new List<TranscriptEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new TranscriptEntry(
                DateTimeOffset.Parse(reader.GetString(0), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                Enum.Parse<TranscriptRole>(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3)));
        }

        return entries;
    }

    public async Task<int> DeleteTranscriptsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM handoff_transcript WHERE at < $before";
        command.Parameters.AddWithValue("$before", Stamp(before));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveCallbackAsync(CallbackRequest callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO callback_requests (id, done, preferred_at, body) VALUES ($id, $done, $preferred, $body)
            ON CONFLICT (id) DO UPDATE SET done = excluded.done, preferred_at = excluded.preferred_at, body = excluded.body
            """;
        command.Parameters.AddWithValue("$id", callback.Id);
        command.Parameters.AddWithValue("$done", callback.Done ? 1 : 0);
        command.Parameters.AddWithValue("$preferred", Stamp(callback.PreferredAt));
        command.Parameters.AddWithValue("$body", JsonSerializer.Serialize(callback, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<CallbackRequest?> GetCallbackAsync(string id, CancellationToken cancellationToken) =>
        BodyAsync<CallbackRequest>("SELECT body FROM callback_requests WHERE id = $id", id, cancellationToken);

    public Task<IReadOnlyList<CallbackRequest>> ListCallbacksAsync(CancellationToken cancellationToken) =>
        BodiesAsync<CallbackRequest>("SELECT body FROM callback_requests ORDER BY done, preferred_at LIMIT 500", cancellationToken);

    /// <summary>The JSON document of the one row <paramref name="sql"/> selects by <c>$id</c>, or null.</summary>
    private async Task<T?> BodyAsync<T>(string sql, string id, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? Read<T>(body) : null;
    }

    /// <summary>The JSON documents of the rows <paramref name="sql"/> selects, in its order.</summary>
    private async Task<IReadOnlyList<T>> BodiesAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var documents = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(Read<T>(reader.GetString(0)));
        }

        return documents;
    }

    // Sortable as text: every stamp is UTC in the same round-trip format.
    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static T Read<T>(string body) => JsonSerializer.Deserialize<T>(body, Json)
        ?? throw new InvalidDataException($"A stored {typeof(T).Name} is empty.");

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
