using System.Net;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

public sealed class MessagesEndpointTests : IClassFixture<SalesBotFactory>
{
    private readonly SalesBotFactory _factory;

    public MessagesEndpointTests(SalesBotFactory factory) => _factory = factory;

    [Fact]
    public async Task A_message_posted_to_api_messages_gets_a_reply_at_the_channels_service_url()
    {
        await using var sink = await ChannelSink.StartAsync();
        var client = _factory.CreateClient();

        var response = await client.PostActivityAsync(ActivityBuilder.Message(sink.ServiceUrl, "conv-reply", "ava.qtc", "hi"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await sink.NextMessageAsync();
        Assert.Equal("conv-reply", (string?)reply["conversation"]?["id"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)reply["text"]));
    }

    [Fact]
    public async Task Health_endpoint_reports_healthy()
    {
        var client = _factory.CreateClient();

        var body = await client.GetStringAsync("/healthz");

        Assert.Equal("Healthy", body);
    }

    [Fact]
    public async Task A_malformed_activity_is_refused_with_a_client_error()
    {
        var client = _factory.CreateClient();

        var response = await client.PostAsync("/api/messages", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
