using Microsoft.Bot.Builder;
using My8x8.SalesBot.Bot.Tests.Storage;
using My8x8.SalesBot.Storage;
using Npgsql;
using My8x8.SalesBot.Tests.Postgres;

namespace My8x8.SalesBot.Bot.Tests.Postgres;

/// <summary>The storage contract on PostgreSQL; every handle has its own data source, as another instance would.</summary>
public sealed class PostgresStorageTests : StorageContractTests, IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private PostgresTestDatabase? _database;

    private PostgresTestDatabase Database => _database ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    protected override IStorage CreateStorage() => Open();

    protected override IStorage OpenSameStore() => Open();

    protected override async Task BackdateAsync(IReadOnlyCollection<string> keys, TimeSpan age)
    {
        await using var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        await using var update = dataSource.CreateCommand("UPDATE bot_state SET updated_at = now() - $1 WHERE key = ANY($2)");
        update.Parameters.Add(new NpgsqlParameter { Value = age });
        update.Parameters.Add(new NpgsqlParameter { Value = keys.ToArray() });
        Assert.Equal(keys.Count, await update.ExecuteNonQueryAsync());
    }

    [SkippableFact]
    public async Task The_table_is_created_once_even_when_instances_start_together()
    {
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => Open().ReadAsync(["anything"]))));

        var items = await Open().ReadAsync(["anything"]);
        Assert.Empty(items);
    }

    public async Task DisposeAsync()
    {
        List<NpgsqlDataSource> dataSources;
        lock (_dataSources)
        {
            dataSources = [.. _dataSources];
        }

        foreach (var dataSource in dataSources)
        {
            await dataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private PostgresStorage Open()
    {
        var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        lock (_dataSources)
        {
            _dataSources.Add(dataSource);
        }

        return new PostgresStorage(dataSource, new PostgresSchema(dataSource));
    }
}
