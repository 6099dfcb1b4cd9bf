using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace My8x8.SalesBot.Browser.Tests;

/// <summary>
/// The whole host (bot, embedded Direct Line, Web Chat page, embedded ordering service) on a real loopback port, so
/// a browser can open it; its SQLite files live in a temporary folder.
/// </summary>
public sealed class WebChatHost : WebApplicationFactory<Program>
{
    private readonly string _data = Directory.CreateTempSubdirectory("salesbot-browser-").FullName;

    public WebChatHost()
    {
        UseKestrel(0);
    }

    /// <summary>The host's address, e.g. http://127.0.0.1:41234/ (starts the host).</summary>
    public Uri BaseAddress => CreateClient().BaseAddress!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("SalesBot:Storage:ConnectionString", $"Data Source={Path.Combine(_data, "state.db")}");
        builder.UseSetting("SalesBot:Ordering:DatabasePath", Path.Combine(_data, "ordering.db"));
        builder.UseSetting("SalesBot:WebChat:BundlePath", BrowserPrerequisites.WebChatBundlePath);
        // A Tuesday morning in Pacific time: sales agents are at work, whatever the real clock says.
        builder.UseSetting("SalesBot:Clock:Now", "2026-11-24T09:00:00-08:00");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
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
