using System.Net;
using Microsoft.AspNetCore.Hosting;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>
/// Outside Development, even where channel authentication is deliberately off (a private deployment behind a gateway),
/// a <c>from.id</c> the client chose identifies nobody: not a demo user's id, and not a <c>dl_</c> id on any channel.
/// </summary>
public sealed class UnverifiedIdentityTests : IClassFixture<UnverifiedIdentityTests.ProductionFactory>
{
    private readonly ProductionFactory _factory;

    public UnverifiedIdentityTests(ProductionFactory factory) => _factory = factory;

    [Theory]
    [InlineData("test", DemoUsers.Ava)]
    [InlineData("emulator", DemoUsers.Ava)]
    [InlineData("directline", "dl_" + DemoUsers.Ava)]
    [InlineData("webchat", "dl_" + DemoUsers.Ava)]
    public async Task A_client_chosen_id_without_channel_authentication_is_an_anonymous_visitor(string channelId, string fromId)
    {
        await using var sink = await ChannelSink.StartAsync();

        var response = await _factory.CreateClient().PostActivityAsync(ActivityBuilder.Message(sink.ServiceUrl, $"conv-{Guid.NewGuid():N}", fromId, "hi", channelId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SalesTexts.UnknownUser, (string?)(await sink.NextMessageAsync())["text"]);
    }

    public sealed class ProductionFactory : SalesBotFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("SalesBot:AllowUnauthenticatedChannels", "true");
        }
    }
}
