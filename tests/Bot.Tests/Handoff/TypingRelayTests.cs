using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>Typing between a customer and the agent holding their chat: relayed both ways, throttled, never recorded, only to the agent's own conversation.</summary>
public sealed class TypingRelayTests : IAsyncLifetime
{
    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private async Task TypeAsync(HandoffBotFactory factory, string conversationId)
    {
        var typing = ActivityBuilder.Message(_sink.ServiceUrl, conversationId, DemoUsers.Ava, "", channelId: "emulator");
        typing["type"] = "typing";
        typing.Remove("text");
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClient().PostActivityAsync(typing)).StatusCode);
    }

    private static async Task<string> HandoffIdAsync(HttpClient agent)
    {
        var queue = await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue");
        return (string)queue!.OfType<JsonObject>().Single()["id"]!;
    }

    [Fact]
    public async Task The_customers_typing_reaches_the_console_only_while_an_agent_is_with_them_and_is_not_recorded()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "typing-customer", DemoUsers.Ava);
        var feed = factory.Services.GetRequiredService<AgentFeed>();
        using var stop = new CancellationTokenSource();
        var events = feed.SubscribeAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        // The subscription starts with the first read: started now, it hears everything from here on.
        var next = events.MoveNextAsync().AsTask();
        await customer.SayAsync("hi");
        await customer.SayAsync("agent");
        var agent = await factory.SignInAgentAsync();
        var id = await HandoffIdAsync(agent);

        // Queued, nobody with the customer yet: nothing to tell.
        await TypeAsync(factory, "typing-customer");
        factory.Clock.Advance(TypingThrottle.Window);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        await TypeAsync(factory, "typing-customer");

        AgentFeedEvent typing;
        do
        {
            Assert.True(await next);
            typing = events.Current;
            next = events.MoveNextAsync().AsTask();
        }
        while (typing.Kind != AgentFeedEvent.Typing && typing.Kind is AgentFeedEvent.Queue or AgentFeedEvent.Transcript);
        Assert.Equal(AgentFeedEvent.Typing, typing.Kind);
        Assert.Equal(id, typing.SessionId);
        Assert.Equal("emulator/typing-customer", typing.ConversationKey);

        // The typing before the accept produced no event: the first typing event is the one after it.
        var transcript = await agent.GetFromJsonAsync<JsonArray>($"/agent/api/conversations/{id}/transcript");
        Assert.DoesNotContain(transcript!, line => string.IsNullOrEmpty((string?)line!["text"]));
        Assert.Equal(2, transcript!.Count(line => (string?)line!["role"] == "Customer"));
        // Nothing goes back to the customer for their own typing.
        Assert.DoesNotContain(customer.ReceivedActivities(), a => (string?)a["type"] == "typing");
        // The read still pending ends with the cancellation; only then may the enumerator be disposed.
        await stop.CancelAsync();
        try
        {
            await next;
        }
        catch (OperationCanceledException)
        {
        }

        await events.DisposeAsync();
    }

    [Fact]
    public async Task The_agents_typing_reaches_the_customer_once_per_window_and_only_from_the_agent_holding_the_chat()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "typing-agent", DemoUsers.Ava);
        await customer.SayAsync("hi");
        await customer.SayAsync("agent");
        var agent = await factory.SignInAgentAsync();
        var other = await factory.SignInAgentAsync(HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);
        var id = await HandoffIdAsync(agent);

        // Not held by anyone yet, and then by another agent: refused with the reason.
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsync($"/agent/api/conversations/{id}/typing", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        customer.ReceivedActivities();
        var refused = await other.PostAsync($"/agent/api/conversations/{id}/typing", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsync("/agent/api/conversations/H-NOSUCH/typing", null)).StatusCode);
        Assert.Empty(customer.ReceivedActivities());

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/typing", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/typing", null)).StatusCode);
        var sent = customer.ReceivedActivities();
        Assert.Equal("typing", (string?)Assert.Single(sent)["type"]);

        factory.Clock.Advance(TypingThrottle.Window);
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/typing", null)).StatusCode);
        Assert.Equal("typing", (string?)Assert.Single(customer.ReceivedActivities())["type"]);

        // Typing is not a line of the transcript.
        var transcript = await agent.GetFromJsonAsync<JsonArray>($"/agent/api/conversations/{id}/transcript");
        Assert.DoesNotContain(transcript!, line => (string?)line!["role"] == "Agent");
    }
}
