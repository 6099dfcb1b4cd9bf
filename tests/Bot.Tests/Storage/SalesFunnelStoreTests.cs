using Dapper;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Funnel;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Storage;
using My8x8.SalesBot.Tests.Postgres;
using Npgsql;

namespace My8x8.SalesBot.Bot.Tests.Storage;

/// <summary>The funnel's stores on both databases: each subject counts once per stage and day, and the schema arrives by migration.</summary>
public sealed class SalesFunnelStoreTests : IDisposable
{
    private static readonly DateOnly Tuesday = new(2026, 3, 3);
    private static readonly DateTimeOffset At = new(2026, 3, 3, 18, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_previous_release_data_folder_gains_the_funnel_file_migrated_once_and_a_stage_counts_once()
    {
        // The previous release kept handoff.db here and no funnel: the host puts funnel.db beside it.
        var handoff = $"Data Source={Path.Combine(_directory.Path, "handoff.db")}";
        var funnel = SalesFunnelExtensions.ConnectionString(handoff, _directory.Path);
        Assert.Equal(Path.Combine(_directory.Path, "funnel.db"), new SqliteConnectionStringBuilder(funnel).DataSource);

        using (var first = new SqliteSalesFunnelStore(funnel))
        {
            await AssertCountsOnceAsync(first);
        }

        // Opened again (the next start), the script is not run twice and the rows stay.
        using var again = new SqliteSalesFunnelStore(funnel);
        Assert.Equal([new FunnelCount(FunnelStages.Conversation, null, 1), new FunnelCount(FunnelStages.Handoff, "CustomerAsked", 1)],
            (await again.CountAsync(Tuesday, CancellationToken.None)).OrderBy(c => c.Stage, StringComparer.Ordinal));
        await using var connection = new SqliteConnection(funnel);
        Assert.Equal(StoreMigrations.Funnel.ScriptNames("Sqlite"), await connection.QueryAsync<string>("SELECT scriptname FROM bot_schemaversions ORDER BY scriptname"));
    }

    [SkippableFact]
    public async Task On_PostgreSQL_two_instances_recording_the_same_stage_count_it_once()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var sourceA = NpgsqlDataSource.Create(database.ConnectionString);
        await using var sourceB = NpgsqlDataSource.Create(database.ConnectionString);
        using var schemaA = new PostgresSchema(sourceA);
        using var schemaB = new PostgresSchema(sourceB);
        var a = new PostgresSalesFunnelStore(sourceA, schemaA);
        var b = new PostgresSalesFunnelStore(sourceB, schemaB);

        var recorded = await Task.WhenAll(a.TryRecordAsync(Tuesday, FunnelStages.Cart, "cart-1", null, At, CancellationToken.None),
            b.TryRecordAsync(Tuesday, FunnelStages.Cart, "cart-1", null, At, CancellationToken.None));

        Assert.Equal(1, recorded.Count(r => r));
        Assert.Equal([new FunnelCount(FunnelStages.Cart, null, 1)], await b.CountAsync(Tuesday, CancellationToken.None));
        Assert.Empty(await a.CountAsync(Tuesday.AddDays(1), CancellationToken.None));
    }

    [SkippableFact]
    public async Task On_PostgreSQL_stages_recorded_together_count_each_once_with_their_detail_and_day()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var source = NpgsqlDataSource.Create(database.ConnectionString);
        using var schema = new PostgresSchema(source);
        var store = new PostgresSalesFunnelStore(source, schema);
        await AssertCountsOnceAsync(store);

        // Many turns at once: their stages share batches, and a stage recorded by several of them is new for one only.
        var recorded = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            store.TryRecordAsync(Tuesday, i % 2 == 0 ? FunnelStages.Shipping : FunnelStages.Quote, "webchat/c-2", null, At, CancellationToken.None)));

        Assert.Equal(2, recorded.Count(r => r));
        Assert.Equal(
            [new FunnelCount(FunnelStages.Conversation, null, 1), new FunnelCount(FunnelStages.Handoff, "CustomerAsked", 1), new FunnelCount(FunnelStages.Quote, null, 1),
                new FunnelCount(FunnelStages.Shipping, null, 1)],
            (await store.CountAsync(Tuesday, CancellationToken.None)).OrderBy(c => c.Stage, StringComparer.Ordinal));
    }

    private static async Task AssertCountsOnceAsync(ISalesFunnelStore store)
    {
        Assert.True(await store.TryRecordAsync(Tuesday, FunnelStages.Conversation, "webchat/c-1", null, At, CancellationToken.None));
        Assert.False(await store.TryRecordAsync(Tuesday, FunnelStages.Conversation, "webchat/c-1", null, At.AddMinutes(5), CancellationToken.None));
        Assert.True(await store.TryRecordAsync(Tuesday, FunnelStages.Handoff, "webchat/c-1#a-1", "CustomerAsked", At, CancellationToken.None));
        // The next day is a new day for the same conversation.
        Assert.True(await store.TryRecordAsync(Tuesday.AddDays(1), FunnelStages.Conversation, "webchat/c-1", null, At.AddDays(1), CancellationToken.None));
    }
}
