using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>
/// The customer decides on escalation, in the real host with the agent console's queue: messages the bot cannot
/// read get an offer, never a place in the queue; and a conversation handed back reads as a return, not a replay.
/// </summary>
public sealed class EscalationOverHttpTests : IAsyncLifetime
{
    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private static async Task<JsonArray> QueueAsync(HandoffBotFactory factory)
    {
        var agent = await factory.SignInAgentAsync();
        return (await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!;
    }

    [Fact]
    public async Task Messages_the_bot_cannot_read_get_an_offer_of_an_agent_and_nobody_is_queued_until_they_say_yes()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "escalation-offer", DemoUsers.Ava);
        await customer.SayAsync("hi");

        // Not failures: an emoji, an empty message, a paste far too long to read.
        await customer.SayAsync("🙂");
        await customer.SayAsync("");
        var paste = await customer.SayAsync("add 2 X4 lines " + new string('x', 5000));
        Assert.Contains("too long", paste);
        await customer.SayAsync("blue elephants");
        await customer.SayAsync("purple giraffes");
        var third = await customer.SayAsync("green monkeys");

        Assert.Contains("Would you like a sales agent", third);
        Assert.DoesNotContain("I've asked a sales agent to join", third);
        Assert.Empty(await QueueAsync(factory));
        var next = await customer.SayAsync("add 2 X4 lines");
        Assert.Contains("Added 2 × X4 line", next);
        Assert.DoesNotContain("still in line", next);

        await customer.SayAllAsync("blue elephants", "purple giraffes", "green monkeys");
        var yes = await customer.SayAsync("yes");
        Assert.Contains("I've asked a sales agent to join", yes);
        var item = Assert.Single(await QueueAsync(factory))!;
        Assert.Equal("RepeatedFailures", (string?)item["reason"]);
    }

    [Fact]
    public async Task After_an_agent_hands_back_the_prompt_shows_the_cart_without_repeating_the_last_addition()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "escalation-handback", DemoUsers.Ava);
        await customer.SayAsync("hi");
        Assert.Contains("Added 2 × X4 line", await customer.SayAsync("add 2 X4 lines"));
        await customer.SayAsync("agent");
        var agent = await factory.SignInAgentAsync();
        var id = (string)(await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!.Single()!["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        customer.Received();

        await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/end", new { note = "", resume = true });
        var handedBack = customer.Received();

        Assert.Contains("let's pick up where we were", handedBack);
        Assert.Contains("X4 line", handedBack);
        Assert.DoesNotContain("Added 2 × X4 line", handedBack);
    }

    [Fact]
    public async Task Leaving_the_queue_shows_the_cart_without_repeating_the_last_addition()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "escalation-leave", DemoUsers.Ava);
        await customer.SayAllAsync("hi", "add 2 X4 lines", "agent");

        var back = await customer.SayAsync("cancel");

        Assert.Contains("you've left the queue", back);
        Assert.Contains("X4 line", back);
        Assert.DoesNotContain("Added 2 × X4 line", back);
    }
}
