using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Notices;
using My8x8.SalesBot.Storage;
using My8x8.SalesBot.Tests.Postgres;
using Npgsql;

namespace My8x8.SalesBot.Bot.Tests.Notices;

/// <summary>
/// The shipment notices' tables stay bounded: the host's sweep job deletes order conversations and notices past their
/// retention on the store's own clock, keeps what is still fresh, and keeps a notice the channel did not take (or one
/// nobody finished) until the longer retention of undelivered notices. The same contract on SQLite and PostgreSQL.
/// </summary>
public abstract class OrderNoticeRetentionContractTests
{
    private static readonly OrderNoticeOptions Retention = new()
    {
        ConversationRetention = TimeSpan.FromDays(90),
        NoticeRetention = TimeSpan.FromDays(30),
        UndeliveredRetention = TimeSpan.FromDays(60),
    };

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => CancellationToken.None;

    protected abstract Task<OrderNoticeStore> OpenAsync();

    [SkippableFact]
    public async Task Notices_past_their_retention_are_swept_while_fresh_and_undelivered_ones_stay()
    {
        var store = await OpenAsync();
        var sweeper = new OrderNoticeSweeper(store, Options.Create(Retention), _clock);
        await store.RememberConversationAsync("SO-OLD", "load-001", "{\"old\":true}", _clock.GetUtcNow(), Ct);
        await ClaimAsync(store, "old-sent", "SO-OLD", OrderNoticeOutcome.Sent);
        await ClaimAsync(store, "old-off", "SO-OLD", OrderNoticeOutcome.UpdatesOff);
        await ClaimAsync(store, "old-undeliverable", "SO-OLD", OrderNoticeOutcome.Undeliverable);
        await ClaimAsync(store, "old-claimed", "SO-OLD", null);

        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        await store.RememberConversationAsync("SO-NEW", "load-002", "{\"new\":true}", _clock.GetUtcNow(), Ct);
        await ClaimAsync(store, "new-sent", "SO-NEW", OrderNoticeOutcome.Sent);

        Assert.Equal(2, await sweeper.SweepAsync(Ct));
        Assert.Equal(["old-claimed", "old-undeliverable"], (await store.NoticesAsync("SO-OLD", Ct)).Select(n => n.EventId));
        Assert.Equal(["new-sent"], (await store.NoticesAsync("SO-NEW", Ct)).Select(n => n.EventId));
        Assert.NotNull(await store.GetConversationAsync("SO-OLD", Ct));

        // Past the undelivered notices' retention (and the fresh notice's), short of the order conversations'.
        _clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        Assert.Equal(3, await sweeper.SweepAsync(Ct));
        Assert.Empty(await store.NoticesAsync("SO-OLD", Ct));
        Assert.Empty(await store.NoticesAsync("SO-NEW", Ct));
        Assert.NotNull(await store.GetConversationAsync("SO-OLD", Ct));

        _clock.Advance(TimeSpan.FromDays(30));
        Assert.Equal(1, await sweeper.SweepAsync(Ct));
        Assert.Null(await store.GetConversationAsync("SO-OLD", Ct));
        Assert.Equal(("load-002", "{\"new\":true}"), await store.GetConversationAsync("SO-NEW", Ct));
        Assert.Equal(0, await sweeper.SweepAsync(Ct));
    }

    [SkippableFact]
    public async Task A_sweep_removes_more_rows_than_one_batch_and_leaves_the_feed_cursor_alone()
    {
        var store = await OpenAsync();
        var sweeper = new OrderNoticeSweeper(store, Options.Create(Retention), _clock);
        var count = OrderNoticeStore.SweepBatch + 3;
        for (var i = 0; i < count; i++)
        {
            await store.RememberConversationAsync($"SO-{i:D5}", "load-001", "{}", _clock.GetUtcNow(), Ct);
        }

        await store.AdvanceCursorAsync(4242, Ct);
        _clock.Advance(TimeSpan.FromDays(91));

        Assert.Equal(count, await sweeper.SweepAsync(Ct));
        Assert.Null(await store.GetConversationAsync("SO-00000", Ct));
        Assert.Null(await store.GetConversationAsync($"SO-{count - 1:D5}", Ct));
        Assert.Equal(4242, await store.CursorAsync(Ct));
    }

    private async Task ClaimAsync(OrderNoticeStore store, string eventId, string orderNumber, OrderNoticeOutcome? outcome)
    {
        Assert.True(await store.TryClaimAsync(eventId, orderNumber, "Shipped", _clock.GetUtcNow(), Ct));
        if (outcome is { } finished)
        {
            await store.FinishAsync(eventId, finished, null, _clock.GetUtcNow(), Ct);
        }
    }
}

public sealed class SqliteOrderNoticeRetentionTests : OrderNoticeRetentionContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override Task<OrderNoticeStore> OpenAsync() =>
        Task.FromResult(OrderNoticeStore.Sqlite($"Data Source={Path.Combine(_directory.Path, "state.db")}"));

    public void Dispose() => _directory.Dispose();
}

public sealed class PostgresOrderNoticeRetentionTests : OrderNoticeRetentionContractTests, IAsyncDisposable
{
    private PostgresTestDatabase? _database;
    private NpgsqlDataSource? _dataSource;
    private PostgresSchema? _schema;

    protected override async Task<OrderNoticeStore> OpenAsync()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        _database = await PostgresTestDatabase.CreateAsync();
        _dataSource = NpgsqlDataSource.Create(_database.ConnectionString);
        _schema = new PostgresSchema(_dataSource);
        return OrderNoticeStore.Postgres(_dataSource, _schema);
    }

    public async ValueTask DisposeAsync()
    {
        _schema?.Dispose();
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
