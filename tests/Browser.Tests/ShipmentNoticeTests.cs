using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using My8x8.SalesBot.Notices;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// After the purchase, in the real Web Chat: the customer buys by clicking the cards, asks where the order is and reads
/// its status; the warehouse then reports the shipment (the authenticated fulfilment endpoint) and the notice appears
/// in the open chat through the Direct Line stream, without a reload, naming the carrier, the tracking number and the
/// order number the confirmation showed. After "stop updates" the delivery sends nothing. The host's own notice timer
/// and schedule are off: the test posts the events and runs the notice round itself, so nothing depends on timing.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class ShipmentNoticeTests(ChromiumFixture chromium, ITestOutputHelper output) : ChromiumTest(chromium, output), IDisposable
{
    private const string FulfilmentKey = "warehouse-key-for-browser-tests-0123456789";

    private readonly WebChatHost _host = new(new Dictionary<string, string>
    {
        ["SalesBot:OrderNotices:Enabled"] = "false",
        ["SalesBot:Ordering:Lifecycle:AutoAdvance"] = "false",
        ["SalesBot:Ordering:ApiKeys:0:Name"] = "warehouse",
        ["SalesBot:Ordering:ApiKeys:0:Key"] = FulfilmentKey,
        ["SalesBot:Ordering:ApiKeys:0:Scope"] = "Fulfilment",
    });

    public void Dispose() => _host.Dispose();

    [BrowserFact]
    public async Task An_order_placed_in_web_chat_shows_its_status_and_its_shipment_notice_arrives_in_the_open_chat()
    {
        var page = await NewPageAsync(_host.BaseAddress);
        // What Web Chat receives on its Direct Line stream (the WebSocket it keeps open), as it arrives.
        var streamed = new System.Collections.Concurrent.ConcurrentQueue<string>();
        page.WebSocket += (_, socket) =>
        {
            if (socket.Url.Contains("/stream", StringComparison.Ordinal))
            {
                socket.FrameReceived += (_, frame) => streamed.Enqueue(frame.Text ?? "");
            }
        };
        await WithScreenshotsAsync(nameof(An_order_placed_in_web_chat_shows_its_status_and_its_shipment_notice_arrives_in_the_open_chat), async () =>
        {
            var transcript = await StartChatAsync(page, "ava.ordering");
            await SayAsync(page, "hi");
            await Expect(transcript).ToContainTextAsync("Hi Ava!");

            var catalog = Card(page, "Product catalog");
            await catalog.GetByLabel("Quantity of X4 line (0 to 10)").FillAsync("1");
            await catalog.GetByLabel("Quantity of Yealink T54W (0 to 10)").FillAsync("1");
            await ClickAsync(catalog, "Add to cart");
            await ClickAsync(Card(page, "Your cart"), "Checkout");
            await ClickAsync(Card(page, "Choose a payment card"), "Use this card");
            var shipping = Card(page, "Shipping");
            await shipping.GetByRole(AriaRole.Radio, new() { NameRegex = TwoDay() }).CheckAsync();
            await ClickAsync(shipping, "Continue");
            await ClickAsync(Card(page, "Your quote"), "Continue");
            var terms = Card(page, "Terms and Conditions");
            await terms.GetByRole(AriaRole.Checkbox, new() { Name = "I agree to the Terms and Conditions" }).CheckAsync();
            await ClickAsync(terms, "Agree & Buy");
            await Card(page, "Your order").WaitForAsync();
            await Expect(transcript).ToContainTextAsync("Order number: SO-");
            var number = OrderNumber().Match(await transcript.InnerTextAsync()).Groups["number"].Value;
            Output.WriteLine($"Placed {number}");

            // Asked like a customer asks: the order's card, with its number and where it is.
            await SayAsync(page, "where's my order?");
            var status = Card(page, $"Order {number}");
            await status.WaitForAsync();
            await Expect(status).ToContainTextAsync("Placed");
            await Expect(status).ToContainTextAsync("Yealink T54W");

            // The page stays as it is from here on: a reload would clear this mark.
            await page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
            using var warehouse = new HttpClient { BaseAddress = _host.BaseAddress };
            warehouse.DefaultRequestHeaders.Add("X-Api-Key", FulfilmentKey);
            var shipped = await warehouse.PostAsJsonAsync($"/ordering/v1/orders/{number}/events", new
            {
                eventId = "wms-browser-ship-1",
                status = "Shipped",
                shipments = new[] { new { carrier = "FedEx", trackingNumber = "7712BROWSER01", items = new[] { new { sku = "YEA-T54W", quantity = 1 } } } },
            });
            Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
            var sender = _host.Services.GetRequiredService<OrderNoticeSender>();
            Assert.Equal(1, await sender.RunOnceAsync(default));

            // The notice arrives in the open chat: the order number shown at purchase, the carrier and the tracking number.
            await Expect(transcript).ToContainTextAsync($"Good news: your order {number} has shipped.");
            var notice = Card(page, $"Order {number}");
            await Expect(notice).ToContainTextAsync("FedEx 7712BROWSER01");
            await Expect(notice).ToContainTextAsync("1 × Yealink T54W");
            Assert.True(await page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "The page was reloaded.");
            Assert.Contains(streamed, frame => frame.Contains($"your order {number} has shipped", StringComparison.Ordinal));
            await AssertAccessibleAsync(page, "the chat with a shipment notice");

            // "Stop updates", then the delivery: nothing more arrives in this chat.
            await SayAsync(page, "stop updates");
            await Expect(transcript).ToContainTextAsync("send order updates in this chat any more");
            var delivered = await warehouse.PostAsJsonAsync($"/ordering/v1/orders/{number}/events", new { eventId = "wms-browser-done-1", status = "Delivered" });
            Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
            Assert.Equal(0, await sender.RunOnceAsync(default));
            Assert.Equal(OrderNoticeOutcome.UpdatesOff, (await _host.Services.GetRequiredService<OrderNoticeStore>().NoticesAsync(number, default))[^1].Outcome);
            // Anything sent before the answer to the next message would be on screen by the time that answer is: the
            // customer who asks sees it delivered, and was not told so unasked.
            var cards = await CardCountAsync(page, $"Order {number}");
            await SayAsync(page, "where's my order?");
            var asked = await NextCardAsync(page, $"Order {number}", cards);
            await Expect(asked).ToContainTextAsync("Delivered");
            await Expect(transcript).Not.ToContainTextAsync("has been delivered");
        }, page);
    }

    [GeneratedRegex("^Two-day")]
    private static partial Regex TwoDay();

    [GeneratedRegex(@"Order number: (?<number>SO-[0-9]{4}-[0-9]+)")]
    private static partial Regex OrderNumber();
}
