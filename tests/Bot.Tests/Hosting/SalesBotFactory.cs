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
