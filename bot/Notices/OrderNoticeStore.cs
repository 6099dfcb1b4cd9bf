using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Storage;
using Npgsql;

namespace My8x8.SalesBot.Notices;

/// <summary>What happened to one notice.</summary>
public enum OrderNoticeOutcome
{
    /// <summary>Claimed by an instance, not finished (it stopped in between): never sent twice, so not sent again.</summary>
    Claimed,

    /// <summary>Delivered to the conversation.</summary>
    Sent,

    /// <summary>The customer said "stop updates" in that conversation.</summary>
    UpdatesOff,

    /// <summary>The channel did not take it (an expired Direct Line conversation, a 4xx/5xx from the serviceUrl); kept here with the reason.</summary>
    Undeliverable,
}

/// <summary>One notice as recorded.</summary>
public sealed record OrderNoticeRecord(string EventId, string OrderNumber, string Status, OrderNoticeOutcome Outcome, string? Detail);

/// <summary>
/// Where the shipment notices keep their bookkeeping, shared by every instance on the same database: the conversation
/// each order was placed in, one row per notice (claimed before it is sent, so two instances never both send it), and
/// how far the status feed has been read. The same SQL runs on the bot's SQLite file and on PostgreSQL; the tables come
/// from the bot's migrations (<c>bot/Storage/Notices/Migrations</c>), never from this class.
/// </summary>
public sealed class OrderNoticeStore
{
    private readonly Func<CancellationToken, ValueTask<DbConnection>> _open;

    // On SQLite, the state file's write queue (shared with the conversation state: see SqliteFiles.Writer); null on PostgreSQL.
    private readonly SemaphoreSlim? _sqliteWriter;

    private OrderNoticeStore(Func<CancellationToken, ValueTask<DbConnection>> open, SemaphoreSlim? sqliteWriter = null)
    {
        _open = open;
        _sqliteWriter = sqliteWriter;
    }

    /// <summary>
    /// The store in the bot's SQLite state file, its tables brought up to date (<see cref="StoreMigrations.Notices"/>)
    /// first. Its writes queue with the conversation state's, so a turn recording an order's conversation never meets
    /// a state write in SQLite's lock.
    /// </summary>
    public static OrderNoticeStore Sqlite(string connectionString)
    {
        StoreMigrations.Notices.UpgradeSqlite(connectionString);
        return new(
            async ct =>
            {
                var connection = new SqliteConnection(connectionString);
                await connection.OpenAsync(ct);
                return connection;
            },
            SqliteFiles.Writer(connectionString));
    }

    /// <summary>Awaited inside each SQLite write, with the file's write lock held (tests hold a write there); nothing by default.</summary>
    internal Func<CancellationToken, Task> WhileWritingSqlite { get; set; } = _ => Task.CompletedTask;

    /// <summary>The store in the bot's PostgreSQL schema, whose migrations (the notices' among them) <paramref name="schema"/> runs once per process.</summary>
    public static OrderNoticeStore Postgres(NpgsqlDataSource dataSource, PostgresSchema schema) =>
        new(async ct =>
        {
            await schema.EnsureCreatedAsync(ct);
            return await dataSource.OpenConnectionAsync(ct);
        });

