using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>The whole host in-process, with its SQLite files in a temporary folder.</summary>
public class SalesBotFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _data = new();

    public string DataPath => _data.Path;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // Never the product's default address (localhost:3978, where a developer's own bot may be running): an
        // in-memory host reports this address as its own (the embedded Direct Line derives its serviceUrl from it),
        // and a host on Kestrel (UseKestrel) gets a free loopback port.
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        builder.UseSetting("SalesBot:Storage:ConnectionString", $"Data Source={Path.Combine(_data.Path, "state.db")}");
        builder.UseSetting("SalesBot:Ordering:DatabasePath", Path.Combine(_data.Path, "ordering.db"));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _data.Dispose();
        }
    }
}
