using System.Net.Http.Json;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.Handoff;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Faults;

/// <summary>
/// The channel's serviceUrl fails to accept a reply (a 503, or the connection dropped without an answer), as channels
/// sometimes do. A step that succeeded is never reported as failed, nothing is done twice, and the customer always
/// learns what happened — the order number above all.
/// </summary>
public sealed class ChannelReplyFaultTests : IAsyncLifetime
{
    private static readonly string[] UpToTerms = ["hi", "add 1 X4 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue"];

    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private static bool IsConfirmation(JsonObject activity) => ((string?)activity["text"])?.Contains("Order number", StringComparison.Ordinal) == true;

    [Theory]
    [InlineData(ChannelFault.ServiceUnavailable)]
    [InlineData(ChannelFault.DropConnection)]
    public async Task A_confirmation_the_channel_refuses_once_still_reaches_the_customer_once_and_the_order_is_placed_once(ChannelFault fault)
    {
        using var factory = new SalesBotFactory();
        var customer = new CustomerChat(factory.CreateClient(), _sink, $"refused-confirmation-{fault}", DemoUsers.Kim);
        foreach (var text in UpToTerms)
        {
            await customer.SayAsync(text);
        }

        _sink.Refuse(IsConfirmation, fault);
        var replies = await customer.SayForActivitiesAsync("I agree");
        var reply = CustomerChat.Messages(replies);

        var orders = await factory.CreateClient().GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Kim}");
        var number = (string)Assert.Single(orders!)!["number"]!;
        Assert.Equal(1, _sink.Refused);
        Assert.Single(replies, a => IsConfirmation(a) && ((string?)a["text"])!.Contains(number, StringComparison.Ordinal));
        Assert.DoesNotContain("something went wrong", reply, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Nothing was charged", reply, StringComparison.OrdinalIgnoreCase);

        // The customer, unsure, agrees again: still one order, and nothing false is said about it.
        var again = await customer.SayAsync("I agree");
        Assert.Single((await factory.CreateClient().GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Kim}"))!);
        Assert.DoesNotContain("Nothing was charged", again, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_confirmation_the_channel_keeps_refusing_is_delivered_first_in_the_next_turn()
    {
        using var factory = new SalesBotFactory();
        var customer = new CustomerChat(factory.CreateClient(), _sink, "refused-confirmation-twice", DemoUsers.Kim);
        foreach (var text in UpToTerms)
        {
            await customer.SayAsync(text);
        }

        _sink.Refuse(IsConfirmation, ChannelFault.ServiceUnavailable, times: 2);
        var lost = await customer.SayAsync("I agree");
        var next = await customer.SayAsync("hello?");

        var number = (string)Assert.Single((await factory.CreateClient().GetFromJsonAsync<JsonArray>($"/ordering/v1/orders?userId={DemoUsers.Kim}"))!)!["number"]!;
        Assert.DoesNotContain(number, lost);
        Assert.DoesNotContain("something went wrong", lost, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("My last answer may not have reached you", next);
        Assert.Contains($"Order number: {number}", next);
        Assert.DoesNotContain("Nothing was charged", next, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(ChannelFault.ServiceUnavailable)]
    [InlineData(ChannelFault.DropConnection)]
    public async Task Leaving_the_agent_queue_when_the_second_reply_is_refused_still_leaves_it_and_resumes_the_step(ChannelFault fault)
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, $"leave-queue-{fault}", DemoUsers.Ava);
        await customer.SayAsync("hi");
        await customer.SayAsync("add 2 X4 lines");
        await customer.SayAsync("agent");

        // The second reply of the turn is the step asked again, sent after the handoff ended.
        var replies = 0;
        _sink.Refuse(_ => ++replies == 2, fault);
        var left = await customer.SayAsync("cancel");

        Assert.Equal(1, _sink.Refused);
        Assert.Contains("you've left the queue", left);
        Assert.DoesNotContain("something went wrong", left, StringComparison.OrdinalIgnoreCase);
        var agent = await factory.SignInAgentAsync();
        Assert.Empty((await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!);
        // The step's state was kept: the cart is there and the bot, not the queue, answers.
        var cart = await customer.SayAsync("cart");
        Assert.Contains("X4", cart);
        Assert.DoesNotContain("in line", cart);
    }
}
