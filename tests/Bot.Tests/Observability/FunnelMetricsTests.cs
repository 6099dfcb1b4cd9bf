using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Observability;

/// <summary>The metrics an operator watches, recorded by a real host for a whole order over /api/messages.</summary>
public sealed class FunnelMetricsTests : IClassFixture<SalesBotFactory>
{
    private readonly SalesBotFactory _factory;

    public FunnelMetricsTests(SalesBotFactory factory) => _factory = factory;

    [Fact]
    public async Task A_whole_order_records_each_funnel_stage_once_the_order_and_every_turn()
    {
        var client = _factory.CreateClient();
        var meterFactory = _factory.Services.GetRequiredService<IMeterFactory>();
        var recorded = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's meter: other hosts in the test run have meters of their own.
            if (instrument.Meter.Scope == meterFactory && instrument.Meter.Name == "My8x8.SalesBot")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var key = instrument.Name;
            foreach (var tag in tags)
            {
                if (tag.Key == "stage")
                {
                    key += ":" + tag.Value;
                }
            }

            recorded.AddOrUpdate(key, value, (_, total) => total + value);
        });
        listener.Start();
        await using var sink = await ChannelSink.StartAsync();

        string[] script = ["hi", "add 1 X4 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue", "I agree"];
        foreach (var text in script)
        {
            var response = await client.PostActivityAsync(ActivityBuilder.Message(sink.ServiceUrl, "funnel-metrics", DemoUsers.Kim, text, channelId: "emulator"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(script.Length, recorded.GetValueOrDefault("salesbot.turns"));
        Assert.Equal(1, recorded.GetValueOrDefault("salesbot.orders"));
        foreach (var stage in new[] { "products", "shipping", "quote", "terms", "order_placed" })
        {
            Assert.True(recorded.GetValueOrDefault($"salesbot.funnel.stage_reached:{stage}") == 1,
                $"stage {stage} was recorded {recorded.GetValueOrDefault($"salesbot.funnel.stage_reached:{stage}")} times; recorded: {string.Join(", ", recorded)}");
        }

        Assert.Equal(0, recorded.GetValueOrDefault("salesbot.turn.errors"));
    }
}
