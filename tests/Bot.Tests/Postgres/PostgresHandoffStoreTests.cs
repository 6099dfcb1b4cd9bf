using My8x8.SalesBot.Bot.Tests.Handoff;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Storage;
using Npgsql;
using My8x8.SalesBot.Tests.Postgres;

namespace My8x8.SalesBot.Bot.Tests.Postgres;

/// <summary>The handoff store contract on PostgreSQL; every handle has its own data source, as another instance would.</summary>
public sealed class PostgresHandoffStoreTests : HandoffStoreContractTests, IAsyncLifetime
{
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private PostgresTestDatabase? _database;

    private PostgresTestDatabase Database => _database ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    protected override IHandoffStore CreateStore() => Open();

    protected override IHandoffStore OpenSameStore() => Open();

    public async Task DisposeAsync()
    {
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private PostgresHandoffStore Open()
    {
        var dataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        _dataSources.Add(dataSource);
        return new PostgresHandoffStore(dataSource, new PostgresSchema(dataSource));
    }
}
