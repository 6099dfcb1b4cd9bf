using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Ordering.Embedded;
using My8x8.SalesBot.Ordering.Postgres;
using My8x8.SalesBot.Tests.Postgres;
using Npgsql;

namespace My8x8.SalesBot.Ordering.Tests.Embedded;

/// <summary>
/// An ordering database made by the first release (its schema typed by hand, <c>meta.schema_version = 1</c>, no
/// migration journal) is upgraded in place by the migrations and keeps its orders and carts. The SQLite fixture is
/// a file that release wrote through its REST API: Ava ordered 2 X4 lines and a Yealink T54W by ground
/// (SO-2026-75972, $317.76); Ben left an open cart with 3 X6 lines. On PostgreSQL the same rows are loaded into
/// that release's PostgreSQL schema.
/// </summary>
public sealed class OrderingUpgradeTests : IAsyncDisposable
{
    private const string FixtureOrder = "SO-2026-75972";
    private const string BensCart = "cart-69e19c8391534bb1";
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Embedded", "Fixtures");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ordering-upgrade-{Guid.NewGuid():N}.db");
    private PostgresTestDatabase? _postgres;

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_first_release_SQLite_database_is_migrated_in_place_and_keeps_its_orders_and_carts()
    {
        File.Copy(Path.Combine(Fixtures, "ordering-first-release.db"), _path);
        Assert.Equal("1", await SqliteScalarAsync<string>("SELECT value FROM meta WHERE key = 'schema_version'"));

        using (var service = Sqlite())
        {
            await AssertFixtureIntactAsync(service);
        }

        Assert.Equal(OrderingMigrations.ScriptNames("Sqlite"), await SqliteColumnAsync("SELECT scriptname FROM schemaversions ORDER BY scriptname"));
        Assert.Equal(0, await SqliteScalarAsync<long>("SELECT COUNT(*) FROM sqlite_master WHERE name = 'meta'"));

        // Opening it again applies nothing twice and still finds everything.
        using var again = Sqlite();
        Assert.Equal(4, (await again.GetOpenCartAsync(DemoUsers.Ben, Ct)).Version);
        Assert.Equal(OrderingMigrations.ScriptNames("Sqlite").Count, await SqliteScalarAsync<long>("SELECT COUNT(*) FROM schemaversions"));
    }

    [Fact]
    public async Task A_new_SQLite_database_gets_every_migration_and_the_demo_data_once()
    {
        using (var service = Sqlite())
        {
            Assert.Equal(9, (await service.GetCatalogAsync(Ct)).Count);
        }

        using (var service = Sqlite())
        {
            Assert.Equal(9, (await service.GetCatalogAsync(Ct)).Count);
            Assert.Equal(DemoUsers.All.Count, await SqliteScalarAsync<long>("SELECT COUNT(*) FROM users"));
        }

        Assert.Equal(OrderingMigrations.ScriptNames("Sqlite"), await SqliteColumnAsync("SELECT scriptname FROM schemaversions ORDER BY scriptname"));
    }

    [SkippableFact]
    public async Task A_first_release_PostgreSQL_schema_is_migrated_in_place_and_keeps_its_orders_and_carts()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        _postgres = await PostgresTestDatabase.CreateAsync();
        await using (var connection = new NpgsqlConnection(_postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using (var ddl = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(Fixtures, "ordering-first-release.postgres.sql")), connection))
            {
                await ddl.ExecuteNonQueryAsync();
            }

            await CopyFixtureRowsAsync(connection);
        }

        var options = new OrderingOptions { PostgresConnectionString = _postgres.ConnectionString };
        using (var service = new PostgresOrderingService(Microsoft.Extensions.Options.Options.Create(options), _time, NullLogger<PostgresOrderingService>.Instance))
        {
            await AssertFixtureIntactAsync(service);
        }

        await using var check = new NpgsqlConnection(_postgres.ConnectionString);
        await check.OpenAsync();
        await using var journal = new NpgsqlCommand("SELECT scriptname FROM schemaversions ORDER BY scriptname", check);
        var applied = new List<string>();
        await using (var reader = await journal.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetString(0));
            }
        }

        Assert.Equal(OrderingMigrations.ScriptNames("Postgres"), applied);
        await using var meta = new NpgsqlCommand("SELECT to_regclass('meta') IS NULL", check);
        Assert.True((bool)(await meta.ExecuteScalarAsync())!);
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private static async Task AssertFixtureIntactAsync(EmbeddedOrderingService service)
    {
        var order = await service.GetOrderAsync(FixtureOrder, Ct);
        Assert.NotNull(order);
        Assert.Equal(DemoUsers.Ava, order.UserId);
        Assert.Equal([("X4-LINE", 2), ("YEA-T54W", 1)], order.Items.Select(i => (i.Sku, i.Quantity)));
        Assert.Equal(317.76m, order.Total);
        Assert.Equal(order.Total, order.Charges.DueToday.Sum(c => c.Amount));
        Assert.Equal("ground", order.Shipping?.Code);
        Assert.Equal(("Visa", "4242"), (order.Payment.Brand, order.Payment.Last4));
        Assert.Equal([FixtureOrder], (await service.GetOrdersAsync(DemoUsers.Ava, Ct)).Select(o => o.Number));
        // The order's 2 lines and 1 phone joined Ava's account (seeded with 8 lines, 5 of them with a phone).
        var ava = (await service.GetUserAsync(DemoUsers.Ava, Ct))!.Account;
        Assert.Equal((10, 6), (ava.Lines, ava.LinesWithDevice));

        var cart = await service.GetOpenCartAsync(DemoUsers.Ben, Ct);
        Assert.Equal(BensCart, cart.Id);
        Assert.Equal([("X6-LINE", 3)], cart.Items.Select(i => (i.Sku, i.Quantity)));
        Assert.Equal(2, cart.Version);
        // And it goes on working: Ben's cart takes a change, Ava gets a new cart and can be quoted.
        Assert.Equal(3, (await service.AddToCartAsync(DemoUsers.Ben, BensCart, "X6-LINE", 1, Ct)).Version);
        Assert.Equal(4, (await service.SetQuantityAsync(DemoUsers.Ben, BensCart, "X6-LINE", 3, Ct)).Version);
        var avaCart = await service.GetOpenCartAsync(DemoUsers.Ava, Ct);
        Assert.NotEqual(order.CartId, avaCart.Id);
        await service.AddToCartAsync(DemoUsers.Ava, avaCart.Id, "X2-LINE", 1, Ct);
        Assert.NotNull(await service.QuoteAsync(DemoUsers.Ava, avaCart.Id, null, Ct));
    }

    private SqliteOrderingService Sqlite() =>
        new(Microsoft.Extensions.Options.Options.Create(new OrderingOptions { DatabasePath = _path }), _time, NullLogger<SqliteOrderingService>.Instance);

    private async Task<T> SqliteScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<List<string>> SqliteColumnAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Every row of the SQLite fixture, table by table in foreign-key order, into the first release's PostgreSQL schema.</summary>
    private static async Task CopyFixtureRowsAsync(NpgsqlConnection target)
    {
        string[] tables = ["meta", "accounts", "users", "products", "shipping_methods", "tax_rates", "terms", "cards", "card_setup_links", "carts",
            "cart_items", "quotes", "orders", "order_items", "idempotency_keys"];
        await using var source = new SqliteConnection($"Data Source={Path.Combine(Fixtures, "ordering-first-release.db")};Mode=ReadOnly;Pooling=False");
        await source.OpenAsync();
        foreach (var table in tables)
        {
            var booleans = new HashSet<string>(StringComparer.Ordinal);
            await using (var columns = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 AND data_type = 'boolean'", target))
            {
                columns.Parameters.AddWithValue(table);
                await using var reader = await columns.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    booleans.Add(reader.GetString(0));
                }
            }

            await using var select = new SqliteCommand($"SELECT * FROM {table}", source);
            await using var rows = await select.ExecuteReaderAsync();
            var names = Enumerable.Range(0, rows.FieldCount).Select(rows.GetName).ToList();
            var insert = $"INSERT INTO {table} ({string.Join(", ", names)}) VALUES ({string.Join(", ", names.Select((_, i) => $"${i + 1}"))})";
            while (await rows.ReadAsync())
            {
                await using var command = new NpgsqlCommand(insert, target);
                for (var i = 0; i < names.Count; i++)
                {
                    var value = rows.IsDBNull(i) ? DBNull.Value : rows.GetValue(i);
                    command.Parameters.AddWithValue(booleans.Contains(names[i]) && value is long flag ? flag != 0 : value);
                }

                await command.ExecuteNonQueryAsync();
            }
        }
    }
}
