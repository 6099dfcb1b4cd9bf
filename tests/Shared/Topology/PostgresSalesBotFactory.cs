using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace My8x8.SalesBot.Tests.Topology;

/// <summary>
/// One bot host on a shared PostgreSQL database (state, turn lock, embedded ordering service, handoffs and the agent
/// console's feed and sign-in keys). Two of these with the
/// same connection string are two instances behind a load balancer; only files of their own stay local.
/// </summary>
public sealed class PostgresSalesBotFactory(string connectionString, Action<IWebHostBuilder>? configure = null) : WebApplicationFactory<Program>
{
    private readonly string _data = Directory.CreateTempSubdirectory("salesbot-host-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:SalesBot", connectionString);
        // Nothing may fall back to a shared file in the content root: anything still on SQLite gets a folder per host.
        builder.UseSetting("SalesBot:Storage:ConnectionString", $"Data Source={Path.Combine(_data, "state.db")}");
        builder.UseSetting("SalesBot:Ordering:DatabasePath", Path.Combine(_data, "ordering.db"));
        builder.UseSetting("SalesBot:Handoff:ConnectionString", $"Data Source={Path.Combine(_data, "handoff.db")}");
        configure?.Invoke(builder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // Pooled connections keep the files open until the pool lets go of them.
            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
