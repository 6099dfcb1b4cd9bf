using My8x8.SalesBot.Extensions;

var builder = WebApplication.CreateBuilder(args);

// Settings, storage, clock, adapter, the bot and its dialogs.
builder.AddSalesBot();

var app = builder.Build();

// /api/messages, /healthz and the pages the host serves.
app.MapSalesBotEndpoints();

app.Run();

/// <summary>The host's entry point; public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
