using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using My8x8.SalesBot.Bot.Tests.Authentication;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Notices;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Tests.Postgres;
using My8x8.SalesBot.Tests.Topology;

namespace My8x8.SalesBot.Bot.Tests.Notices;

/// <summary>
/// Shipment notices through the real host: the order placed over /api/messages, the status changed by a fulfilment
/// event, the notice arriving at the conversation's serviceUrl (a real loopback channel) — once, across two hosts on
/// PostgreSQL — and recorded when the channel will not take it.
/// </summary>
public sealed class OrderNoticeTests : IAsyncLifetime
{
    private static readonly string[] OrderScript =
        ["hi", "add 1 X4 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue", "I agree"];

    private ChannelSink? _sink;
    private PostgresTestDatabase? _database;

    private ChannelSink Sink => _sink ?? throw new InvalidOperationException("Created in InitializeAsync.");

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync()
    {
        await Sink.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Two_hosts_on_postgres_send_one_notice_per_event()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        _database = await PostgresTestDatabase.CreateAsync();
        using var hostA = new PostgresSalesBotFactory(_database.ConnectionString, Quiet);
        using var hostB = new PostgresSalesBotFactory(_database.ConnectionString, Quiet);
        var clientA = hostA.CreateClient();
        hostB.CreateClient();
        var number = await PlaceOrderAsync(clientA, "notice-two-hosts");
        var ordering = hostA.Services.GetRequiredService<IOrderingService>();
        await ordering.ApplyOrderEventAsync(number, new OrderEvent("wms-ship-1", OrderStatus.Shipped, Shipments: [new("UPS", "1ZTWOHOSTS")]), "warehouse", default);
        await ordering.ApplyOrderEventAsync(number, new OrderEvent("wms-done-1", OrderStatus.Delivered), "warehouse", default);
        var senders = new[] { hostA.Services.GetRequiredService<OrderNoticeSender>(), hostB.Services.GetRequiredService<OrderNoticeSender>() };

        var sent = await Task.WhenAll(senders.Select(s => Task.Run(() => s.RunOnceAsync(default))));
        var again = await Task.WhenAll(senders.Select(s => Task.Run(() => s.RunOnceAsync(default))));

        Assert.Equal(2, sent.Sum());
        Assert.Equal(0, again.Sum());
        // An instance that read the feed before the others moved its cursor on (set back here to force it) still
        // sends nothing: each notice is claimed once in the shared table, whoever reads the event.
        await using (var connection = new Npgsql.NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rewind = new Npgsql.NpgsqlCommand("UPDATE order_notice_cursor SET seq = 0", connection);
            Assert.Equal(1, await rewind.ExecuteNonQueryAsync());
        }

        Assert.Equal(0, await senders[1].RunOnceAsync(default));
        Assert.Equal(0, await senders[0].RunOnceAsync(default));
        var texts = Sink.TakeAll().Select(Text).ToList();
        Assert.Single(texts, t => t.Contains($"your order {number} has shipped", StringComparison.Ordinal) && t.Contains("UPS 1ZTWOHOSTS", StringComparison.Ordinal));
        Assert.Single(texts, t => t.Contains($"Your order {number} has been delivered", StringComparison.Ordinal));
        var notices = await hostB.Services.GetRequiredService<OrderNoticeStore>().NoticesAsync(number, default);
        Assert.Equal([("wms-ship-1", OrderNoticeOutcome.Sent), ("wms-done-1", OrderNoticeOutcome.Sent)], notices.Select(n => (n.EventId, n.Outcome)));
    }

