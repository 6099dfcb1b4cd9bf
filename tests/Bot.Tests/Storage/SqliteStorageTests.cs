using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Bot.Tests.Storage;

public sealed class SqliteStorageTests : StorageContractTests, IDisposable
{
    private readonly TempDirectory _directory = new();

    private string ConnectionString => $"Data Source={Path.Combine(_directory.Path, "state.db")}";

    protected override IStorage CreateStorage() => new SqliteStorage(ConnectionString);

    protected override IStorage OpenSameStore() => new SqliteStorage(ConnectionString);

    protected override async Task BackdateAsync(IReadOnlyCollection<string> keys, TimeSpan age)
    {
        await using var connection = new SqliteConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        foreach (var key in keys)
        {
            await using var update = connection.CreateCommand();
            update.CommandText = "UPDATE bot_state SET updated_at = $at WHERE key = $key";
            update.Parameters.AddWithValue("$at", (DateTimeOffset.UtcNow - age).ToString("O", CultureInfo.InvariantCulture));
            update.Parameters.AddWithValue("$key", key);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        await transaction.CommitAsync();
    }

    [Fact]
    public void The_database_file_and_its_folder_are_created_on_first_use()
    {
        var path = Path.Combine(_directory.Path, "nested", "first-run.db");

        _ = new SqliteStorage($"Data Source={path}");

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Conversation_state_survives_a_new_storage_instance()
    {
        var first = new ConversationState(CreateStorage());
        var adapter = new Microsoft.Bot.Builder.Adapters.TestAdapter();
        var activity = adapter.MakeActivity("hi");
        activity.ChannelId = "test";
        var context = new TurnContext(adapter, activity);
        await first.Property<List<string>>("notes").SetAsync(context, ["remember me"]);
        await first.SaveChangesAsync(context);

        var second = new ConversationState(OpenSameStore());
        var restored = await second.Property<List<string>>("notes").GetAsync(new TurnContext(adapter, activity), () => []);

        Assert.Equal(["remember me"], restored);
    }

    public void Dispose() => _directory.Dispose();
}