    public Task RememberConversationAsync(string orderNumber, string userId, string reference, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO order_conversations (order_number, user_id, reference, recorded_at) VALUES (@n, @u, @r, @at)
            ON CONFLICT (order_number) DO UPDATE SET reference = excluded.reference, recorded_at = excluded.recorded_at
            """,
            cancellationToken, ("@n", orderNumber), ("@u", userId), ("@r", reference), ("@at", Format(now)));

    public async Task<(string UserId, string Reference)?> GetConversationAsync(string orderNumber, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT user_id, reference FROM order_conversations WHERE order_number = @n", ("@n", orderNumber));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>Claims the notice of <paramref name="eventId"/>; false when another instance (or an earlier round) already did.</summary>
    public async Task<bool> TryClaimAsync(string eventId, string orderNumber, string status, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "INSERT INTO order_notices (event_id, order_number, status, outcome, claimed_at) VALUES (@e, @n, @s, 'Claimed', @at) ON CONFLICT (event_id) DO NOTHING",
            cancellationToken, ("@e", eventId), ("@n", orderNumber), ("@s", status), ("@at", Format(now))) == 1;

    public Task FinishAsync(string eventId, OrderNoticeOutcome outcome, string? detail, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE order_notices SET outcome = @o, detail = @d, finished_at = @at WHERE event_id = @e",
            cancellationToken, ("@o", outcome.ToString()), ("@d", detail is { Length: > 500 } ? detail[..500] : detail), ("@at", Format(now)), ("@e", eventId));

    public async Task<IReadOnlyList<OrderNoticeRecord>> NoticesAsync(string orderNumber, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT event_id, order_number, status, outcome, detail FROM order_notices WHERE order_number = @n ORDER BY claimed_at, event_id", ("@n", orderNumber));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<OrderNoticeRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new(reader.GetString(0), reader.GetString(1), reader.GetString(2), Enum.Parse<OrderNoticeOutcome>(reader.GetString(3)), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }

    /// <summary>The last feed sequence number every instance has handled.</summary>
    public async Task<long> CursorAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Command(connection, "SELECT seq FROM order_notice_cursor WHERE name = 'feed'");
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Moves the cursor forward (never back: an instance that fell behind does not undo another's progress).</summary>
    public Task AdvanceCursorAsync(long sequence, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO order_notice_cursor (name, seq) VALUES ('feed', @s) ON CONFLICT (name) DO UPDATE SET seq = excluded.seq WHERE order_notice_cursor.seq < excluded.seq",
            cancellationToken, ("@s", sequence));

    /// <summary>
    /// Deletes, in batches of <see cref="SweepBatch"/> rows (each its own short statement, so turns recording an order or
    /// claiming a notice wait for one batch at most): the order conversations recorded before
    /// <paramref name="conversationsBefore"/>, the notices delivered or not sent on the customer's word (<c>Sent</c>,
    /// <c>UpdatesOff</c>) claimed before <paramref name="deliveredBefore"/>, and the notices the channel did not take or
    /// nobody finished (<c>Undeliverable</c>, <c>Claimed</c>) claimed before <paramref name="undeliveredBefore"/>. The
    /// feed's cursor only moves forward, so a forgotten notice is never read from the feed again. Returns the rows deleted.
    /// </summary>
    public async Task<int> DeleteExpiredAsync(DateTimeOffset conversationsBefore, DateTimeOffset deliveredBefore, DateTimeOffset undeliveredBefore, CancellationToken cancellationToken)
    {
        var deleted = await DeleteInBatchesAsync(
            "DELETE FROM order_conversations WHERE order_number IN (SELECT order_number FROM order_conversations WHERE recorded_at < @before ORDER BY recorded_at LIMIT @batch)",
            conversationsBefore, cancellationToken);
        deleted += await DeleteInBatchesAsync(
            "DELETE FROM order_notices WHERE event_id IN (SELECT event_id FROM order_notices WHERE outcome IN ('Sent', 'UpdatesOff') AND claimed_at < @before LIMIT @batch)",
            deliveredBefore, cancellationToken);
        deleted += await DeleteInBatchesAsync(
            "DELETE FROM order_notices WHERE event_id IN (SELECT event_id FROM order_notices WHERE outcome IN ('Undeliverable', 'Claimed') AND claimed_at < @before LIMIT @batch)",
            undeliveredBefore, cancellationToken);
        return deleted;
    }

    /// <summary>Rows deleted per statement of a retention sweep.</summary>
    internal const int SweepBatch = 500;

    private async Task<int> DeleteInBatchesAsync(string sql, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        int batch;
        do
        {
            batch = await ExecuteAsync(sql, cancellationToken, ("@before", Format(before)), ("@batch", SweepBatch));
            deleted += batch;
        }
        while (batch == SweepBatch);

        return deleted;
    }

    /// <summary>One write statement; on SQLite in a transaction of its own, taken in the file's write queue.</summary>
    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        if (_sqliteWriter is null)
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = Command(connection, sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await _sqliteWriter.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
            await WhileWritingSqlite(cancellationToken);
            await using var command = Command(connection, sql, parameters);
            command.Transaction = transaction;
            var rows = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return rows;
        }
        finally
        {
            _sqliteWriter.Release();
        }
    }

    private ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) => _open(cancellationToken);

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
