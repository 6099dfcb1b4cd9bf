using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Bot.Tests.Hosting;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

/// <summary>
/// The whole host on a real loopback port: the bot's connector client posts its replies over HTTP to the embedded
/// Direct Line's serviceUrl, which an in-memory test server could not receive.
/// </summary>
public class LoopbackSalesBotFactory : SalesBotFactory
{
    public LoopbackSalesBotFactory()
    {
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("SalesBot:DirectLine:SigningKey", Convert.ToBase64String(TestSigningKey));
    }

    /// <summary>The key behind the connector address and the sender proof, the same on every test host (tokens use the key ring).</summary>
    public static byte[] TestSigningKey { get; } = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public DirectLineTestClient CreateDirectLineClient() => new(CreateClient());
}

/// <summary>The loopback host with a recording bot and a hand-driven clock.</summary>
public sealed class ProbeSalesBotFactory : LoopbackSalesBotFactory
{
    public RecordingBot Bot { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IBot>(Bot);
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
