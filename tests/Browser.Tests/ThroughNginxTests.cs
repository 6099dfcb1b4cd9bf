using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using My8x8.SalesBot.Tests.Topology;
using Xunit.Abstractions;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// The deployed shape in a real browser: Chromium opens the Web Chat page and the agent console through Debian's nginx
/// (the project's routing) in front of two hosts on one PostgreSQL. The customer's host stops mid-order and the same
/// open page carries on on the other host; the agent signs in over TLS ended at nginx.
/// </summary>
[Collection(BrowserSuite.Name)]
public sealed partial class ThroughNginxTests(ChromiumFixture chromium, ITestOutputHelper output) : ChromiumTest(chromium, output), IAsyncLifetime
{
    private LoadBalancedTopology? _topology;

    private LoadBalancedTopology Topology => _topology ?? throw new InvalidOperationException("Started in InitializeAsync.");

    /// <summary>Why these tests cannot run here (Chromium, the Web Chat bundle, nginx or PostgreSQL missing), or null.</summary>
    private static string? MissingReason => BrowserPrerequisites.MissingReason ?? LoadBalancedTopology.MissingReason;

    public async Task InitializeAsync()
    {
        if (MissingReason is null)
        {
            _topology = await LoadBalancedTopology.StartAsync(builder =>
                builder.UseSetting("SalesBot:WebChat:BundlePath", BrowserPrerequisites.WebChatBundlePath));
        }
    }

    [SkippableFact]
    public async Task A_customer_orders_in_web_chat_over_the_stream_through_nginx_and_finishes_in_the_same_page_when_her_host_stops()
    {
        Skip.If(MissingReason is not null, MissingReason);
        var page = await NewPageAsync(Topology.Nginx.HttpAddress);
        // Web Chat waits 3–15 s (at random) before it reconnects a dropped stream; the page's clock is moved past that
        // instead of the test waiting for it.
        await page.Clock.InstallAsync();
        var streams = new List<IWebSocket>();
        page.WebSocket += (_, socket) => streams.Add(socket);
        await WithLogsAsync(async () =>
        {
            var transcript = await StartChatAsync(page, "ava.ordering");
            await SayAsync(page, "hi");
            await Expect(transcript).ToContainTextAsync("Hi Ava!");
            await SayAsync(page, "add 2 X4 lines and 1 Yealink T54W");
            var cart = Card(page, "Your cart");
            await Expect(cart).ToContainTextAsync("2 lines and 1 device");

            // Everything so far came over one WebSocket through nginx (the page never polled: see the access log below).
            var first = Assert.Single(streams);
            Assert.StartsWith($"ws://{Topology.Nginx.HttpAddress.Authority}/v3/directline/conversations/", first.Url);
            var conversationId = StreamConversation().Match(first.Url).Groups["id"].Value;
            var holder = await Topology.HostHoldingAsync(conversationId);

            // Her host stops with the page open. The stream drops; Web Chat reconnects through nginx, which now
            // reaches the other host, and that host carries the conversation on.
            var reconnected = page.WaitForResponseAsync(response =>
                response.Url.Contains($"/v3/directline/conversations/{conversationId}?watermark=", StringComparison.Ordinal) && response.Status == 200);
            var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            first.Close += (_, _) => closed.TrySetResult();
            await Topology.StopHostAsync(holder);
            await closed.Task.WaitAsync(TimeSpan.FromMilliseconds(StepTimeoutMs));
            await page.Clock.FastForwardAsync("00:16");
            await reconnected;
            Assert.Equal(1 - holder, await Topology.HostHoldingAsync(conversationId));

            // The same page, the same cards: she checks out by clicking, on the host that is left.
            await ClickAsync(cart, "Checkout");
            await ClickAsync(Card(page, "Choose a payment card"), "Use this card");
            var shipping = Card(page, "Shipping");
            await shipping.GetByRole(AriaRole.Radio, new() { NameRegex = TwoDay() }).CheckAsync();
            await ClickAsync(shipping, "Continue");
            await ClickAsync(Card(page, "Your quote"), "Continue");
            var terms = Card(page, "Terms and Conditions");
            await terms.GetByRole(AriaRole.Checkbox, new() { Name = "I agree to the Terms and Conditions" }).CheckAsync();
            await ClickAsync(terms, "Agree & Buy");
            await Card(page, "Your order").WaitForAsync();

            var shown = await transcript.InnerTextAsync();
            var number = OrderNumber().Match(shown).Groups["number"].Value;
            Assert.False(string.IsNullOrEmpty(number), "No order number on screen:\n" + shown);
            // Her words are on screen once each (nothing replayed by the reconnect), and they are what was ordered.
            await Expect(transcript.Locator(".webchat__bubble--from-user").Filter(new() { HasText = "add 2 X4 lines and 1 Yealink T54W" })).ToHaveCountAsync(1);
            var order = Assert.Single(await OrdersOfAsync("ava.ordering"))!;
            Assert.Equal(number, (string?)order["number"]);
            Assert.Equal(["X4-LINE×2", "YEA-T54W×1"], order["items"]!.AsArray().Select(i => $"{(string?)i!["sku"]}×{(int)i["quantity"]!}").Order(StringComparer.Ordinal));
            Assert.Equal("two-day", (string?)order["shipping"]?["code"]);

            // The replies after the failover came over the second stream, from the host that was left.
            var second = streams[^1];
            Assert.Equal(2, streams.Count);
            Assert.Contains($"/v3/directline/conversations/{conversationId}/stream", second.Url, StringComparison.Ordinal);
            Assert.False(second.IsClosed);

            // nginx saw the first stream upgraded (a 101, logged when it closed) and the page never poll for activities.
            var log = Topology.Nginx.AccessLog;
            Assert.Contains($"GET /v3/directline/conversations/{conversationId}/stream", log, StringComparison.Ordinal);
            Assert.Matches($@"GET /v3/directline/conversations/{Regex.Escape(conversationId)}/stream\S* HTTP/1\.1"" 101 ", log);
            Assert.DoesNotMatch($@"GET /v3/directline/conversations/{Regex.Escape(conversationId)}/activities", log);
        }, page);
    }

