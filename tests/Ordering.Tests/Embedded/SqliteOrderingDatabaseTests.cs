using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Ordering.Embedded;

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
