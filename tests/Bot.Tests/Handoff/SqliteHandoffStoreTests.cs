using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Dialogs.Handoff;
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

    [Fact]
    public async Task A_handoff_stored_by_the_previous_release_with_the_reason_MoreThanFiveLines_reads_as_above_the_sales_assist_lines()
    {
        var store = Open();
        var at = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-8));
        var session = new HandoffSession
        {
            Id = "H-OLDREASON",
            ConversationKey = "emulator/old-reason",
            ChannelId = "emulator",
            Reference = """{"conversation":{"id":"old-reason"},"serviceUrl":"http://127.0.0.1:1/"}""",
            Status = HandoffStatus.Queued,
            Reason = HandoffReason.AboveSalesAssistLines,
            Detail = "Adding 7 lines (sales help offered above 5).",
            CreatedAt = at,
            UpdatedAt = at,
            QueuedAt = at,
        };
        await store.SaveAsync(session, CancellationToken.None);
        // The row as the previous release wrote it: the reason under its former name.
        await using (var connection = new SqliteConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE handoff_sessions SET body = replace(body, '\"AboveSalesAssistLines\"', '\"MoreThanFiveLines\"') WHERE id = 'H-OLDREASON'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
            command.CommandText = "SELECT body FROM handoff_sessions WHERE id = 'H-OLDREASON'";
            Assert.Contains("\"MoreThanFiveLines\"", (string)(await command.ExecuteScalarAsync())!, StringComparison.Ordinal);
        }

        var read = await OpenSameStore().GetAsync("H-OLDREASON", CancellationToken.None);

        Assert.Equal(HandoffReason.AboveSalesAssistLines, read!.Reason);
        Assert.Equal(session.Detail, read.Detail);
    }

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
