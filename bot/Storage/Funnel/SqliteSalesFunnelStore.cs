using System.Globalization;
using Dapper;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Funnel;

/// <summary>
/// <see cref="ISalesFunnelStore"/> on a SQLite file of its own (beside the handoff database), so the funnel's writes
/// never queue behind the transcript's.
/// </summary>
public sealed class SqliteSalesFunnelStore : ISalesFunnelStore, IDisposable
{
    private readonly string _connectionString;

    // One writer at a time in this process, instead of SQLite's busy retries with their 150 ms sleeps.
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    public SqliteSalesFunnelStore(string connectionString)
    {
        _connectionString = SqliteFiles.Prepare(connectionString);
        SqliteFiles.UseWriteAheadLog(_connectionString);
        StoreMigrations.Funnel.UpgradeSqlite(_connectionString);
    }

    public async Task<bool> TryRecordAsync(DateOnly day, string stage, string subject, string? detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await SqliteFiles.OpenAsync(_connectionString, cancellationToken);
            return await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO sales_funnel (day, stage, subject, detail, at) VALUES ($day, $stage, $subject, $detail, $at) ON CONFLICT DO NOTHING",
                new { day = Day(day), stage, subject, detail, at = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
                cancellationToken: cancellationToken)) == 1;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<IReadOnlyList<FunnelCount>> CountAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = await SqliteFiles.OpenAsync(_connectionString, cancellationToken);
        var rows = await connection.QueryAsync<(string Stage, string? Detail, long Count)>(new CommandDefinition(
            "SELECT stage, detail, count(*) FROM sales_funnel WHERE day = $day GROUP BY stage, detail", new { day = Day(day) }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new FunnelCount(r.Stage, r.Detail, (int)r.Count))];
    }

    public async Task<int> DeleteDaysBeforeAsync(DateOnly before, CancellationToken cancellationToken)
    {
        var deleted = 0;
        while (true)
        {
            int batch;
            await _writeLock.WaitAsync(cancellationToken);
            try
            {
                await using var connection = await SqliteFiles.OpenAsync(_connectionString, cancellationToken);
                batch = await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM sales_funnel WHERE rowid IN (SELECT rowid FROM sales_funnel WHERE day < $before LIMIT $batch)",
                    new { before = Day(before), batch = SweepBatch }, cancellationToken: cancellationToken));
            }
            finally
            {
                _writeLock.Release();
            }

            deleted += batch;
            if (batch < SweepBatch)
            {
                return deleted;
            }
        }
    }

    /// <summary>Rows deleted per batch of a retention sweep.</summary>
    internal const int SweepBatch = 500;

    public void Dispose() => _writeLock.Dispose();

    // ISO dates: one spelling per day, in the key.
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
