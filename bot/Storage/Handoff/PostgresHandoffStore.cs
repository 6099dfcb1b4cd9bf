using System.Text.Json;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Storage;
using Npgsql;
using NpgsqlTypes;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// <see cref="IHandoffStore"/> on PostgreSQL, shared by every instance: the same layout as <see cref="SqliteHandoffStore"/>
/// (handoffs and callbacks as JSON documents with the columns the queries need beside them, transcript lines as rows).
/// An accept reads the handoff <c>FOR UPDATE</c>, so two instances accepting at once have one winner; a transcript append
/// takes a transaction-scoped advisory lock per conversation, so concurrent appends neither interleave nor overshoot the cap.
/// </summary>
public sealed class PostgresHandoffStore(NpgsqlDataSource dataSource, PostgresSchema schema) : IHandoffStore
{
    /// <summary>The tables this store needs; created at start-up by <see cref="PostgresSchema"/>.</summary>
    internal const string Schema = """
        CREATE TABLE IF NOT EXISTS handoff_sessions (
            id               text PRIMARY KEY,
            conversation_key text NOT NULL,
            active           boolean NOT NULL,
            created_at       timestamptz NOT NULL,
            body             jsonb NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_handoff_sessions_active ON handoff_sessions (conversation_key, created_at) WHERE active;
        CREATE TABLE IF NOT EXISTS handoff_transcript (
            seq              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            conversation_key text NOT NULL,
            at               timestamptz NOT NULL,
            role             text NOT NULL,
            name             text NOT NULL,
            text             text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_handoff_transcript_conversation ON handoff_transcript (conversation_key, seq);
        CREATE INDEX IF NOT EXISTS ix_handoff_transcript_at ON handoff_transcript (at);
        CREATE TABLE IF NOT EXISTS callback_requests (
            id           text PRIMARY KEY,
            done         boolean NOT NULL,
            preferred_at timestamptz NOT NULL,
            body         jsonb NOT NULL
        );
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<HandoffSession?> GetActiveAsync(string conversationKey, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(
            "SELECT body::text FROM handoff_sessions WHERE active AND conversation_key = $1 ORDER BY created_at DESC LIMIT 1");
        command.Parameters.Add(new NpgsqlParameter { Value = conversationKey });
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? Read<HandoffSession>(body) : null;
    }

    public async Task<HandoffSession?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT body::text FROM handoff_sessions WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? Read<HandoffSession>(body) : null;
    }

    public async Task<IReadOnlyList<HandoffSession>> ListActiveAsync(CancellationToken cancellationToken)
    {
        using var span = SalesBotTelemetry.Source.StartActivity("handoff list");
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT body::text FROM handoff_sessions WHERE active ORDER BY created_at, id");
        var sessions = new List<HandoffSession>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sessions.Add(Read<HandoffSession>(reader.GetString(0)));
        }

        return sessions;
    }

    public async Task SaveAsync(HandoffSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var span = SalesBotTelemetry.Source.StartActivity("handoff save");
        span?.SetTag("salesbot.handoff.id", session.Id);
        span?.SetTag("salesbot.handoff.status", session.Status.ToString());
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO handoff_sessions (id, conversation_key, active, created_at, body) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (id) DO UPDATE SET active = excluded.active, body = excluded.body
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = session.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = session.ConversationKey });
        command.Parameters.Add(new NpgsqlParameter { Value = session.IsActive });
        command.Parameters.Add(new NpgsqlParameter { Value = session.CreatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(session, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<HandoffSession?> TryAcceptAsync(string id, AgentIdentity agent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        using var span = SalesBotTelemetry.Source.StartActivity("handoff accept");
        span?.SetTag("salesbot.handoff.id", id);
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // FOR UPDATE: a second accept waits for the first to commit and then reads the handoff as the first left it.
        await using (var read = new NpgsqlCommand("SELECT body::text FROM handoff_sessions WHERE id = $1 FOR UPDATE", connection, transaction))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = id });
            if (await read.ExecuteScalarAsync(cancellationToken) is not string body || Read<HandoffSession>(body) is not { Status: HandoffStatus.Queued } session)
            {
                return null;
            }

            session.Accept(agent, at);
            await using var write = new NpgsqlCommand("UPDATE handoff_sessions SET active = true, body = $2 WHERE id = $1", connection, transaction);
            write.Parameters.Add(new NpgsqlParameter { Value = id });
            write.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(session, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await write.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return session;
        }
    }

    public async Task AppendTranscriptAsync(string conversationKey, IReadOnlyList<TranscriptEntry> entries, int maxEntries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        using var span = SalesBotTelemetry.Source.StartActivity("transcript append");
        span?.SetTag("db.system", "postgresql");
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One round trip: the statements of a batch run in one implicit transaction, which the advisory lock lasts for.
        await using var batch = new NpgsqlBatch(connection);

        var lockCommand = new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock(hashtextextended('salesbot-transcript:' || current_schema() || ':' || $1, 0))");
        lockCommand.Parameters.Add(new NpgsqlParameter { Value = conversationKey });
        batch.BatchCommands.Add(lockCommand);

        var insert = new NpgsqlBatchCommand("""
            INSERT INTO handoff_transcript (conversation_key, at, role, name, text)
            SELECT $1, line.at, line.role, line.name, line.text
            FROM unnest($2::timestamptz[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS line (at, role, name, text, n)
            ORDER BY line.n
            """);
        insert.Parameters.Add(new NpgsqlParameter { Value = conversationKey });
        insert.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.At.ToUniversalTime()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        insert.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Role.ToString()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Name).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        insert.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Text).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        batch.BatchCommands.Add(insert);

        var trim = new NpgsqlBatchCommand("""
            DELETE FROM handoff_transcript WHERE conversation_key = $1 AND seq <= (
                SELECT seq FROM handoff_transcript WHERE conversation_key = $1 ORDER BY seq DESC OFFSET $2 LIMIT 1)
            """);
        trim.Parameters.Add(new NpgsqlParameter { Value = conversationKey });
        trim.Parameters.Add(new NpgsqlParameter { Value = Math.Max(0, maxEntries) });
        batch.BatchCommands.Add(trim);

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<TranscriptEntry>> GetTranscriptAsync(string conversationKey, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT at, role, name, text FROM handoff_transcript WHERE conversation_key = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = conversationKey });
        var entries = new List<TranscriptEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new TranscriptEntry(
                reader.GetFieldValue<DateTimeOffset>(0),
                Enum.Parse<TranscriptRole>(reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3)));
        }

        return entries;
    }

    public async Task<int> DeleteTranscriptsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("DELETE FROM handoff_transcript WHERE at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = before.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveCallbackAsync(CallbackRequest callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO callback_requests (id, done, preferred_at, body) VALUES ($1, $2, $3, $4)
            ON CONFLICT (id) DO UPDATE SET done = excluded.done, preferred_at = excluded.preferred_at, body = excluded.body
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = callback.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = callback.Done });
        command.Parameters.Add(new NpgsqlParameter { Value = callback.PreferredAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(callback, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CallbackRequest?> GetCallbackAsync(string id, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT body::text FROM callback_requests WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        return await command.ExecuteScalarAsync(cancellationToken) is string body ? Read<CallbackRequest>(body) : null;
    }

    public async Task<IReadOnlyList<CallbackRequest>> ListCallbacksAsync(CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT body::text FROM callback_requests ORDER BY done, preferred_at, id LIMIT 500");
        var callbacks = new List<CallbackRequest>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            callbacks.Add(Read<CallbackRequest>(reader.GetString(0)));
        }

        return callbacks;
    }

    private static T Read<T>(string body) => JsonSerializer.Deserialize<T>(body, Json)
        ?? throw new InvalidDataException($"A stored {typeof(T).Name} is empty.");
}
