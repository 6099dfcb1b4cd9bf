using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Turns;
using Npgsql;
using My8x8.SalesBot.Tests.Postgres;

namespace My8x8.SalesBot.Bot.Tests.Postgres;

/// <summary>Two lock instances on one database stand for two hosts.</summary>
[RequiresPostgres]
public sealed class PostgresConversationTurnLockTests : IAsyncLifetime
{
    private NpgsqlDataSource? _dataSource;

    public Task InitializeAsync()
    {
        if (PostgresTestDatabase.ServerConnectionString is { } server)
        {
            _dataSource = NpgsqlDataSource.Create(server);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_turn_on_another_instance_waits_until_the_first_releases_the_conversation()
    {
        var hostA = NewLock();
        var hostB = NewLock();
        var conversation = NewConversation();
        var first = await hostA.AcquireAsync(conversation, CancellationToken.None);

        var second = hostB.AcquireAsync(conversation, CancellationToken.None).AsTask();
        await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(300)));
        Assert.False(second.IsCompleted, "the second instance entered while the first held the conversation");

        await first.DisposeAsync();
        await using var secondLease = await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Different_conversations_do_not_wait_for_each_other_across_instances()
    {
        var hostA = NewLock();
        var hostB = NewLock();
        await using var first = await hostA.AcquireAsync(NewConversation(), CancellationToken.None);

        await using var other = await hostB.AcquireAsync(NewConversation(), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
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

    [Fact]
    public async Task A_lock_is_released_when_its_holder_disposes_it_and_can_be_taken_again_on_the_same_instance()
    {
        var host = NewLock();
        var conversation = NewConversation();

        for (var i = 0; i < 3; i++)
        {
            await using var lease = await host.AcquireAsync(conversation, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

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
