using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Ordering.Embedded;
using My8x8.SalesBot.Sqlite;

namespace My8x8.SalesBot.Ordering.Tests.Embedded;

/// <summary>Connection settings are applied once per pooled connection, so they must hold on every reuse.</summary>
public sealed class SqliteOrderingDatabaseTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ordering-db-tests-{Guid.NewGuid():N}.db");
    private readonly SqliteOrderingDatabase _database;

    public SqliteOrderingDatabaseTests() => _database = new SqliteOrderingDatabase(_path);

    [Fact]
    public async Task Every_connection_enforces_foreign_keys_and_syncs_normally_also_when_reused_from_the_pool()
    {
        for (var round = 0; round < 3; round++)
        {
            foreach (var write in new[] { false, true })
            {
                var (foreignKeys, synchronous) = await _database.RunAsync(write, async s =>
                    (await s.ScalarAsync<long>("PRAGMA foreign_keys"), await s.ScalarAsync<long>("PRAGMA synchronous")), CancellationToken.None);
                Assert.Equal(1, foreignKeys);
                Assert.Equal(1, synchronous); // NORMAL
            }
        }
    }

    [Fact]
    public async Task A_cart_item_of_a_missing_cart_is_refused()
    {
        var refused = await Assert.ThrowsAsync<SqliteException>(() => _database.RunAsync(write: true,
            s => s.ExecuteAsync("INSERT INTO cart_items (cart_id, sku, quantity) VALUES ('cart-missing', 'no-such-sku', 1)"), CancellationToken.None));
        Assert.Contains("FOREIGN KEY", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Statements_are_prepared_once_per_connection_and_rebound_with_each_calls_values()
    {
        var pool = new SqliteConnectionPool($"Data Source={_path}", _ => Task.CompletedTask);
        const string Sql = "SELECT $a + $b";

        var lease = await pool.RentAsync(CancellationToken.None);
        var first = lease.Command(Sql);
        pool.Return(lease, healthy: true);
        var again = await pool.RentAsync(CancellationToken.None);
        var second = again.Command(Sql);

        Assert.Same(lease, again);
        Assert.Same(first, second);
        await using var transaction = again.Connection.BeginTransaction();
        var session = new DbSession(again.Connection, transaction, prepared: again);
        Assert.Equal(3, await session.ScalarAsync<long>(Sql, ("$a", 1), ("$b", 2)));
        Assert.Equal(30, await session.ScalarAsync<long>(Sql, ("$a", 10), ("$b", 20)));
        Assert.Same(second, again.Command(Sql));
        await transaction.CommitAsync();

        // A connection that failed with a database error is not handed out again.
        pool.Return(again, healthy: false);
        var fresh = await pool.RentAsync(CancellationToken.None);
        Assert.NotSame(again, fresh);
        pool.Return(fresh, healthy: true);
        pool.Dispose();
    }

    [Fact]
    public async Task A_refused_operation_rolls_back_and_the_next_one_on_the_same_connection_works()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => _database.RunAsync<int>(write: true, async s =>
        {
            await s.ExecuteAsync("INSERT INTO tax_rates (state, rate_basis_points) VALUES ('ZZ', 1)");
            throw new InvalidOperationException("refused");
        }, CancellationToken.None));

        var probe = await _database.RunAsync(write: false, s => s.ScalarAsync<long?>("SELECT rate_basis_points FROM tax_rates WHERE state = 'ZZ'"), CancellationToken.None);
        Assert.Null(probe);
    }

    public void Dispose()
    {
        _database.ClearPool();
        _database.Dispose();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
