using System.Globalization;
using Dapper;
using My8x8.SalesBot.Storage;
using Npgsql;

namespace My8x8.SalesBot.Funnel;

/// <summary>
/// <see cref="ISalesFunnelStore"/> on the PostgreSQL database every instance shares: a stage one instance recorded is
/// a no-op for the next (the primary key), so the supervisor on any instance reads the same funnel. The stages that
/// turns record while a write is under way go in the next one, one statement of arrays (<see cref="GroupCommit{TItem, TResult}"/>):
/// under load one round trip serves several turns.
/// </summary>
public sealed class PostgresSalesFunnelStore : ISalesFunnelStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresSchema _schema;
    private readonly GroupCommit<PendingStage, bool> _inserts;

    public PostgresSalesFunnelStore(NpgsqlDataSource dataSource, PostgresSchema schema)
    {
        _dataSource = dataSource;
        _schema = schema;
        _inserts = new GroupCommit<PendingStage, bool>(InsertAsync);
    }

    public Task<bool> TryRecordAsync(DateOnly day, string stage, string subject, string? detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        _inserts.WriteAsync(new PendingStage(day, stage, subject, detail, at.ToUniversalTime()), cancellationToken);

    /// <summary>The stages recorded while the last write was under way, in one statement; true for each new row.</summary>
    private async Task<bool[]> InsertAsync(IReadOnlyList<PendingStage> stages)
    {
        await _schema.EnsureCreatedAsync(CancellationToken.None);
        await using var connection = await _dataSource.OpenConnectionAsync(CancellationToken.None);
        var added = (await connection.QueryAsync<(string Day, string Stage, string Subject)>(new CommandDefinition(
            """
            INSERT INTO sales_funnel (day, stage, subject, detail, at)
            SELECT * FROM unnest(@days, @stages, @subjects, @details, @ats)
            ON CONFLICT DO NOTHING
            RETURNING to_char(day, 'YYYY-MM-DD'), stage, subject
            """,
            new
            {
                days = stages.Select(s => s.Day).ToArray(),
                stages = stages.Select(s => s.Stage).ToArray(),
                subjects = stages.Select(s => s.Subject).ToArray(),
                details = stages.Select(s => s.Detail).ToArray(),
                ats = stages.Select(s => s.At).ToArray(),
            }))).ToHashSet();
        // A stage two turns recorded in one batch is one new row: only the first of them counts it.
        var results = new bool[stages.Count];
        for (var i = 0; i < stages.Count; i++)
        {
            results[i] = added.Remove((stages[i].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), stages[i].Stage, stages[i].Subject));
        }

        return results;
    }

    public async Task<IReadOnlyList<FunnelCount>> CountAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await _schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Stage, string? Detail, long Count)>(new CommandDefinition(
            "SELECT stage, detail, count(*) FROM sales_funnel WHERE day = @day GROUP BY stage, detail", new { day }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new FunnelCount(r.Stage, r.Detail, (int)r.Count))];
    }

    public async Task<int> DeleteDaysBeforeAsync(DateOnly before, CancellationToken cancellationToken)
    {
        await _schema.EnsureCreatedAsync(cancellationToken);
        var deleted = 0;
        while (true)
        {
            // Each batch its own short statement: another instance recording a stage never waits behind the whole sweep.
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            var batch = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM sales_funnel WHERE ctid IN (SELECT ctid FROM sales_funnel WHERE day < @before LIMIT @batch)",
                new { before, batch = SweepBatch }, cancellationToken: cancellationToken));
            deleted += batch;
            if (batch < SweepBatch)
            {
                return deleted;
            }
        }
    }

    /// <summary>Rows deleted per batch of a retention sweep.</summary>
    internal const int SweepBatch = 500;

    private sealed record PendingStage(DateOnly Day, string Stage, string Subject, string? Detail, DateTimeOffset At);
}