    [Theory]
    [InlineData(ChannelFault.ServiceUnavailable, "503")]
    [InlineData(ChannelFault.DropConnection, "")]
    public async Task A_notice_the_channel_refuses_is_recorded_with_the_reason_sent_once_and_the_customers_other_notices_still_arrive(ChannelFault fault, string reason)
    {
        using var host = new QuietSalesBotFactory();
        var client = host.CreateClient();
        var refused = await PlaceOrderAsync(client, $"notice-refused-{fault}");
        var other = await PlaceOrderAsync(client, $"notice-other-{fault}");
        var ordering = host.Services.GetRequiredService<IOrderingService>();
        await ordering.ApplyOrderEventAsync(refused, new OrderEvent($"wms-ship-{fault}", OrderStatus.Shipped, Shipments: [new("UPS", "1ZREFUSED")]), "warehouse", default);
        await ordering.ApplyOrderEventAsync(other, new OrderEvent($"wms-ship-other-{fault}", OrderStatus.Shipped, Shipments: [new("FedEx", "7700OTHER")]), "warehouse", default);
        // The channel will not take anything in the first order's conversation, however often the bot tries.
        var refusing = true;
        Sink.Refuse(a => refusing && (string?)a["conversation"]?["id"] == $"notice-refused-{fault}", fault, times: 100);
        var sender = host.Services.GetRequiredService<OrderNoticeSender>();

        Assert.Equal(1, await sender.RunOnceAsync(default));
        var attempts = Sink.Refused;
        Assert.Equal(0, await sender.RunOnceAsync(default));

        // Tried within its own round only (the reply sent once more), never again in later rounds.
        Assert.InRange(attempts, 1, 2);
        Assert.Equal(attempts, Sink.Refused);
        var store = host.Services.GetRequiredService<OrderNoticeStore>();
        var notice = Assert.Single(await store.NoticesAsync(refused, default));
        Assert.Equal(OrderNoticeOutcome.Undeliverable, notice.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(notice.Detail));
        Assert.Contains(reason, notice.Detail, StringComparison.Ordinal);
        // The customer's other order, in a conversation the channel takes, got its notice in the same round.
        Assert.Equal(OrderNoticeOutcome.Sent, Assert.Single(await store.NoticesAsync(other, default)).Outcome);
        var texts = Sink.TakeAll().Select(Text).ToList();
        Assert.Single(texts, t => t.Contains($"your order {other} has shipped", StringComparison.Ordinal) && t.Contains("FedEx 7700OTHER", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains(refused, StringComparison.Ordinal));
        // Operators read it in the log (a warning with the order, the event and the reason) as well as in order_notices.
        var warning = Assert.Single(host.Logs, e => e.Category == typeof(OrderNoticeSender).FullName && e.Level == LogLevel.Warning);
        Assert.Contains(refused, warning.Message, StringComparison.Ordinal);
        Assert.Contains($"wms-ship-{fault}", warning.Message, StringComparison.Ordinal);

        // Not lost either: when the channel takes that conversation again, its next turn shows the notice first, once.
        refusing = false;
        var next = await SayAsync(client, $"notice-refused-{fault}", "hi");
        Assert.Equal(1, CountOf(next, $"your order {refused} has shipped"));
        Assert.Contains("1ZREFUSED", next, StringComparison.Ordinal);
        Assert.Equal(0, CountOf(await SayAsync(client, $"notice-refused-{fault}", "hi"), "has shipped"));
    }

    private static int CountOf(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    [Fact]
    public async Task After_stop_updates_the_notice_is_recorded_as_off_and_nothing_is_sent()
    {
        using var host = new QuietSalesBotFactory();
        var client = host.CreateClient();
        var number = await PlaceOrderAsync(client, "notice-stopped");
        await SayAsync(client, "notice-stopped", "stop updates");
        await host.Services.GetRequiredService<IOrderingService>().ApplyOrderEventAsync(number,
            new OrderEvent("wms-ship-3", OrderStatus.Shipped, Shipments: [new("UPS", "1ZSTOPPED")]), "warehouse", default);
        Sink.TakeAll();

        await host.Services.GetRequiredService<OrderNoticeSender>().RunOnceAsync(default);

        Assert.Empty(Sink.TakeAll());
        Assert.Equal(OrderNoticeOutcome.UpdatesOff, Assert.Single(await host.Services.GetRequiredService<OrderNoticeStore>().NoticesAsync(number, default)).Outcome);
    }

    internal static void Quiet(IWebHostBuilder builder)
    {
        // The tests run the sender and the lifecycle themselves; the hosts' own timers stay out of the way.
        builder.UseSetting("SalesBot:OrderNotices:Enabled", "false");
        builder.UseSetting("SalesBot:Ordering:Lifecycle:AutoAdvance", "false");
    }

    private async Task<string> PlaceOrderAsync(HttpClient client, string conversation)
    {
        var said = "";
        foreach (var line in OrderScript)
        {
            said = await SayAsync(client, conversation, line);
        }

        var match = System.Text.RegularExpressions.Regex.Match(said, @"SO-\d{4}-\d{5,8}");
        Assert.True(match.Success, said);
        return match.Value;
    }

    private async Task<string> SayAsync(HttpClient client, string conversation, string text)
    {
        var response = await client.PostActivityAsync(ActivityBuilder.Message(Sink.ServiceUrl, conversation, DemoUsers.Kim, text, channelId: "emulator"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return string.Join("\n", Sink.TakeAll().Select(Text));
    }

    private static string Text(JsonObject activity) =>
        $"{activity["text"]}\n{(activity["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["content"]?["fallbackText"] : null)}";

    private sealed class QuietSalesBotFactory : SalesBotFactory
    {
        public ConcurrentQueue<LogEntry> Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            Quiet(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new RecordingLoggerProvider(Logs)));
        }
    }
}
