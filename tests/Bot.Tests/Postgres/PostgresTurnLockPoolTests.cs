using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Tests.Postgres;
using My8x8.SalesBot.Tests.Topology;
using My8x8.SalesBot.Turns;
using Npgsql;

namespace My8x8.SalesBot.Bot.Tests.Postgres;

/// <summary>
/// A turn holds its conversation's lock on a connection for the whole turn and opens other connections for its state:
/// with as many turns in flight as the pool has connections, the turns holding locks must still get those.
/// </summary>
public sealed class PostgresTurnLockPoolTests : IAsyncLifetime
{
    private const int PoolSize = 4;
    private PostgresTestDatabase? _database;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Turns_holding_as_many_conversation_locks_as_the_pool_has_connections_still_read_and_write_their_state()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        _database = await PostgresTestDatabase.CreateAsync();
        // A short pool timeout, so a pool the locks have used up fails the state write in seconds instead of 15.
        var connectionString = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { MaxPoolSize = PoolSize, Timeout = 3 }.ConnectionString;
        using var host = new PostgresSalesBotFactory(connectionString);
        host.CreateClient();
        var locks = host.Services.GetRequiredService<IConversationTurnLock>();
        var storage = host.Services.GetRequiredService<IStorage>();

        var held = new List<IAsyncDisposable>();
        try
        {
            for (var i = 0; i < PoolSize; i++)
            {
                held.Add(await locks.AcquireAsync($"webchat/conversations/pool-{i}", CancellationToken.None));
            }

            var changes = Enumerable.Range(0, PoolSize).ToDictionary(i => $"webchat/conversations/pool-{i}", i => (object)new Dictionary<string, object> { ["step"] = $"shop-{i}" });
            await storage.WriteAsync(changes, CancellationToken.None);
            Assert.Equal(PoolSize, (await storage.ReadAsync([.. changes.Keys], CancellationToken.None)).Count);
        }
        finally
        {
            foreach (var lease in held)
            {
                await lease.DisposeAsync();
            }
        }
    }
}
