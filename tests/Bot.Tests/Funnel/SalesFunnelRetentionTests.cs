using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Funnel;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Storage;
using My8x8.SalesBot.Tests.Postgres;
using Npgsql;

namespace My8x8.SalesBot.Bot.Tests.Funnel;

/// <summary>
/// The funnel stays bounded: the sweep deletes the days older than the retention, in batches, on each store, and
/// leaves the days still kept — today's counts (what the supervisor reads) untouched.
/// </summary>
public abstract class SalesFunnelRetentionContract
{
    // 9:00 a.m. Pacific on Tuesday 3 March 2026: "today" in the sales time zone is 2026-03-03.
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 3);

    protected abstract Task<ISalesFunnelStore> CreateStoreAsync();

    [SkippableFact]
    public async Task The_sweep_deletes_days_past_the_retention_in_batches_and_keeps_the_rest()
    {
        var store = await CreateStoreAsync();
        // More rows on the oldest day than one batch deletes, so the sweep must go round.
        for (var i = 0; i < SqliteSalesFunnelStore.SweepBatch + 20; i++)
        {
            Assert.True(await store.TryRecordAsync(Today.AddDays(-40), FunnelStages.Conversation, $"old-{i}", null, Now.AddDays(-40), default));
        }

        await store.TryRecordAsync(Today.AddDays(-31), FunnelStages.Cart, "cart-31", null, Now.AddDays(-31), default);
        await store.TryRecordAsync(Today.AddDays(-30), FunnelStages.Cart, "cart-30", null, Now.AddDays(-30), default);
        await store.TryRecordAsync(Today, FunnelStages.Conversation, "today-1", null, Now, default);
        await store.TryRecordAsync(Today, FunnelStages.Handoff, "handoff-1", nameof(HandoffReason.CustomerAsked), Now, default);
        var sweeper = new SalesFunnelSweeper(store, new SalesHours(Options.Create(new SalesHoursOptions()), TimeProvider.System), Options.Create(new HandoffOptions { FunnelRetentionDays = 30 }), new FakeTimeProvider(Now));

        var deleted = await sweeper.SweepAsync(default);

        Assert.Equal(SqliteSalesFunnelStore.SweepBatch + 20 + 1, deleted);
        Assert.Empty(await store.CountAsync(Today.AddDays(-40), default));
        Assert.Empty(await store.CountAsync(Today.AddDays(-31), default));
        Assert.Equal([new FunnelCount(FunnelStages.Cart, null, 1)], await store.CountAsync(Today.AddDays(-30), default));
        Assert.Equal(2, (await store.CountAsync(Today, default)).Sum(c => c.Count));
        // A day swept is a day that can be recorded again: the key does not linger.
        Assert.True(await store.TryRecordAsync(Today.AddDays(-40), FunnelStages.Conversation, "old-0", null, Now, default));
        Assert.Equal(1, await sweeper.SweepAsync(default));
        Assert.Equal(0, await sweeper.SweepAsync(default));
    }
}

public sealed class SqliteSalesFunnelRetentionTests : SalesFunnelRetentionContract, IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly List<SqliteSalesFunnelStore> _stores = [];

    protected override Task<ISalesFunnelStore> CreateStoreAsync()
    {
        var store = new SqliteSalesFunnelStore($"Data Source={Path.Combine(_folder.Path, "funnel.db")}");
        _stores.Add(store);
        return Task.FromResult<ISalesFunnelStore>(store);
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

public sealed class PostgresSalesFunnelRetentionTests : SalesFunnelRetentionContract, IAsyncLifetime
{
    private PostgresTestDatabase? _database;
    private NpgsqlDataSource? _dataSource;

    public async Task InitializeAsync() => _database = await PostgresTestDatabase.CreateAsync();

    protected override Task<ISalesFunnelStore> CreateStoreAsync()
    {
        _dataSource = NpgsqlDataSource.Create(_database!.ConnectionString);
        return Task.FromResult<ISalesFunnelStore>(new PostgresSalesFunnelStore(_dataSource, new PostgresSchema(_dataSource)));
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
