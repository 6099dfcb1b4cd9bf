using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Notices;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Bot.Tests.Notices;

/// <summary>
/// On SQLite the order notices keep their rows in the conversation state's file, and the two stores write it through
/// one queue: a turn that places an order records the order's conversation there, and a state write that comes while
/// it does waits its turn in this process instead of meeting the record in SQLite's lock and backing off (which put
/// that turn's p99 at hundreds of milliseconds under load).
/// </summary>
public sealed class OrderNoticeStateFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_state_write_while_an_order_conversation_is_being_recorded_waits_its_turn_instead_of_meeting_the_files_lock()
    {
        var connectionString = SqliteFiles.Prepare($"Data Source={Path.Combine(_directory.Path, "state.db")}");
        var meters = _services.GetRequiredService<IMeterFactory>();
        using var busyWaits = new Counted(meters, "salesbot.storage.busy_waits");
        // The state store's clock never moves: a write that met the lock would wait for its back-off for ever.
        using var state = new SqliteStorage(connectionString, new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero)), new SalesBotMetrics(meters));
        var notices = OrderNoticeStore.Sqlite(connectionString);
        await state.WriteJsonAsync("webchat/c-0", """{"turn":0}""", null, Ct);

        var recording = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        notices.WhileWritingSqlite = async _ =>
        {
            recording.TrySetResult();
            await release.Task;
        };
        var remember = notices.RememberConversationAsync("SO-100001", "load-001", """{"conversation":"c-1"}""", DateTimeOffset.UnixEpoch, Ct);
        await recording.Task;

        var write = state.WriteJsonAsync("webchat/c-1", """{"turn":1}""", null, Ct);
        Assert.False(write.IsCompleted);
        Assert.Equal(0, busyWaits.Count);

        release.SetResult();
        await remember;
        var etag = await write.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, busyWaits.Count);
        Assert.Equal("""{"turn":1}""", (await state.ReadJsonAsync("webchat/c-1", Ct))?.Json);
        Assert.Equal(etag, (await state.ReadJsonAsync("webchat/c-1", Ct))?.ETag);
        Assert.Equal(("load-001", """{"conversation":"c-1"}"""), await notices.GetConversationAsync("SO-100001", Ct));
    }

    public void Dispose()
    {
        _services.Dispose();
        _directory.Dispose();
    }
}
