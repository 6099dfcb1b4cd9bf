using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Turns;
using Npgsql;
using My8x8.SalesBot.Tests.Postgres;

namespace My8x8.SalesBot.Bot.Tests.Postgres;

/// <summary>Two lock instances on one database stand for two hosts.</summary>
public sealed class PostgresConversationTurnLockTests : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public Task InitializeAsync()
    {
        _dataSource = NpgsqlDataSource.Create(PostgresTestDatabase.SkipUnlessConfigured());
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task A_turn_on_another_instance_waits_until_the_first_releases_the_conversation()
    {
        var hostA = NewLock();
        var hostB = NewLock();
        var conversation = NewConversation();
        using var waits = new TurnLockWaits();
        var secondWaits = waits.WaitingFor(conversation);
        var first = await hostA.AcquireAsync(conversation, CancellationToken.None);

        var second = hostB.AcquireAsync(conversation, CancellationToken.None).AsTask();
        // Either the database refused the second instance and it waits, or (the bug) it got in: whichever comes first.
        await Task.WhenAny(second, secondWaits).WaitAsync(HangGuard);
        Assert.False(second.IsCompleted, "the second instance entered while the first held the conversation");
        Assert.True(secondWaits.IsCompleted);

        await first.DisposeAsync();
        await using var secondLease = await second.WaitAsync(HangGuard);
    }

    [SkippableFact]
    public async Task Different_conversations_do_not_wait_for_each_other_across_instances()
    {
        var hostA = NewLock();
        var hostB = NewLock();
        using var waits = new TurnLockWaits();
        var otherConversation = NewConversation();
        var otherWaits = waits.WaitingFor(otherConversation);
        await using var first = await hostA.AcquireAsync(NewConversation(), CancellationToken.None);

        var other = hostB.AcquireAsync(otherConversation, CancellationToken.None).AsTask();
        await Task.WhenAny(other, otherWaits).WaitAsync(HangGuard);

        Assert.False(otherWaits.IsCompleted, "a turn of another conversation waited for the first conversation's lock");
        await using var otherLease = await other;
    }

    [SkippableFact]
    public async Task A_turn_that_waits_past_the_timeout_is_refused_as_busy_and_counted()
    {
        using var meterFactory = new TestMeterFactory();
        var timeouts = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Name == "salesbot.turn_lock.waits")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "outcome", Value: "timeout" })
                {
                    Interlocked.Add(ref timeouts, value);
                }
            }
        });
        listener.Start();
        var hostA = NewLock();
        var hostB = NewLock(TimeSpan.FromMilliseconds(300), meterFactory);
        var conversation = NewConversation();
        await using var first = await hostA.AcquireAsync(conversation, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<ConversationBusyException>(() => hostB.AcquireAsync(conversation, CancellationToken.None).AsTask());

        Assert.Equal(conversation, refused.ConversationKey);
        Assert.Equal(1, Interlocked.Read(ref timeouts));
    }

    [SkippableFact]
    public async Task A_lock_is_released_when_its_holder_disposes_it_and_can_be_taken_again_on_the_same_instance()
    {
        var host = NewLock();
        var conversation = NewConversation();

        for (var i = 0; i < 3; i++)
        {
            await using var lease = await host.AcquireAsync(conversation, CancellationToken.None).AsTask().WaitAsync(HangGuard);
        }
    }

    [SkippableFact]
    public async Task A_turn_that_waited_for_another_instance_leaves_no_lock_timeout_on_its_pooled_connection()
    {
        // The lock's pool skips Npgsql's reset, so a setting left on the session would reach the next borrower. One
        // connection in the pool: the next open gets the waiting turn's session back.
        var single = new NpgsqlConnectionStringBuilder(PostgresTestDatabase.SkipUnlessConfigured()) { MaxPoolSize = 1, NoResetOnClose = true }.ConnectionString;
        await using var onePool = NpgsqlDataSource.Create(single);
        var hostA = NewLock();
        var hostB = new PostgresConversationTurnLock(onePool, Options.Create(new TurnLockOptions { Timeout = TimeSpan.FromSeconds(10) }),
            new SalesBotMetrics(new TestMeterFactory()), NullLogger<PostgresConversationTurnLock>.Instance);
        var conversation = NewConversation();
        using var waits = new TurnLockWaits();
        var secondWaits = waits.WaitingFor(conversation);
        var first = await hostA.AcquireAsync(conversation, CancellationToken.None);
        var second = hostB.AcquireAsync(conversation, CancellationToken.None).AsTask();
        await secondWaits.WaitAsync(HangGuard);
        await first.DisposeAsync();
        await (await second.WaitAsync(HangGuard)).DisposeAsync();

        // A wait that timed out leaves nothing either.
        var busyHost = new PostgresConversationTurnLock(onePool, Options.Create(new TurnLockOptions { Timeout = TimeSpan.FromMilliseconds(200) }),
            new SalesBotMetrics(new TestMeterFactory()), NullLogger<PostgresConversationTurnLock>.Instance);
        await using (await hostA.AcquireAsync(conversation, CancellationToken.None))
        {
            await Assert.ThrowsAsync<ConversationBusyException>(() => busyHost.AcquireAsync(conversation, CancellationToken.None).AsTask());
        }

        await using var connection = await onePool.OpenConnectionAsync();
        await using var show = new NpgsqlCommand("SHOW lock_timeout", connection);
        Assert.Equal("0", (string?)await show.ExecuteScalarAsync());
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    // Only keeps a broken lock from hanging the run; nothing waits for it to pass.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(1);

    private static string NewConversation() => $"test/{Guid.NewGuid():N}";

    private PostgresConversationTurnLock NewLock(TimeSpan? timeout = null, IMeterFactory? meterFactory = null) =>
        new(_dataSource!, Options.Create(new TurnLockOptions { Timeout = timeout ?? TimeSpan.FromSeconds(10) }),
            new SalesBotMetrics(meterFactory ?? new TestMeterFactory()), NullLogger<PostgresConversationTurnLock>.Instance);

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(meter => meter.Dispose());
    }
}
