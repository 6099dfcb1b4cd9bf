using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>Handoffs by reason and callback requests, as an operator's metrics pipeline sees them.</summary>
public sealed class HandoffMetricsTests : IAsyncLifetime
{
    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    [Fact]
    public async Task A_handoff_in_hours_is_counted_once_with_its_reason_and_no_callback()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        using var metrics = new RecordedMetrics(factory.Services.GetRequiredService<IMeterFactory>());
        var customer = new CustomerChat(factory.CreateClient(), _sink, "metrics-in-hours", DemoUsers.Ava);
        await customer.SayAsync("hi");

        await customer.SayAsync("agent");
        Assert.Contains("still in line", await customer.SayAsync("agent"));

        Assert.Equal(1, metrics["salesbot.handoffs:CustomerAsked"]);
        Assert.Equal(1, metrics.Total("salesbot.handoffs"));
        Assert.Equal(0, metrics.Total("salesbot.callbacks"));
    }

    [Fact]
    public async Task After_hours_the_handoff_is_counted_with_its_reason_and_the_booked_callback_once()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.SaturdayTenPacific);
        using var metrics = new RecordedMetrics(factory.Services.GetRequiredService<IMeterFactory>());
        var customer = new CustomerChat(factory.CreateClient(), _sink, "metrics-after-hours", DemoUsers.Ava);
        await customer.SayAsync("hi");
        await customer.SayAsync("add 12 X4 lines");

        await customer.SayAsync("agent");
        await customer.SayAsync("408-555-0100");
        Assert.Equal(0, metrics.Total("salesbot.callbacks"));
        await customer.SayAsync("Monday at 10am");

        Assert.Equal(1, metrics["salesbot.handoffs:OverSelfServiceLimits"]);
        Assert.Equal(1, metrics.Total("salesbot.handoffs"));
        Assert.Equal(1, metrics.Total("salesbot.callbacks"));
    }

    /// <summary>Sums of this host's salesbot.handoffs (by reason) and salesbot.callbacks.</summary>
    private sealed class RecordedMetrics : IDisposable
    {
        private readonly ConcurrentDictionary<string, long> _recorded = new();
        private readonly MeterListener _listener = new();

        public RecordedMetrics(IMeterFactory meterFactory)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                // Only this host's meter: other hosts in the test run have meters of their own.
                if (instrument.Meter.Scope == meterFactory && instrument.Name is "salesbot.handoffs" or "salesbot.callbacks")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var key = instrument.Name;
                foreach (var tag in tags)
                {
                    key += tag.Key == "reason" ? ":" + tag.Value : "";
                }

                _recorded.AddOrUpdate(key, value, (_, total) => total + value);
            });
            _listener.Start();
        }

        public long this[string key] => _recorded.GetValueOrDefault(key);

        public long Total(string instrument) => _recorded.Where(entry => entry.Key.Split(':')[0] == instrument).Sum(entry => entry.Value);

        public void Dispose() => _listener.Dispose();
    }
}
