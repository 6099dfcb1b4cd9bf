using Dapper;
using My8x8.SalesBot.Storage;
using Npgsql;

namespace My8x8.SalesBot.Funnel;

/// <summary>
/// <see cref="ISalesFunnelStore"/> on the PostgreSQL database every instance shares: a stage one instance recorded is
/// a no-op for the next (the primary key), so the supervisor on any instance reads the same funnel.
/// </summary>
public sealed class PostgresSalesFunnelStore(NpgsqlDataSource dataSource, PostgresSchema schema) : ISalesFunnelStore
{
    public async Task<bool> TryRecordAsync(DateOnly day, string stage, string subject, string? detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO sales_funnel (day, stage, subject, detail, at) VALUES (@day, @stage, @subject, @detail, @at) ON CONFLICT DO NOTHING",
            new { day, stage, subject, detail, at = at.ToUniversalTime() },
            cancellationToken: cancellationToken)) == 1;
    }

    public async Task<IReadOnlyList<FunnelCount>> CountAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Stage, string? Detail, long Count)>(new CommandDefinition(
            "SELECT stage, detail, count(*) FROM sales_funnel WHERE day = @day GROUP BY stage, detail", new { day }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new FunnelCount(r.Stage, r.Detail, (int)r.Count))];
    }

    public async Task<int> DeleteDaysBeforeAsync(DateOnly before, CancellationToken cancellationToken)
    {
        await schema.EnsureCreatedAsync(cancellationToken);
        var deleted = 0;
        while (true)
        {
            // Each batch its own short statement: another instance recording a stage never waits behind the whole sweep.
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
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
}
