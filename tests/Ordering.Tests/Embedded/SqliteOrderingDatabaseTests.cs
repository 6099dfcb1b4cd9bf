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
        var refused = await Assert.ThrowsAsync<SqliteException>(() => _database.RunAsync(write: true, async s =>
        {
            await s.ExecuteAsync("INSERT INTO cart_items (cart_id, sku, quantity) VALUES ('cart-missing', 'no-such-sku', 1)");
            return 0;
        }, CancellationToken.None));
        Assert.Contains("FOREIGN KEY", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_statement_queued_for_the_commit_that_breaks_a_rule_fails_the_write_and_rolls_back_its_statements()
    {
        var refused = await Assert.ThrowsAsync<SqliteException>(() => _database.RunAsync(write: true, s =>
        {
            s.ExecuteLater("UPDATE products SET name = $n WHERE sku = $s", ("$n", "Renamed"), ("$s", "X2-LINE"));
            s.ExecuteLater("INSERT INTO cart_items (cart_id, sku, quantity) VALUES ($c, $s, 1)", ("$c", "cart-missing"), ("$s", "no-such-sku"));
            return Task.FromResult(0);
        }, CancellationToken.None));

        Assert.Contains("FOREIGN KEY", refused.Message, StringComparison.OrdinalIgnoreCase);
        var name = await _database.RunAsync(write: false, s => s.ScalarAsync<string>("SELECT name FROM products WHERE sku = $s", ("$s", "X2-LINE")), CancellationToken.None);
        Assert.NotEqual("Renamed", name);
    }

    [Fact]
    public async Task Statements_queued_with_the_same_parameter_names_keep_their_own_values_and_run_before_the_next_read()
    {
        var read = await _database.RunAsync(write: true, async s =>
        {
            s.ExecuteLater("UPDATE products SET sort_order = $o WHERE sku = $s", ("$o", 901), ("$s", "X2-LINE"));
            s.ExecuteLater("UPDATE products SET sort_order = $o WHERE sku = $s", ("$o", 902), ("$s", "X4-LINE"));
            await using var results = await s.QueryManyAsync(
                "SELECT sort_order FROM products WHERE sku = $a; SELECT sort_order FROM products WHERE sku = $b", ("$a", "X2-LINE"), ("$b", "X4-LINE"));
            return (await results.ReadSingleAsync(r => (object)r.GetInt64(0)), await results.ReadSingleAsync(r => (object)r.GetInt64(0)));
        }, CancellationToken.None);

        Assert.Equal((901L, 902L), ((long)read.Item1!, (long)read.Item2!));
    }

    [Fact]
    public async Task A_read_in_one_command_refuses_a_second_command()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => _database.ReadInOneCommandAsync(async s =>
        {
            await s.ScalarAsync<long>("SELECT COUNT(*) FROM products");
            return await s.ScalarAsync<long>("SELECT COUNT(*) FROM carts");
        }, CancellationToken.None));
        Assert.Contains("second command", refused.Message, StringComparison.Ordinal);
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
