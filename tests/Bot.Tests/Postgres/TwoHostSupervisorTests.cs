using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Bot.Tests.Handoff;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Funnel;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Tests.Postgres;
using My8x8.SalesBot.Tests.Topology;

namespace My8x8.SalesBot.Bot.Tests.Postgres;

/// <summary>The supervisor view across two hosts on one PostgreSQL database: what customers do on A is B's "today".</summary>
public sealed class TwoHostSupervisorTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(HandoffBotFactory.TuesdayTenPacific);
    private PostgresTestDatabase? _database;
    private ChannelSink? _sink;

    public async Task InitializeAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        _sink = await ChannelSink.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_sink is not null)
        {
            await _sink.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task The_supervisor_on_host_B_sees_the_queue_entry_and_the_funnel_of_customers_on_host_A()
    {
        using var hostA = Host();
        using var hostB = Host();
        Assert.IsType<PostgresSalesFunnelStore>(hostB.Services.GetRequiredService<ISalesFunnelStore>());

        // One customer orders on A (a retried message and both hosts' turns count once); another asks for a person there.
        var buyerOnA = new CustomerChat(hostA.CreateClient(), _sink!, "two-hosts-funnel-buyer", DemoUsers.Kim);
        var buyerOnB = new CustomerChat(hostB.CreateClient(), _sink!, "two-hosts-funnel-buyer", DemoUsers.Kim);
        await buyerOnA.SayAsync("hi");
        await buyerOnB.SayAsync("add 1 X4 line and 1 Poly VVX 250");
        foreach (var text in new[] { "checkout", "1111", "ground", "continue", "I agree" })
        {
            await buyerOnA.SayAsync(text);
        }

        var asker = new CustomerChat(hostA.CreateClient(), _sink!, "two-hosts-funnel-asker", DemoUsers.Ava);
        await asker.SayAsync("hi");
        Assert.Contains("I've asked a sales agent to join this chat", await asker.SayAsync("agent"));

        var client = hostB.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(new CookieContainer()));
        Assert.Equal(HttpStatusCode.Redirect, (await HandoffBotFactory.SubmitSignInAsync(client, HandoffBotFactory.DemoAgentId, HandoffBotFactory.DemoAgentPassword)).StatusCode);
        var overview = (await client.GetFromJsonAsync<JsonObject>("/agent/api/supervisor/overview"))!;
        var funnel = overview["funnel"]!.AsArray().ToDictionary(s => (string)s!["stage"]!, s => (int)s!["count"]!);
        var orders = await hostB.Services.GetRequiredService<IOrderingService>().GetOrdersAsync(DemoUsers.Kim, CancellationToken.None);

        Assert.Equal(DemoUsers.Ava, (string?)Assert.Single(overview["queue"]!.AsArray())!["customer"]!["userId"]);
        Assert.Equal(2, funnel[FunnelStages.Conversation]);
        Assert.Equal(2, funnel[FunnelStages.Products]);
        Assert.Equal(1, funnel[FunnelStages.Cart]);
        Assert.Equal(1, funnel[FunnelStages.Terms]);
        Assert.Single(orders);
        Assert.Equal(orders.Count, funnel[FunnelStages.OrderPlaced]);
        Assert.Equal(1, funnel[FunnelStages.Handoff]);
    }

    private PostgresSalesBotFactory Host() => new(_database!.ConnectionString, builder =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock)));
}
