using My8x8.SalesBot.Extensions;

// Settings are read once, at start, where they are validated. Reloading appsettings.json when it changes would watch
// the whole content root, data/ included, and wake that watcher on every SQLite write.
var builder = WebApplication.CreateBuilder([.. args, "--hostBuilder:reloadConfigOnChange=false"]);

// Settings, storage, clock, adapter, the bot and its dialogs.
builder.AddSalesBot();

var app = builder.Build();

// /api/messages, /healthz and the pages the host serves.
app.MapSalesBotEndpoints();

app.Run();

/// <summary>The host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
