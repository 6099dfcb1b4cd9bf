using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>The ordering REST API can place orders for anyone: outside Development it needs an API key.</summary>
public sealed class OrderingApiExposureTests
{
    private sealed class HostFactory(string environment, string? apiKey) : SalesBotFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment(environment);
            builder.UseSetting("SalesBot:AllowUnauthenticatedChannels", "true");
            builder.UseSetting("SalesBot:Ordering:ApiKey", apiKey ?? "");
        }
    }

    [Fact]
    public async Task Outside_development_without_a_key_the_api_is_not_served_but_the_card_and_terms_pages_are()
    {
        using var factory = new HostFactory("Production", apiKey: null);
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ordering/v1/catalog")).StatusCode);
        var cardPage = await client.GetAsync("/payments/cards/new?token=unknown");
        Assert.Equal("text/html", cardPage.Content.Headers.ContentType?.MediaType);
        var terms = await client.GetStringAsync("/terms");
        Assert.Contains("Version 2025-11", terms);
        Assert.Contains("initial charge", terms);
    }

    [Fact]
    public async Task With_a_key_calls_without_it_are_refused_and_calls_with_it_are_served()
    {
        using var factory = new HostFactory("Production", apiKey: "test-ordering-key");
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/ordering/v1/catalog")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ordering/v1/catalog") { Headers = { { "X-Api-Key", "wrong" } } })).StatusCode);
        var allowed = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ordering/v1/catalog") { Headers = { { "X-Api-Key", "test-ordering-key" } } });
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
