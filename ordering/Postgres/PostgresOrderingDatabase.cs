using System.Data;
using My8x8.SalesBot.Ordering.Embedded;
using Npgsql;

namespace My8x8.SalesBot.Ordering.Postgres;

/// <summary>
/// The ordering database on PostgreSQL. Writers take a transaction-scoped advisory lock (one per schema), which
/// serializes them across every instance exactly as SQLite's single writer does — so the rules that read, check and
/// then write (one open cart per user, idempotent orders, devices within lines) hold without retry loops. Ordering
/// writes are a handful per customer, far below what one lock can carry. Readers run in REPEATABLE READ: one snapshot.
/// </summary>
internal sealed class PostgresOrderingDatabase(string connectionString, int loadTestUsers) : OrderingDatabase
{
    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    public override async Task<T> RunAsync<T>(bool write, Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(write ? IsolationLevel.ReadCommitted : IsolationLevel.RepeatableRead, cancellationToken);
        var session = new DbSession(connection, transaction, atParameters: true);
        if (write)
        {
            await session.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtext('salesbot-ordering-write:' || current_schema()))");
        }

        var result = await work(session);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var command = _dataSource.CreateCommand("SELECT 1");
        return await command.ExecuteScalarAsync(cancellationToken) is 1;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _dataSource.Dispose();
            _initLock.Dispose();
        }
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initLock.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            // Instances starting together upgrade and seed the schema one after the other: the session lock is held
            // across the migrations (which run on their own connection) and the seeding.
            var session = new DbSession(connection, null, atParameters: true);
            await session.ExecuteAsync("SELECT pg_advisory_lock(hashtext('salesbot-ordering-schema:' || current_schema()))");
            try
            {
                // DbUp is synchronous; this runs once per process, before the first ordering call.
                await Task.Run(() => OrderingMigrations.UpgradePostgres(connectionString), cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await SeedIfEmptyAsync(new DbSession(connection, transaction, atParameters: true), loadTestUsers);
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                await session.ExecuteAsync("SELECT pg_advisory_unlock(hashtext('salesbot-ordering-schema:' || current_schema()))");
            }

            _initialized = true;
        }
        finally
        {
            _initLock.Release();
        }
    }
}
