using BenchmarkDotNet.Attributes;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Benchmarks;

/// <summary>
/// One sales dialog turn in-process over the SDK's TestAdapter: the real dialogs, the embedded ordering service and
/// SQLite state in temporary files, no HTTP. What a turn costs before the host and the channel add theirs.
/// </summary>
[MemoryDiagnoser]
public class DialogTurnBenchmarks
{
    private const string User = "load-001";
    private readonly string _folder = Directory.CreateTempSubdirectory("salesbot-bench-").FullName;
    private ServiceProvider _services = null!;
    private ConversationState _state = null!;
    private DialogRunner _runner = null!;
    private TestAdapter _shopping = null!;
    private int _conversation;

    [GlobalSetup]
    public void Setup()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SalesBot:Ordering:DatabasePath"] = Path.Combine(_folder, "ordering.db"),
            ["SalesBot:Ordering:LoadTestUsers"] = "1",
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<IStorage>(new SqliteStorage($"Data Source={Path.Combine(_folder, "state.db")}"));
        // The host's conversation state (one parse and one serialization per turn over SqliteStorage's JSON).
        services.AddSingleton<ConversationState>(sp => new JsonConversationState(sp.GetRequiredService<IStorage>()));
        services.AddOrdering(configuration);
        services.AddSalesDialogs();
        _services = services.BuildServiceProvider();
        _state = _services.GetRequiredService<ConversationState>();
        _runner = new DialogRunner(_services.GetRequiredService<SalesDialog>(), _state.Property<DialogState>("dialogState"));

        // A conversation waiting at the shopping step, for the turns that continue it.
        _shopping = Adapter("shopping");
        TurnAsync(_shopping, "hi").GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>"hi" in a new conversation: eligibility, the user, the open cart, the catalog card, state written.</summary>
    [Benchmark]
    public Task<int> Hi_in_a_new_conversation() => TurnAsync(Adapter($"new-{++_conversation}"), "hi");

    /// <summary>"help" at the shopping step: state read, a global command, the step's card sent again, state written.</summary>
    [Benchmark]
    public Task<int> Help_at_the_shopping_step() => TurnAsync(_shopping, "help");

    /// <summary>"show my cart" at the shopping step: the cart from the ordering service and the step reprompted.</summary>
    [Benchmark]
    public Task<int> Cart_at_the_shopping_step() => TurnAsync(_shopping, "cart");

    private static TestAdapter Adapter(string conversation) => new(TestAdapter.CreateConversation(conversation, User));

    private async Task<int> TurnAsync(TestAdapter adapter, string text)
    {
        await adapter.ProcessActivityAsync(adapter.MakeActivity(text), async (turnContext, cancellationToken) =>
        {
            CustomerIdentity.Set(turnContext, new CustomerIdentity(User, "benchmark"));
            await _runner.RunAsync(turnContext, cancellationToken);
            await _state.SaveChangesAsync(turnContext, false, cancellationToken);
        }, CancellationToken.None);

        var replies = adapter.ActiveQueue.Count;
        adapter.ActiveQueue.Clear();
        return replies > 0 ? replies : throw new InvalidOperationException($"No reply to \"{text}\".");
    }
}
