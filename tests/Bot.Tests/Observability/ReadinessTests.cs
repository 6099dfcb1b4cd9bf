using System.Net;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Tests.Topology;

namespace My8x8.SalesBot.Bot.Tests.Observability;

public sealed class ReadinessTests
{
    [Fact]
    public async Task The_embedded_host_is_live_and_ready()
    {
        using var factory = new SalesBotFactory();
        var client = factory.CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        Assert.Equal("Healthy", await client.GetStringAsync("/readyz"));
    }

    [Fact]
    public async Task With_the_database_unreachable_the_host_stays_live_but_is_not_ready()
    {
        // Nothing listens on port 1: the connection is refused at once, as with a database that is down.
        using var factory = new PostgresSalesBotFactory("Host=127.0.0.1;Port=1;Username=salesbot;Password=none;Database=salesbot;Timeout=2");
        var client = factory.CreateClient();

        var live = await client.GetAsync("/healthz");
        var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
    }
}
