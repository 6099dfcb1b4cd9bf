using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Ordering.Api;
using My8x8.SalesBot.Ordering.Embedded;
using My8x8.SalesBot.Ordering.Payments;

namespace My8x8.SalesBot.Ordering.Tests;

/// <summary>
/// One embedded ordering service on a fresh SQLite temp file with a fake clock, used either directly or through
/// the REST API on a real loopback Kestrel host and the production HTTP client.
/// </summary>
public sealed class OrderingHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);

    private WebApplication? _app;
    private ServiceProvider? _clientServices;
    private HttpClient? _http;

    private OrderingHarness(Action<OrderingOptions>? configure, Func<OrderingOptions, TimeProvider, EmbeddedOrderingService>? create = null)
    {
        var options = new OrderingOptions { DatabasePath = Path.Combine(Path.GetTempPath(), $"ordering-tests-{Guid.NewGuid():N}.db") };
        configure?.Invoke(options);
        Options = options;
        Embedded = create?.Invoke(options, Time)
            ?? new SqliteOrderingService(Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<SqliteOrderingService>.Instance);
        Service = Embedded;
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public OrderingOptions Options { get; }

    /// <summary>The embedded service: SQLite unless the harness was created with another (PostgreSQL tests).</summary>
    public EmbeddedOrderingService Embedded { get; }

    /// <summary>The implementation under test: the embedded service, or the HTTP client.</summary>
    public IOrderingService Service { get; private set; }

    public RecordingNotifier Notifier { get; } = new();

    /// <summary>A plain client to the loopback host, for raw HTTP tests (HTTP harness only).</summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("This harness has no HTTP host.");

    public static Task<OrderingHarness> EmbeddedAsync(Action<OrderingOptions>? configure = null) =>
        Task.FromResult(new OrderingHarness(configure));

    /// <summary>The embedded service built by <paramref name="create"/> (e.g. on PostgreSQL), used directly.</summary>
    public static Task<OrderingHarness> EmbeddedAsync(Func<OrderingOptions, TimeProvider, EmbeddedOrderingService> create, Action<OrderingOptions>? configure = null) =>
        Task.FromResult(new OrderingHarness(configure, create));

    public static async Task<OrderingHarness> HttpAsync(Action<OrderingOptions>? configure = null)
    {
        var harness = new OrderingHarness(configure);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        // The tests move orders along themselves, on the fake clock; the host's own schedule stays out of the way.
        builder.Configuration["SalesBot:Ordering:Lifecycle:AutoAdvance"] = "false";
        // The pre-built service (with the fake clock) wins over AddOrdering's TryAdd registration.
        builder.Services.AddSingleton(harness.Embedded);
        builder.Services.AddSingleton<ICardAddedNotifier>(harness.Notifier);
        builder.Services.AddOrdering(builder.Configuration);
        if (configure is not null)
        {
            // The host enforces the same settings the service was made with (keys, the webhook secret, limits).
            builder.Services.PostConfigure(configure);
        }

        var app = builder.Build();
        app.MapOrderingApi();
        app.MapCardPage();
        app.MapTermsPage();
        await app.StartAsync();
        harness._app = app;

        var address = app.Urls.Single();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SalesBot:Ordering:BaseUrl"] = address })
            .Build();
        harness._clientServices = new ServiceCollection().AddLogging().AddOrdering(configuration).BuildServiceProvider();
        harness.Service = harness._clientServices.GetRequiredService<IOrderingService>();
        harness._http = new HttpClient { BaseAddress = new Uri(address) };
        return harness;
    }

    /// <summary>The bytes of the database file and its write-ahead log.</summary>
    public byte[] DatabaseBytes()
    {
        using var buffer = new MemoryStream();
        foreach (var file in new[] { Options.DatabasePath, Options.DatabasePath + "-wal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.CopyTo(buffer);
        }

        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        _http?.Dispose();
        if (_clientServices is not null)
        {
            await _clientServices.DisposeAsync();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Embedded is SqliteOrderingService sqlite)
        {
            sqlite.ReleaseDatabaseFile();
        }

        Embedded.Dispose();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            try
            {
                File.Delete(Options.DatabasePath + suffix);
            }
            catch (IOException)
            {
                // A temp file left behind is harmless; failing the test for it would not be.
            }
        }
    }
}

public sealed class RecordingNotifier : ICardAddedNotifier
{
    public ConcurrentQueue<CardAdded> Added { get; } = new();

    public Task NotifyAsync(CardAdded cardAdded, CancellationToken cancellationToken)
    {
        Added.Enqueue(cardAdded);
        return Task.CompletedTask;
    }
}
