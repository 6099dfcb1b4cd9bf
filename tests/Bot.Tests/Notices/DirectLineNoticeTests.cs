using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Bot.Tests.Authentication;
using My8x8.SalesBot.Bot.Tests.DirectLine;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Notices;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Notices;

/// <summary>
/// A Web Chat customer's notices through the embedded Direct Line over loopback: the conversation an order was placed
/// in expires (idle past its timeout, on the host's clock), so its notice cannot be delivered — it is recorded as such,
/// once, for operators, and the customer's next chat still gets the notices of its own order and the first order's
/// status on request.
/// </summary>
public sealed partial class DirectLineNoticeTests
{
    private static readonly string[] OrderScript =
        ["hi", "add 1 X4 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue", "I agree"];

    [Fact]
    public async Task A_notice_for_an_expired_web_chat_is_recorded_once_as_undeliverable_and_the_customers_next_chat_gets_its_own()
    {
        using var host = new ClockedLoopbackFactory();
        var directLine = host.CreateDirectLineClient();
        var (expired, expiredToken) = await directLine.StartConversationAsync(DemoUsers.Kim);
        var first = await PlaceOrderAsync(directLine, expired, expiredToken);

        // The customer closes the tab; the conversation goes idle past its timeout and the host's sweep forgets it.
        host.Clock.Advance(host.Services.GetRequiredService<IOptions<DirectLineOptions>>().Value.ConversationIdleTimeout + TimeSpan.FromMinutes(1));
        // (The advanced clock also fires the host's own sweep loop; whichever runs first removes it.)
        var store = Assert.IsType<InMemoryDirectLineStore>(host.Services.GetRequiredService<IDirectLineStore>());
        await store.RemoveIdleConversationsAsync(default);
        Assert.Equal(0, store.Count);

        // Back later in a new chat, the same customer orders again.
        var (current, currentToken) = await directLine.StartConversationAsync(DemoUsers.Kim);
        var second = await PlaceOrderAsync(directLine, current, currentToken);
        var ordering = host.Services.GetRequiredService<IOrderingService>();
        await ordering.ApplyOrderEventAsync(first, new OrderEvent("wms-ship-expired", OrderStatus.Shipped, Shipments: [new("UPS", "1ZEXPIRED01")]), "warehouse", default);
        await ordering.ApplyOrderEventAsync(second, new OrderEvent("wms-ship-current", OrderStatus.Shipped, Shipments: [new("FedEx", "7700CURRENT")]), "warehouse", default);
        var sender = host.Services.GetRequiredService<OrderNoticeSender>();

        Assert.Equal(1, await sender.RunOnceAsync(default));
        Assert.Equal(0, await sender.RunOnceAsync(default));

        var notes = host.Services.GetRequiredService<OrderNoticeStore>();
        var undelivered = Assert.Single(await notes.NoticesAsync(first, default));
        Assert.Equal((OrderNoticeOutcome.Undeliverable, "Shipped"), (undelivered.Outcome, undelivered.Status));
        Assert.Contains("404", undelivered.Detail, StringComparison.Ordinal);
        Assert.Equal(OrderNoticeOutcome.Sent, Assert.Single(await notes.NoticesAsync(second, default)).Outcome);
        var warning = Assert.Single(host.Logs, e => e.Category == typeof(OrderNoticeSender).FullName && e.Level == LogLevel.Warning);
        Assert.Contains(first, warning.Message, StringComparison.Ordinal);

        // The open chat shows its own order's notice once, and nothing of the other order until asked.
        var (activities, watermark) = await directLine.GetActivitiesAsync(current, currentToken);
        var notices = activities.Where(DirectLineTestClient.IsBotMessage).Select(Text).Where(t => t.Contains("has shipped", StringComparison.Ordinal)).ToList();
        Assert.Equal([second], notices.Select(t => OrderNumber().Match(t).Value));
        Assert.Contains("FedEx 7700CURRENT", notices[0], StringComparison.Ordinal);

        // Not lost: the first order's shipment is there when the customer asks.
        Assert.True((await directLine.SayAsync(current, currentToken, $"status of {first}")).IsSuccessStatusCode);
        var (answer, _) = await directLine.GetActivitiesAsync(current, currentToken, watermark);
        var status = string.Join("\n", answer.Where(DirectLineTestClient.IsBotMessage).Select(Text));
        Assert.Contains(first, status, StringComparison.Ordinal);
        Assert.Contains("1ZEXPIRED01", status, StringComparison.Ordinal);
    }

    private static async Task<string> PlaceOrderAsync(DirectLineTestClient directLine, string conversationId, string token)
    {
        foreach (var line in OrderScript)
        {
            Assert.True((await directLine.SayAsync(conversationId, token, line)).IsSuccessStatusCode, line);
        }

        var (activities, _) = await directLine.GetActivitiesAsync(conversationId, token);
        var said = string.Join("\n", activities.Where(DirectLineTestClient.IsBotMessage).Select(Text));
        var match = Regex.Match(said, @"Order number: (SO-\d{4}-\d{5,8})");
        Assert.True(match.Success, said);
        return match.Groups[1].Value;
    }

    private static string Text(JsonObject activity) =>
        $"{activity["text"]}\n{(activity["attachments"] is JsonArray { Count: > 0 } attachments ? attachments[0]?["content"]?["fallbackText"] : null)}";

    [GeneratedRegex(@"SO-\d{4}-\d{5,8}")]
    private static partial Regex OrderNumber();

    /// <summary>The loopback host on a hand-driven clock (a Tuesday morning in Pacific time), its notice timer off.</summary>
    private sealed class ClockedLoopbackFactory : LoopbackSalesBotFactory
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 24, 17, 0, 0, TimeSpan.Zero));

        public ConcurrentQueue<LogEntry> Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            OrderNoticeTests.Quiet(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(new RecordingLoggerProvider(Logs)));
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }
}
