using System.Data;
using My8x8.SalesBot.Ordering.Embedded;
using Npgsql;

namespace My8x8.SalesBot.Ordering.Postgres;

/// <summary>
/// The ordering database on PostgreSQL, shared by every instance. Writes are serialized with transaction-scoped
/// advisory locks, so the rules that read, check and then write hold without retry loops: a write of one account
/// (<see cref="RunForUserAsync"/>: carts, quotes, orders, card links — one open cart per user, idempotent orders,
/// devices within the account's lines) takes that account's lock, and shares the schema's lock with the other
/// accounts' writes, which run beside it; any other write (<see cref="RunAsync"/>) takes the schema's lock alone and
/// waits for all of them (and, waiting, holds back account writes that come after it, so it is not starved). The rules that span accounts are unique keys (order numbers, idempotency keys): the
/// loser of such a race gets a unique violation, rolls back and runs again, and then sees the winner's row.
/// Readers run in REPEATABLE READ: one snapshot, no lock.
/// </summary>
internal sealed class PostgresOrderingDatabase(string connectionString, int loadTestUsers) : OrderingDatabase
{
    private readonly NpgsqlDataSource _dataSource = PostgresDataSources.Create(connectionString, "-ordering");
    private readonly SemaphoreSlim _initLock = new(1, 1);
    private volatile bool _initialized;

    /// <summary>The schema's lock: exclusive for a write that may touch any account, shared by the writes of one account each.</summary>
    internal const string SchemaLockKey = "hashtext('salesbot-ordering-write:' || current_schema())";

    /// <summary>
    /// The account's lock (two-key advisory locks are a space of their own). A user's account never changes, so it
    /// can be looked up before the lock is held; an unknown user locks their id and is refused inside.
    /// </summary>
    internal const string AccountLockKeys =
        "hashtext('salesbot-ordering-account:' || current_schema()), hashtext(coalesce((SELECT account_id FROM users WHERE id = $user), $user))";

    // A race on a unique key across accounts is retried a few times; more than that would be a bug, not a race.
    private const int Attempts = 5;

    public override Task<T> RunAsync<T>(bool write, Func<DbSession, Task<T>> work, CancellationToken cancellationToken) =>
        write ? WriteAsync(null, work, cancellationToken) : ReadAsync(work, cancellationToken);

    public override Task<T> RunForUserAsync<T>(string userId, Func<DbSession, Task<T>> work, CancellationToken cancellationToken) =>
        WriteAsync(userId, work, cancellationToken);

    public override async Task<T> ReadInOneCommandAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // BEGIN and COMMIT are the command's first and last statements: one snapshot, one round trip. A read that fails
        // leaves the transaction to the pool, which rolls it back with the connection.
        return await work(DbSession.SingleCommand(connection, atParameters: true, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", end: "COMMIT"));
    }

    private async Task<T> ReadAsync<T>(Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var result = await work(new DbSession(connection, transaction, atParameters: true));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<T> WriteAsync<T>(string? userId, Func<DbSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            // The transaction is SQL of the write's own commands: BEGIN and the locks lead its first command, and COMMIT
            // ends its last, so a write that saves what it queued (a cart change, a quote) commits in that round trip.
            // A write that fails leaves the transaction open or aborted, and the pool rolls it back with the connection.
            var session = new DbSession(connection, null, atParameters: true);
            try
            {
                // Under READ COMMITTED each statement after the locks reads what was committed before they were granted.
                if (userId is null)
                {
                    session.Lead($"BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock({SchemaLockKey})", resultSets: 1);
                }
                else
                {
                    // Schema lock first: a schema-wide writer never waits for an account lock, so there is no cycle.
                    session.Lead(
                        $"BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock_shared({SchemaLockKey}); SELECT pg_advisory_xact_lock({AccountLockKeys})",
                        resultSets: 2, ("$user", userId));
                }

                var result = await work(session);
                session.ExecuteLater("COMMIT");
                await session.FlushAsync();
                return result;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && userId is not null && attempt < Attempts)
            {
                // Another account's write took the same order number or idempotency key first; this transaction is
                // rolled back (with its connection) and runs again, and now sees that row.
            }
        }
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
                await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
                var seed = new DbSession(connection, transaction, atParameters: true);
                await SeedIfEmptyAsync(seed, loadTestUsers);
                await seed.FlushAsync();
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
