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

    // A port chosen before start, so the links the host writes (card page, terms) point back at it.
    private readonly int _port = FreePort();

    private readonly IReadOnlyDictionary<string, string> _settings;

    public WebChatHost()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A host of its own with more settings, for a test class that needs them (the suite's host has none).</summary>
    internal WebChatHost(IReadOnlyDictionary<string, string> settings)
    {
        _settings = settings;
        UseKestrel(_port);
    }

    /// <summary>The host's address, e.g. http://127.0.0.1:41234/ (starts the host).</summary>
    public Uri BaseAddress => CreateClient().BaseAddress!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("SalesBot:PublicBaseUrl", $"http://127.0.0.1:{_port}");
        builder.UseSetting("SalesBot:Storage:ConnectionString", $"Data Source={Path.Combine(_data, "state.db")}");
        builder.UseSetting("SalesBot:Ordering:DatabasePath", Path.Combine(_data, "ordering.db"));
        builder.UseSetting("SalesBot:WebChat:BundlePath", BrowserPrerequisites.WebChatBundlePath);
        // A Tuesday morning in Pacific time: sales agents are at work, whatever the real clock says.
        builder.UseSetting("SalesBot:Clock:Now", "2026-11-24T09:00:00-08:00");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
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
