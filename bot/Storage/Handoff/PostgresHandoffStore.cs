using System.Text.Json;
using Dapper;
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
/// Rows are mapped with Dapper; the append, one batch of array parameters per turn, stays a hand-built NpgsqlBatch.
/// </summary>
public sealed class PostgresHandoffStore(NpgsqlDataSource dataSource, PostgresSchema schema) : IHandoffStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<HandoffSession?> GetActiveAsync(string conversationKey, CancellationToken cancellationToken) =>
        await BodyAsync<HandoffSession>(
            "SELECT body::text FROM handoff_sessions WHERE active AND conversation_key = @key ORDER BY created_at DESC LIMIT 1", new { key = conversationKey }, cancellationToken);

    public async Task<HandoffSession?> GetAsync(string id, CancellationToken cancellationToken) =>
        await BodyAsync<HandoffSession>("SELECT body::text FROM handoff_sessions WHERE id = @id", new { id }, cancellationToken);

    public async Task<IReadOnlyList<HandoffSession>> ListActiveAsync(CancellationToken cancellationToken)
    {
        using var span = SalesBotTelemetry.Source.StartActivity("handoff list");
        return await BodiesAsync<HandoffSession>("SELECT body::text FROM handoff_sessions WHERE active ORDER BY created_at, id", cancellationToken);
    }

    public async Task<int> CountQueuedAsync(CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // The expression and the condition are those of ix_handoff_sessions_queued (migration 0004), so the count reads the index.
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM handoff_sessions WHERE active AND body->>'status' = 'Queued'", cancellationToken: cancellationToken));
    }

    public async Task SaveAsync(HandoffSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        using var span = SalesBotTelemetry.Source.StartActivity("handoff save");
        span?.SetTag("salesbot.handoff.id", session.Id);
        span?.SetTag("salesbot.handoff.status", session.Status.ToString());
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO handoff_sessions (id, conversation_key, active, created_at, body) VALUES (@id, @key, @active, @created, @body::jsonb)
            ON CONFLICT (id) DO UPDATE SET active = excluded.active, body = excluded.body
            """,
            new { id = session.Id, key = session.ConversationKey, active = session.IsActive, created = session.CreatedAt.ToUniversalTime(), body = JsonSerializer.Serialize(session, Json) },
            cancellationToken: cancellationToken));
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
        var body = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT body::text FROM handoff_sessions WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
        if (body is null || Read<HandoffSession>(body) is not { Status: HandoffStatus.Queued } session)
        {
            return null;
        }

        session.Accept(agent, at);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE handoff_sessions SET active = true, body = @body::jsonb WHERE id = @id",
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
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<TranscriptRow>(new CommandDefinition(
            "SELECT at, role, name, text FROM handoff_transcript WHERE conversation_key = @key ORDER BY seq", new { key = conversationKey }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => new TranscriptEntry(new DateTimeOffset(DateTime.SpecifyKind(row.At, DateTimeKind.Utc)), Enum.Parse<TranscriptRole>(row.Role), row.Name, row.Text))];
    }

    public async Task<int> DeleteTranscriptsBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        var deleted = 0;
        while (true)
        {
            // In small batches, skipping lines a turn's append holds right now: no turn waits behind the sweep.
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var batch = await connection.ExecuteAsync(new CommandDefinition(
                """
                DELETE FROM handoff_transcript WHERE seq IN (
                    SELECT seq FROM handoff_transcript WHERE at < @before ORDER BY at LIMIT @batch FOR UPDATE SKIP LOCKED)
                """,
                new { before = before.ToUniversalTime(), batch = SweepBatch }, cancellationToken: cancellationToken));
            deleted += batch;
            if (batch < SweepBatch)
            {
                return deleted;
            }
        }
    }

    private const int SweepBatch = 500;

    public async Task SaveCallbackAsync(CallbackRequest callback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO callback_requests (id, done, preferred_at, claimed_by, body) VALUES (@id, @done, @preferred, @claimedBy, @body::jsonb)
            ON CONFLICT (id) DO UPDATE SET done = excluded.done, preferred_at = excluded.preferred_at, claimed_by = excluded.claimed_by, body = excluded.body
            """,
            CallbackRow(callback), cancellationToken: cancellationToken));
    }

    public async Task<CallbackUpdate?> UpdateCallbackAsync(string id, Func<CallbackRequest, CallbackRequest?> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        using var span = SalesBotTelemetry.Source.StartActivity("callback update");
        span?.SetTag("salesbot.callback.id", id);
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // FOR UPDATE: a second change (two agents claiming at once, on any instance) waits and then sees the first one's result.
        var body = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT body::text FROM callback_requests WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
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
            "UPDATE callback_requests SET done = @done, preferred_at = @preferred, claimed_by = @claimedBy, body = @body::jsonb WHERE id = @id",
            CallbackRow(changed), transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new CallbackUpdate(changed, Changed: true);
    }

    private static object CallbackRow(CallbackRequest callback) => new
    {
        id = callback.Id,
        done = callback.Done,
        preferred = callback.PreferredAt.ToUniversalTime(),
        claimedBy = callback.ClaimedBy?.Id,
        body = JsonSerializer.Serialize(callback, Json),
    };

    public async Task<CallbackRequest?> GetCallbackAsync(string id, CancellationToken cancellationToken) =>
        await BodyAsync<CallbackRequest>("SELECT body::text FROM callback_requests WHERE id = @id", new { id }, cancellationToken);

    public async Task<IReadOnlyList<CallbackRequest>> ListCallbacksAsync(CancellationToken cancellationToken) =>
        await BodiesAsync<CallbackRequest>("SELECT body::text FROM callback_requests ORDER BY done, preferred_at, id LIMIT 500", cancellationToken);

    public async Task SeeAgentAsync(AgentIdentity agent, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO agent_presence (agent_id, name, last_seen) VALUES (@id, @name, @seen)
            ON CONFLICT (agent_id) DO UPDATE SET name = excluded.name, last_seen = excluded.last_seen
            """,
            new { id = agent.Id, name = agent.Name, seen = at.ToUniversalTime() }, cancellationToken: cancellationToken));
    }

    public async Task ForgetAgentAsync(string agentId, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM agent_presence WHERE agent_id = @id", new { id = agentId }, cancellationToken: cancellationToken));
    }

    public async Task<AgentPresence?> GetAgentPresenceAsync(string agentId, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PresenceRow>(new CommandDefinition(
            "SELECT agent_id AS Id, name AS Name, last_seen AS LastSeen FROM agent_presence WHERE agent_id = @id", new { id = agentId }, cancellationToken: cancellationToken));
        return row?.ToPresence();
    }

    public async Task<IReadOnlyList<AgentPresence>> ListAgentsSeenSinceAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PresenceRow>(new CommandDefinition(
            "SELECT agent_id AS Id, name AS Name, last_seen AS LastSeen FROM agent_presence WHERE last_seen >= @since ORDER BY name, agent_id",
            new { since = since.ToUniversalTime() }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToPresence())];
    }

    /// <summary>A presence row as stored (timestamptz reads as a UTC DateTime).</summary>
    private sealed record PresenceRow(string Id, string Name, DateTime LastSeen)
    {
        public AgentPresence ToPresence() => new(Id, Name, new DateTimeOffset(DateTime.SpecifyKind(LastSeen, DateTimeKind.Utc)));
    }

    /// <summary>The JSON document of the one row <paramref name="sql"/> selects, or null.</summary>
    private async Task<T?> BodyAsync<T>(string sql, object parameters, CancellationToken cancellationToken)
        where T : class
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken)) is { } body
            ? Read<T>(body)
            : null;
    }

    /// <summary>The JSON documents of the rows <paramref name="sql"/> selects, in its order.</summary>
    private async Task<IReadOnlyList<T>> BodiesAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. (await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: cancellationToken))).Select(Read<T>)];
    }

    /// <summary>A transcript line as stored (timestamptz reads as a UTC DateTime).</summary>
    private sealed record TranscriptRow(DateTime At, string Role, string Name, string Text);

    private static T Read<T>(string body) => JsonSerializer.Deserialize<T>(body, Json)
        ?? throw new InvalidDataException($"A stored {typeof(T).Name} is empty.");
}
