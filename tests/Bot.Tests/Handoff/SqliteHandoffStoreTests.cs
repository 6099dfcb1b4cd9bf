using My8x8.SalesBot.Handoff;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>The handoff store contract on a SQLite file; a second handle is a second store object on the same file.</summary>
public sealed class SqliteHandoffStoreTests : HandoffStoreContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly List<SqliteHandoffStore> _stores = [];

    private string ConnectionString => $"Data Source={Path.Combine(_directory.Path, "handoff.db")}";

    protected override IHandoffStore CreateStore() => Open();

    protected override IHandoffStore OpenSameStore() => Open();

    public void Dispose()
    {
        _stores.ForEach(store => store.Dispose());
        _directory.Dispose();
    }

    private SqliteHandoffStore Open()
    {
        var store = new SqliteHandoffStore(ConnectionString);
        _stores.Add(store);
        return store;
    }
}
