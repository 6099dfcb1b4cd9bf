using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Sqlite;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Funnel;

/// <summary>
/// <see cref="ISalesFunnelStore"/> on a SQLite file of its own (beside the handoff database), so the funnel's writes
/// never queue behind the transcript's. An order conversation reaches about nine stages in seven turns, so the
/// stages are written on kept connections with the insert prepared, and the stages that concurrent turns record
/// while a write is under way are written together in the next transaction (one commit for all of them instead of
/// one each); every caller still learns whether its own row was new.
/// </summary>
public sealed class SqliteSalesFunnelStore : ISalesFunnelStore, IDisposable
{
    private const string InsertSql =
        "INSERT INTO sales_funnel (day, stage, subject, detail, at) VALUES ($day, $stage, $subject, $detail, $at) ON CONFLICT DO NOTHING";

    private readonly string _connectionString;
    private readonly SqliteConnectionPool _pool;

    // One writer at a time in this process, instead of SQLite's busy retries with their 150 ms sleeps; the queue is
    // the file's, shared with any other store of this process on the same file.
    private readonly SemaphoreSlim _writeLock;

    private readonly GroupCommit<PendingStage, bool> _inserts;

    public SqliteSalesFunnelStore(string connectionString)
    {
        _connectionString = SqliteFiles.Prepare(connectionString);
        _writeLock = SqliteFiles.Writer(_connectionString);
        _pool = SqliteFiles.Pool(_connectionString);
        _inserts = new GroupCommit<PendingStage, bool>(InsertAsync);
        SqliteFiles.UseWriteAheadLog(_connectionString);
        StoreMigrations.Funnel.UpgradeSqlite(_connectionString);
    }

    public Task<bool> TryRecordAsync(DateOnly day, string stage, string subject, string? detail, DateTimeOffset at, CancellationToken cancellationToken) =>
        _inserts.WriteAsync(new PendingStage(Day(day), stage, subject, detail, at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)), cancellationToken);

    /// <summary>The stages recorded while the last write was under way, in one transaction; true for each new row.</summary>
    private async Task<bool[]> InsertAsync(IReadOnlyList<PendingStage> stages)
    {
        await _writeLock.WaitAsync(CancellationToken.None);
        try
        {
            return await _pool.RunAsync(async connection =>
            {
                // BEGIN IMMEDIATE: the write lock is taken up front rather than upgraded mid-transaction.
                await using var transaction = connection.Connection.BeginTransaction(deferred: false);
                var insert = connection.Command(InsertSql, transaction);
                var day = insert.Parameters.Add("$day", SqliteType.Text);
                var stage = insert.Parameters.Add("$stage", SqliteType.Text);
                var subject = insert.Parameters.Add("$subject", SqliteType.Text);
                var detail = insert.Parameters.Add("$detail", SqliteType.Text);
                var at = insert.Parameters.Add("$at", SqliteType.Text);
                var added = new bool[stages.Count];
                for (var i = 0; i < stages.Count; i++)
                {
                    day.Value = stages[i].Day;
                    stage.Value = stages[i].Stage;
                    subject.Value = stages[i].Subject;
                    detail.Value = (object?)stages[i].Detail ?? DBNull.Value;
                    at.Value = stages[i].At;
                    added[i] = await insert.ExecuteNonQueryAsync(CancellationToken.None) == 1;
                }

                await transaction.CommitAsync(CancellationToken.None);
                return added;
            }, CancellationToken.None);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private sealed record PendingStage(string Day, string Stage, string Subject, string? Detail, string At);

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

    public void Dispose()
    {
        // The write queue is the file's (SqliteFiles.Writer), not this instance's: it stays for the next store on the file.
        _pool.Dispose();
    }

    // ISO dates: one spelling per day, in the key.
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
