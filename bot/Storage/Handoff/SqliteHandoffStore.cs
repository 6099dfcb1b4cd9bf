using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Sqlite;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// <see cref="IHandoffStore"/> on a SQLite file. Handoffs and callbacks are JSON documents with the columns the
/// queries need beside them; transcript lines are rows, capped per conversation. What every turn runs (the active
/// handoff's lookup, the transcript append) uses kept connections with prepared statements; the rest maps its rows
/// with Dapper.
/// </summary>
public sealed class SqliteHandoffStore : IHandoffStore, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _connectionString;
    private readonly SqliteConnectionPool _pool;

    // Every turn appends its transcript lines, and handoffs are saved during turns. Those writers queue here instead of
    // colliding in SQLite, whose busy handling in Microsoft.Data.Sqlite retries with 150 ms sleeps (it dominated p99
    // turn latency under load). The queue is the file's: a store configured on another store's file shares it.
    private readonly SemaphoreSlim _writeLock;

    private readonly GroupCommit<TranscriptAppend, bool> _appends;

    public SqliteHandoffStore(string connectionString)
    {
        _connectionString = SqliteFiles.Prepare(connectionString);
        _writeLock = SqliteFiles.Writer(_connectionString);
        _pool = SqliteFiles.Pool(_connectionString);
        _appends = new GroupCommit<TranscriptAppend, bool>(AppendTranscriptsAsync);
        SqliteFiles.UseWriteAheadLog(_connectionString);
        StoreMigrations.Handoff.UpgradeSqlite(_connectionString);
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

    public Task<int> CountQueuedAsync(CancellationToken cancellationToken) =>
        _pool.RunAsync(async connection =>
        {
            // The expression and the condition are those of ix_handoff_sessions_queued (migration 0004), so the count reads the index.
            var command = connection.Command("SELECT COUNT(*) FROM handoff_sessions WHERE active = 1 AND json_extract(body, '$.status') = 'Queued'");
            return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }, cancellationToken);

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
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO handoff_sessions (id, conversation_key, active, created_at, body) VALUES ($id, $key, $active, $created, $body)
            ON CONFLICT (id) DO UPDATE SET active = excluded.active, body = excluded.body
            """,
            new { id = session.Id, key = session.ConversationKey, active = session.IsActive, created = Stamp(session.CreatedAt), body = JsonSerializer.Serialize(session, Json) },
            cancellationToken: cancellationToken));
    }

    public async Task<HandoffSession?> TryAcceptAsync(string id, AgentIdentity agent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        await using var connection = await OpenAsync(cancellationToken);
        // BEGIN IMMEDIATE: read, check and write under the database's write lock, so two accepts cannot both see "queued".
        await using var transaction = connection.BeginTransaction(deferred: false);
        var body = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT body FROM handoff_sessions WHERE id = $id", new { id }, transaction, cancellationToken: cancellationToken));
        if (body is null || Read<HandoffSession>(body) is not { Status: HandoffStatus.Queued } session)
        {
            return null;
        }

        session.Accept(agent, at);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE handoff_sessions SET active = 1, body = $body WHERE id = $id",
            new { id, body = JsonSerializer.Serialize(session, Json) }, transaction, cancellationToken: cancellationToken));
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

        await _appends.WriteAsync(new TranscriptAppend(conversationKey, entries, maxEntries), cancellationToken);
    }

    public void Dispose()
    {
        // The write queue is the file's (SqliteFiles.Writer), not this instance's: it stays for the next store on the file.
        _pool.Dispose();
    }

    private sealed record TranscriptAppend(string ConversationKey, IReadOnlyList<TranscriptEntry> Entries, int MaxEntries);

    /// <summary>
    /// Every turn appends, so this runs on a kept connection with its statements prepared, and the appends of the
    /// turns that ended while the last one was written go in one transaction (<see cref="GroupCommit{TItem, TResult}"/>).
    /// </summary>
    private async Task<bool[]> AppendTranscriptsAsync(IReadOnlyList<TranscriptAppend> appends)
    {
        await _writeLock.WaitAsync(CancellationToken.None);
        try
        {
            await _pool.RunAsync(async connection =>
            {
                // BEGIN IMMEDIATE: the write lock is taken up front rather than upgraded mid-transaction.
                await using var transaction = connection.Connection.BeginTransaction(deferred: false);
                foreach (var append in appends)
                {
                    await AppendTranscriptAsync(connection, transaction, append.ConversationKey, append.Entries, append.MaxEntries, CancellationToken.None);
                }

                await transaction.CommitAsync(CancellationToken.None);
            }, CancellationToken.None);
            return new bool[appends.Count];
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static async Task AppendTranscriptAsync(
        PreparedConnection connection, SqliteTransaction transaction, string conversationKey, IReadOnlyList<TranscriptEntry> entries, int maxEntries, CancellationToken cancellationToken)
    {
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
    }

    public async Task<IReadOnlyList<TranscriptEntry>> GetTranscriptAsync(string conversationKey, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<TranscriptRow>(new CommandDefinition(
            "SELECT at, role, name, text FROM handoff_transcript WHERE conversation_key = $key ORDER BY seq", new { key = conversationKey }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => new TranscriptEntry(
            DateTimeOffset.Parse(row.At, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind), Enum.Parse<TranscriptRole>(row.Role), row.Name, row.Text))];
    }

    public async Task<int> DeleteTranscriptsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var cutOff = Stamp(before);
        var deleted = 0;
        while (true)
        {
            // In small batches, each its own short write: turns appending to their transcripts wait for one batch at most.
            var batch = await WriteAsync(connection => connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM handoff_transcript WHERE seq IN (SELECT seq FROM handoff_transcript WHERE at < $before ORDER BY at LIMIT $batch)",
                new { before = cutOff, batch = SweepBatch }, cancellationToken: cancellationToken)), cancellationToken);
            deleted += batch;
            if (batch < SweepBatch)
            {
                return deleted;
            }

            await BetweenSweepBatches.Invoke(cancellationToken);
        }
    }

    /// <summary>Lines deleted per batch of a retention sweep.</summary>
    internal const int SweepBatch = 500;

    /// <summary>Awaited between two batches of a sweep (tests pause a sweep there); nothing by default.</summary>
    internal Func<CancellationToken, Task> BetweenSweepBatches { get; set; } = _ => Task.CompletedTask;

    public Task SaveCallbackAsync(CallbackRequest callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return WriteAsync(connection => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO callback_requests (id, done, preferred_at, claimed_by, body) VALUES ($id, $done, $preferred, $claimedBy, $body)
            ON CONFLICT (id) DO UPDATE SET done = excluded.done, preferred_at = excluded.preferred_at, claimed_by = excluded.claimed_by, body = excluded.body
            """,
            CallbackRow(callback), cancellationToken: cancellationToken)), cancellationToken);
    }

    public Task<CallbackUpdate?> UpdateCallbackAsync(string id, Func<CallbackRequest, CallbackRequest?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        return WriteAsync(async connection =>
        {
            // BEGIN IMMEDIATE: read, decide and write under the database's write lock, so other processes on the file wait too.
            await using var transaction = connection.BeginTransaction(deferred: false);
            var body = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
                "SELECT body FROM callback_requests WHERE id = $id", new { id }, transaction, cancellationToken: cancellationToken));
            if (body is null)
            {
                return null;
            }

            var stored = Read<CallbackRequest>(body);
            if (change(stored) is not { } changed)
            {
                return new CallbackUpdate(stored, Changed: false);
            }

            changed = changed with { Id = id };
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE callback_requests SET done = $done, preferred_at = $preferred, claimed_by = $claimedBy, body = $body WHERE id = $id",
                CallbackRow(changed), transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new CallbackUpdate(changed, Changed: true);
        }, cancellationToken);
    }

    private static object CallbackRow(CallbackRequest callback) => new
    {
        id = callback.Id,
        done = callback.Done,
        preferred = Stamp(callback.PreferredAt),
        claimedBy = callback.ClaimedBy?.Id,
        body = JsonSerializer.Serialize(callback, Json),
    };

    /// <summary>A write on a connection of its own, queued behind this process's other writers (see <see cref="_writeLock"/>).</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await write(connection);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public Task<CallbackRequest?> GetCallbackAsync(string id, CancellationToken cancellationToken) =>
        BodyAsync<CallbackRequest>("SELECT body FROM callback_requests WHERE id = $id", id, cancellationToken);

    public Task<IReadOnlyList<CallbackRequest>> ListCallbacksAsync(CancellationToken cancellationToken) =>
        BodiesAsync<CallbackRequest>("SELECT body FROM callback_requests ORDER BY done, preferred_at, id LIMIT 500", cancellationToken);

    public Task SeeAgentAsync(AgentIdentity agent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return WriteAsync(connection => connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO agent_presence (agent_id, name, last_seen) VALUES ($id, $name, $seen)
            ON CONFLICT (agent_id) DO UPDATE SET name = excluded.name, last_seen = excluded.last_seen
            """,
            new { id = agent.Id, name = agent.Name, seen = Stamp(at) }, cancellationToken: cancellationToken)), cancellationToken);
    }

    public Task ForgetAgentAsync(string agentId, CancellationToken cancellationToken) =>
        WriteAsync(connection => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM agent_presence WHERE agent_id = $id", new { id = agentId }, cancellationToken: cancellationToken)), cancellationToken);

    public async Task<AgentPresence?> GetAgentPresenceAsync(string agentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PresenceRow>(new CommandDefinition(
            "SELECT agent_id AS Id, name AS Name, last_seen AS LastSeen FROM agent_presence WHERE agent_id = $id", new { id = agentId }, cancellationToken: cancellationToken));
        return row?.ToPresence();
    }

    public async Task<IReadOnlyList<AgentPresence>> ListAgentsSeenSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PresenceRow>(new CommandDefinition(
            "SELECT agent_id AS Id, name AS Name, last_seen AS LastSeen FROM agent_presence WHERE last_seen >= $since ORDER BY name, agent_id",
            new { since = Stamp(since) }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToPresence())];
    }

    /// <summary>A presence row as stored: the time as round-trip text.</summary>
    private sealed record PresenceRow(string Id, string Name, string LastSeen)
    {
        public AgentPresence ToPresence() => new(Id, Name, DateTimeOffset.Parse(LastSeen, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    }

    /// <summary>The JSON document of the one row <paramref name="sql"/> selects by <c>$id</c>, or null.</summary>
    private async Task<T?> BodyAsync<T>(string sql, string id, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(sql, new { id }, cancellationToken: cancellationToken)) is { } body
            ? Read<T>(body)
            : null;
    }

    /// <summary>The JSON documents of the rows <paramref name="sql"/> selects, in its order.</summary>
    private async Task<IReadOnlyList<T>> BodiesAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: cancellationToken))).Select(Read<T>)];
    }

    /// <summary>A transcript line as stored: the time as round-trip text, the role by name.</summary>
    private sealed record TranscriptRow(string At, string Role, string Name, string Text);

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
