using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Storage;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Benchmarks;

/// <summary>
/// SQLite conversation state: one read and one write of a conversation's state, small (between orders) and as
/// large as the sales flow makes it (a prompt with its Adaptive Card saved in the dialog stack).
/// </summary>
[MemoryDiagnoser]
public class StorageBenchmarks
{
    private readonly string _folder = Directory.CreateTempSubdirectory("salesbot-bench-").FullName;
    private SqliteStorage _storage = null!;
    private JObject _state = null!;
    private string _json = null!;

    [Params(128, 10_000)]
    public int StateBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _storage = new SqliteStorage($"Data Source={Path.Combine(_folder, "state.db")}");
        _state = new JObject
        {
            ["dialogState"] = new JObject { ["DialogStack"] = new JArray(), ["FlowVersion"] = "1" },
            ["salesSession"] = new JObject { ["Step"] = "shop", ["Ticket"] = "786c175573b4" },
            ["padding"] = new string('x', Math.Max(0, StateBytes - 120)),
        };
        _json = _state.ToString(Newtonsoft.Json.Formatting.None);
        _storage.WriteAsync(new Dictionary<string, object> { ["webchat/conversations/bench"] = _state }).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark]
    public Task<IDictionary<string, object>> Read() => _storage.ReadAsync(["webchat/conversations/bench"]);

    [Benchmark]
    public Task Write() => _storage.WriteAsync(new Dictionary<string, object> { ["webchat/conversations/bench"] = _state });

    /// <summary>What a turn does (JsonConversationState): the stored JSON read on a kept connection with a prepared statement.</summary>
    [Benchmark]
    public Task<StoredJson?> Read_json() => _storage.ReadJsonAsync("webchat/conversations/bench", CancellationToken.None);

    /// <summary>What a changed turn does: the JSON written as it is, ETag checked, on a kept connection.</summary>
    [Benchmark]
    public Task<string> Write_json() => _storage.WriteJsonAsync("webchat/conversations/bench", _json, "*", CancellationToken.None);
}
