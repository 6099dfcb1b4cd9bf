using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Funnel;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>The supervisor view over HTTP: who may open it, and today's funnel counted from what customers did.</summary>
public sealed class SupervisorViewTests : IAsyncLifetime
{
    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    [Fact]
    public async Task Only_supervisors_open_the_view_agents_get_403_and_visitors_sign_in()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/agent/api/supervisor/overview")).StatusCode);
        var page = await anonymous.GetAsync("/agent/supervisor");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/agent/signin", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var agent = await factory.SignInAgentAsync(HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync("/agent/api/supervisor/overview")).StatusCode);
        var refused = await agent.GetAsync("/agent/supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("for sales supervisors", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("/agent/supervisor\"", await agent.GetStringAsync("/agent"), StringComparison.Ordinal);

        var supervisor = await factory.SignInAgentAsync();
        Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync("/agent/api/supervisor/overview")).StatusCode);
        var view = await supervisor.GetAsync("/agent/supervisor");
        Assert.Equal(HttpStatusCode.OK, view.StatusCode);
        Assert.Contains("script-src 'self'", view.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("href=\"/agent/supervisor\"", await supervisor.GetStringAsync("/agent"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Todays_funnel_counts_each_conversation_once_per_stage_with_the_orders_and_handoffs_placed()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var client = factory.CreateClient();
        var buyer = new CustomerChat(client, _sink, "supervisor-buyer", DemoUsers.Kim);
        foreach (var text in new[] { "hi", "add 1 X4 line and 1 Poly VVX 250", "checkout", "1111", "ground", "continue", "I agree" })
        {
            await buyer.SayAsync(text);
        }

        // A second conversation that only shops, then asks for a person; it also says hi twice (one conversation).
        var asker = new CustomerChat(client, _sink, "supervisor-asker", DemoUsers.Ava);
        await asker.SayAsync("hi");
        await asker.SayAsync("hi");
        await asker.SayAsync("add 2 X2 lines");
        await asker.SayAsync("agent");

        var orders = await factory.Services.GetRequiredService<IOrderingService>().GetOrdersAsync(DemoUsers.Kim, CancellationToken.None);
        var supervisor = await factory.SignInAgentAsync();
        var overview = (await supervisor.GetFromJsonAsync<JsonObject>("/agent/api/supervisor/overview"))!;
        var funnel = overview["funnel"]!.AsArray().ToDictionary(s => (string)s!["stage"]!, s => (int)s!["count"]!);

        Assert.Equal("2026-03-03", (string?)overview["day"]);
        Assert.Equal(2, funnel[FunnelStages.Conversation]);
        Assert.Equal(2, funnel[FunnelStages.Products]);
        Assert.Equal(2, funnel[FunnelStages.Cart]);
        Assert.Equal(1, funnel[FunnelStages.PaymentCard]);
        Assert.Equal(1, funnel[FunnelStages.Quote]);
        Assert.Equal(1, funnel[FunnelStages.Terms]);
        Assert.Equal(orders.Count, funnel[FunnelStages.OrderPlaced]);
        Assert.Single(orders);
        Assert.Equal(1, funnel[FunnelStages.Handoff]);
        Assert.Equal("Asked for a person", (string?)overview["handoffReasons"]![0]!["reasonText"]);
        Assert.Equal(1, (int)overview["waiting"]!);
        Assert.Equal("Ava", ((string?)overview["queue"]![0]!["customer"]!["name"])?.Split(' ')[0]);

        // The next day in the sales time zone starts from nothing (the supervisor signs in again: the cookie lasts 10 hours).
        factory.Clock.Advance(TimeSpan.FromDays(1));
        var tomorrow = (await (await factory.SignInAgentAsync()).GetFromJsonAsync<JsonObject>("/agent/api/supervisor/overview"))!;
        Assert.All(tomorrow["funnel"]!.AsArray(), step => Assert.Equal(0, (int)step!["count"]!));
    }
}
