using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Benchmarks;

/// <summary>The embedded ordering service's calls a sales turn makes (SQLite in a temporary file).</summary>
[MemoryDiagnoser]
public class OrderingBenchmarks
{
    private const string User = "load-001";
    private readonly string _folder = Directory.CreateTempSubdirectory("salesbot-bench-").FullName;
    private ServiceProvider _services = null!;
    private IOrderingService _ordering = null!;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SalesBot:Ordering:DatabasePath"] = Path.Combine(_folder, "ordering.db"),
            ["SalesBot:Ordering:LoadTestUsers"] = "1",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddOrdering(configuration);
        _services = services.BuildServiceProvider();
        _ordering = _services.GetRequiredService<IOrderingService>();
        _ordering.GetOpenCartAsync(User, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<EligibilityResult> Check_eligibility() => _ordering.CheckEligibilityAsync(User, CancellationToken.None);

    [Benchmark]
    public Task<OrderingUser?> Get_user() => _ordering.GetUserAsync(User, CancellationToken.None);

    [Benchmark]
    public Task<Cart> Get_open_cart() => _ordering.GetOpenCartAsync(User, CancellationToken.None);

    [Benchmark]
    public Task<IReadOnlyList<PaymentCard>> Get_cards() => _ordering.GetCardsAsync(User, CancellationToken.None);

    [Benchmark]
    public Task<IReadOnlyList<Product>> Get_catalog() => _ordering.GetCatalogAsync(CancellationToken.None);
}
