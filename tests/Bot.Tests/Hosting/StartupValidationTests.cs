using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

public sealed class StartupValidationTests
{
    private sealed class ProductionFactory(bool allowUnauthenticated) : SalesBotFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("MicrosoftAppId", "");
            builder.UseSetting("SalesBot:AllowUnauthenticatedChannels", allowUnauthenticated ? "true" : "false");
        }
    }

    [Fact]
    public void Outside_development_the_host_refuses_to_start_without_channel_authentication()
    {
        using var factory = new ProductionFactory(allowUnauthenticated: false);

        var failure = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var validation = Assert.IsType<OptionsValidationException>(failure is AggregateException aggregate ? aggregate.InnerException : failure);
        Assert.Contains("MicrosoftAppId", validation.Message);
    }

    [Fact]
    public async Task An_explicit_setting_allows_running_without_channel_authentication()
    {
        using var factory = new ProductionFactory(allowUnauthenticated: true);

        var health = await factory.CreateClient().GetAsync("/healthz");

        Assert.True(health.IsSuccessStatusCode);
    }
}
