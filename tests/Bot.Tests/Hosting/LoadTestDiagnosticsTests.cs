using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>The runtime counters the load generator reads are served only to load-test hosts.</summary>
public sealed class LoadTestDiagnosticsTests
{
    private sealed class HostFactory(bool baselines) : SalesBotFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SalesBot:Performance:Baselines", baselines ? "true" : "false");
        }
    }

    [Fact]
    public async Task A_normal_host_does_not_serve_runtime_counters()
    {
        using var factory = new HostFactory(baselines: false);

        Assert.Equal(HttpStatusCode.NotFound, (await factory.CreateClient().GetAsync("/diagnostics/runtime")).StatusCode);
    }

    [Fact]
    public async Task A_load_test_host_reports_jit_allocation_and_gc_counters_that_grow()
    {
        using var factory = new HostFactory(baselines: true);
        var client = factory.CreateClient();

        using var first = JsonDocument.Parse(await client.GetStringAsync("/diagnostics/runtime"));
        _ = new byte[1 << 20];
        using var second = JsonDocument.Parse(await client.GetStringAsync("/diagnostics/runtime"));

        Assert.True(first.RootElement.GetProperty("jitCompiledMethods").GetInt64() > 0);
        Assert.True(second.RootElement.GetProperty("allocatedBytes").GetInt64() >= first.RootElement.GetProperty("allocatedBytes").GetInt64() + (1 << 20));
        Assert.True(second.RootElement.GetProperty("gen0Collections").GetInt32() >= 0);
    }
}