    [SkippableFact]
    public async Task An_agent_signs_in_to_the_console_over_https_through_nginx_with_a_secure_cookie_and_joins_the_waiting_customer()
    {
        Skip.If(MissingReason is not null, MissingReason);
        var customer = await NewPageAsync(Topology.Nginx.HttpAddress);
        var agent = await NewPageAsync(Topology.Nginx.HttpsAddress, trustAnyCertificate: true);
        await WithLogsAsync(async () =>
        {
            var chat = await StartChatAsync(customer, "kim.manycards");
            await SayAsync(customer, "add 2 X2 lines");
            await Expect(chat).ToContainTextAsync("Added 2 × X2 line");
            await SayAsync(customer, "talk to a person");
            await Expect(chat).ToContainTextAsync("asked a sales agent to join this chat");

            await SignInAgentAsync(agent);
            var waiting = agent.Locator("#queue button").Filter(new() { HasText = "Kim" });
            await waiting.ClickAsync();

            // TLS ends at nginx; the host learns the scheme from X-Forwarded-Proto and marks its cookie Secure, and the
            // browser stayed on the public https address throughout.
            var cookie = Assert.Single(await agent.Context.CookiesAsync(), c => c.Name == "salesbot.agent");
            Assert.True(cookie.Secure, "the agent's cookie over https is not Secure");
            Assert.StartsWith(Topology.Nginx.HttpsAddress.ToString(), agent.Url, StringComparison.Ordinal);

            await Expect(agent.Locator("#cart")).ToContainTextAsync("X2 line");
            await agent.GetByRole(AriaRole.Button, new() { Name = "Accept conversation" }).ClickAsync();
            await Expect(chat).ToContainTextAsync("Dana Reyes from 8x8 Sales joined the chat.");
            await SayAsync(customer, "Can I get a discount on 20 lines?");
            // The console's live feed (server-sent events through nginx, unbuffered) shows the customer's words.
            await Expect(agent.Locator("#transcript")).ToContainTextAsync("Can I get a discount on 20 lines?");
        }, customer, agent);
    }

    public async Task DisposeAsync()
    {
        if (_topology is not null)
        {
            await _topology.DisposeAsync();
        }
    }

    /// <summary>Screenshots and nginx's logs when the steps fail.</summary>
    private async Task WithLogsAsync(Func<Task> steps, params IPage[] pages)
    {
        try
        {
            await WithScreenshotsAsync(nameof(ThroughNginxTests), steps, pages);
        }
        catch
        {
            Output.WriteLine("nginx access log:\n" + Topology.Nginx.AccessLog);
            Output.WriteLine("nginx error log:\n" + Topology.Nginx.ErrorLog);
            throw;
        }
        finally
        {
            // A page left open would go on reconnecting to hosts that are gone, and log into the next test's output.
            foreach (var page in pages)
            {
                await page.Context.CloseAsync();
            }
        }
    }

    private async Task<JsonArray> OrdersOfAsync(string userId)
    {
        using var http = Topology.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/ordering/v1/orders?userId={userId}");
        request.Headers.Add("X-Api-Key", LoadBalancedTopology.OrderingApiKey);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    [GeneratedRegex("^Two-day")]
    private static partial Regex TwoDay();

    [GeneratedRegex(@"Order number: (?<number>SO-[0-9]{4}-[0-9]+)")]
    private static partial Regex OrderNumber();

    [GeneratedRegex("/v3/directline/conversations/(?<id>[^/?]+)/stream")]
    private static partial Regex StreamConversation();
}
