using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Notices;
using My8x8.SalesBot.Storage;
using My8x8.SalesBot.Tests.Postgres;
using Newtonsoft.Json.Linq;
using Npgsql;

namespace My8x8.SalesBot.Bot.Tests.Storage;

/// <summary>
/// The bot's stores as the previous release left them (its schema typed by hand, no migration journal) are upgraded in
/// place by the migrations and keep every row. The SQLite fixtures are files that release's host wrote during a load
/// run: the state of three conversations (one waiting for an agent, one after its order SO-2026-68686, one at the
/// catalog), the waiting handoff with the transcripts of two conversations, and a callback request its store saved. The
/// PostgreSQL fixture is that release's DDL with the same rows, written by its PostgreSQL stores. The shipment notices'
/// tables came later and were first created at run time by their store; their fixtures (a state file and a PostgreSQL
/// dump) hold the rows that store wrote: two orders' conversations, three notices and the status feed's cursor.
/// </summary>
public sealed class StoreUpgradeTests : IAsyncDisposable
{
    private const string AgentConversation = "webchat/conversations/warm-up-agent-3-0";
    private const string OrderConversation = "webchat/conversations/warm-up-order-0-0";
    private const string CatalogConversation = "webchat/conversations/cold-start";
    private const string HandoffId = "H-0D40E085A92A";
    private const string CallbackId = "CB-7F3A21C9";
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Storage", "Fixtures");
    private static readonly string[] Conversations = [AgentConversation, OrderConversation, CatalogConversation];

    // A week and a day after the fixtures were written.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 9, 19, 0, 0, TimeSpan.Zero));
    private readonly TempDirectory _directory = new();
    private PostgresTestDatabase? _postgres;

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_new_SQLite_state_file_gets_its_tables_from_the_migrations()
    {
        var path = Path.Combine(_directory.Path, "new-state.db");

        using (var storage = new SqliteStorage($"Data Source={path}", _time))
        {
            await storage.WriteJsonAsync(OrderConversation, "{\"step\":\"catalog\"}", null, Ct);
            Assert.Single(await storage.ReadAsync([OrderConversation]));
        }

        Assert.Equal(StoreMigrations.State.ScriptNames("Sqlite"), await SqliteColumnAsync(path, "SELECT scriptname FROM bot_schemaversions ORDER BY scriptname"));
    }

    [Fact]
    public async Task A_previous_release_SQLite_state_file_is_migrated_in_place_and_keeps_every_conversation_and_its_ETag()
    {
        var path = Copy("state-previous-release.db");
        var before = await SqliteRowsAsync(path, "SELECT key, etag, data FROM bot_state");
        Assert.Equal(0, await SqliteScalarAsync<long>(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'bot_schemaversions'"));

        using (var storage = new SqliteStorage($"Data Source={path}", _time))
        {
            await AssertStateIntactAsync(storage, before);
            var etag = before[OrderConversation].ETag;
            // A turn that read the state before the upgrade still writes it with the ETag it read.
            await storage.WriteJsonAsync(OrderConversation, Changed(before[OrderConversation].Json), etag, Ct);
            // The upgraded rows are swept like new ones: the two idle for more than a week go.
            Assert.Equal(2, await storage.DeleteIdleConversationsAsync(TimeSpan.FromDays(7), Ct));
            Assert.Equal([OrderConversation], (await storage.ReadAsync(Conversations)).Keys);
        }

        Assert.Equal(StoreMigrations.State.ScriptNames("Sqlite"), await SqliteColumnAsync(path, "SELECT scriptname FROM bot_schemaversions ORDER BY scriptname"));
        Assert.Equal(1, await SqliteScalarAsync<long>(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'ix_bot_state_updated_at'"));

        // Opening it again applies nothing twice.
        using (new SqliteStorage($"Data Source={path}", _time))
        {
            Assert.Equal(StoreMigrations.State.ScriptNames("Sqlite").Count, await SqliteScalarAsync<long>(path, "SELECT COUNT(*) FROM bot_schemaversions"));
        }
    }

    [Fact]
    public async Task A_previous_release_SQLite_handoff_file_is_migrated_in_place_and_keeps_the_handoff_transcripts_and_callbacks()
    {
        var path = Copy("handoff-previous-release.db");

        using (var store = new SqliteHandoffStore($"Data Source={path}"))
        {
            await AssertHandoffIntactAsync(store);
        }

        Assert.Equal(StoreMigrations.Handoff.ScriptNames("Sqlite"), await SqliteColumnAsync(path, "SELECT scriptname FROM bot_schemaversions ORDER BY scriptname"));
    }

    [Fact]
    public void Every_store_ships_the_same_numbered_scripts_for_SQLite_and_PostgreSQL()
    {
        foreach (var migrations in StoreMigrations.All)
        {
            var sqlite = migrations.ScriptNames("Sqlite").Select(ScriptFile).ToList();
            Assert.NotEmpty(sqlite);
            Assert.Equal(sqlite, migrations.ScriptNames("Postgres").Select(ScriptFile));
        }
    }

    [Fact]
    public async Task A_state_file_with_the_notice_tables_its_store_created_at_run_time_is_migrated_and_keeps_every_notice()
    {
        var path = Copy("state-with-order-notices.db");
        Assert.Equal(0, await SqliteScalarAsync<long>(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'bot_schemaversions'"));

        using (var storage = new SqliteStorage($"Data Source={path}", _time))
        {
            var store = OrderNoticeStore.Sqlite($"Data Source={path}");
            await AssertNoticesIntactAsync(store);
            Assert.NotNull(await storage.ReadJsonAsync(OrderConversation, Ct));
        }

        Assert.Equal(
            [.. StoreMigrations.Notices.ScriptNames("Sqlite").Concat(StoreMigrations.State.ScriptNames("Sqlite")).Order(StringComparer.Ordinal)],
            await SqliteColumnAsync(path, "SELECT scriptname FROM bot_schemaversions ORDER BY scriptname"));
        Assert.Equal(2, await SqliteScalarAsync<long>(path, "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('ix_order_notices_order', 'ix_order_notices_outcome')"));

        // Opening it again applies nothing twice, and a new file gets the same tables from the scripts alone.
        OrderNoticeStore.Sqlite($"Data Source={path}");
        Assert.Equal(StoreMigrations.Notices.ScriptNames("Sqlite").Count + StoreMigrations.State.ScriptNames("Sqlite").Count, await SqliteScalarAsync<long>(path, "SELECT COUNT(*) FROM bot_schemaversions"));
        var fresh = OrderNoticeStore.Sqlite($"Data Source={Path.Combine(_directory.Path, "fresh.db")}");
        Assert.True(await fresh.TryClaimAsync("e-1", "SO-2026-10001", "Shipped", _time.GetUtcNow(), Ct));
        Assert.Equal(0, await fresh.CursorAsync(Ct));
    }

    [SkippableFact]
    public async Task A_PostgreSQL_schema_with_the_notice_tables_its_store_created_at_run_time_is_migrated_once_and_keeps_every_notice()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        _postgres = await PostgresTestDatabase.CreateAsync();
        await using (var connection = new NpgsqlConnection(_postgres.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var fixture in new[] { "stores-previous-release.postgres.sql", "order-notices-previous-release.postgres.sql" })
            {
                await using var load = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(Fixtures, fixture)), connection);
                await load.ExecuteNonQueryAsync();
            }
        }

        var dataSources = Enumerable.Range(0, 3).Select(_ => NpgsqlDataSource.Create(_postgres.ConnectionString)).ToList();
        try
        {
            // Three instances start at once; each store waits for its instance's migrations before its first query.
            var schemas = dataSources.Select(dataSource => new PostgresSchema(dataSource)).ToList();
            await Task.WhenAll(dataSources.Select((dataSource, i) => Task.Run(async () =>
                await OrderNoticeStore.Postgres(dataSource, schemas[i]).CursorAsync(Ct))));

            await AssertNoticesIntactAsync(OrderNoticeStore.Postgres(dataSources[0], schemas[0]));
            schemas.ForEach(schema => schema.Dispose());
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }

        var applied = (await PostgresRowsAsync("SELECT scriptname, scriptname, '' FROM bot_schemaversions")).Keys.Order(StringComparer.Ordinal);
        Assert.Equal([.. StoreMigrations.All.SelectMany(m => m.ScriptNames("Postgres")).Order(StringComparer.Ordinal)], applied);
        Assert.Equal(2, (await PostgresRowsAsync("SELECT indexname, indexname, '' FROM pg_indexes WHERE schemaname = current_schema() AND indexname LIKE 'ix_order_notices_%'")).Count);
    }

    [SkippableFact]
    public async Task A_previous_release_PostgreSQL_schema_is_migrated_once_by_instances_starting_together_and_keeps_every_row()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        _postgres = await PostgresTestDatabase.CreateAsync();
        await using (var connection = new NpgsqlConnection(_postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var load = new NpgsqlCommand(await File.ReadAllTextAsync(Path.Combine(Fixtures, "stores-previous-release.postgres.sql")), connection);
            await load.ExecuteNonQueryAsync();
        }

        var before = await PostgresRowsAsync("SELECT key, etag, data::text FROM bot_state");

        // Four instances start at once, each with its own connections.
        var dataSources = Enumerable.Range(0, 4).Select(_ => NpgsqlDataSource.Create(_postgres.ConnectionString)).ToList();
        try
        {
            await Task.WhenAll(dataSources.Select(dataSource => Task.Run(async () =>
            {
                using var schema = new PostgresSchema(dataSource);
                await schema.EnsureCreatedAsync(Ct);
            })));

            using var schema = new PostgresSchema(dataSources[0]);
            await AssertStateIntactAsync(new PostgresStorage(dataSources[0], schema), before);
            await AssertHandoffIntactAsync(new PostgresHandoffStore(dataSources[0], schema));
            var keys = new PostgresDataProtectionKeys(dataSources[0], schema).GetAllElements();
            Assert.Equal("4b1e6f5c-1f3c-4a59-9b0e-2d7c8a6e1f00", Assert.Single(keys).Attribute("id")?.Value);
        }
        finally
        {
            foreach (var dataSource in dataSources)
            {
                await dataSource.DisposeAsync();
            }
        }

        var applied = (await PostgresRowsAsync("SELECT scriptname, scriptname, '' FROM bot_schemaversions")).Keys.Order(StringComparer.Ordinal);
        Assert.Equal([.. StoreMigrations.All.SelectMany(m => m.ScriptNames("Postgres")).Order(StringComparer.Ordinal)], applied);
        // The bot's scripts keep to their own journal: the ordering database's stays for its own scripts.
        await using var check = new NpgsqlConnection(_postgres.ConnectionString);
        await check.OpenAsync();
        await using var ordering = new NpgsqlCommand("SELECT to_regclass('schemaversions') IS NULL", check);
        Assert.True((bool)(await ordering.ExecuteScalarAsync())!);
        // The state is kept as the text the bot writes (0003), so a turn compares it as a string.
        await using var column = new NpgsqlCommand(
            "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'bot_state' AND column_name = 'data'", check);
        Assert.Equal("text", (string?)await column.ExecuteScalarAsync());

        // A state of a few KB (a prompt's deflated card is most of it) stays in its row as written (0004): not
        // compressed, and not moved to the TOAST table, which a turn's write would otherwise replace every time.
        await using (var dataSource = NpgsqlDataSource.Create(_postgres.ConnectionString))
        {
            using var schema = new PostgresSchema(dataSource);
            var storage = new PostgresStorage(dataSource, schema);
            var toastBefore = await ToastBytesAsync(check);
            var state = new JObject
            {
                ["dialogState"] = new JObject { ["prompt"] = "deflate:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2400)) },
                ["cart"] = string.Concat(Enumerable.Repeat("{\"sku\":\"YEA-T54W\",\"quantity\":2}", 30)),
            }.ToString(Newtonsoft.Json.Formatting.None);
            for (var i = 0; i < 20; i++)
            {
                await storage.WriteJsonAsync($"webchat/conversations/large-{i}", state, "*", Ct);
            }

            await using var stored = new NpgsqlCommand(
                "SELECT count(*) FROM bot_state WHERE key LIKE 'webchat/conversations/large-%' AND pg_column_compression(data) IS NULL AND octet_length(data) = $1", check);
            stored.Parameters.Add(new NpgsqlParameter { Value = System.Text.Encoding.UTF8.GetByteCount(state) });
            Assert.Equal(20L, (long)(await stored.ExecuteScalarAsync())!);
            Assert.Equal(toastBefore, await ToastBytesAsync(check));
        }
    }

    private static async Task<long> ToastBytesAsync(NpgsqlConnection connection)
    {
        await using var toast = new NpgsqlCommand("SELECT pg_relation_size(reltoastrelid) FROM pg_class WHERE oid = 'bot_state'::regclass", connection);
        return (long)(await toast.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        _directory.Dispose();
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    private static async Task AssertStateIntactAsync(IJsonStateStorage storage, Dictionary<string, (string ETag, string Json)> before)
    {
        Assert.Equal(Conversations.Order(StringComparer.Ordinal), before.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, (etag, json)) in before)
        {
            var stored = await storage.ReadJsonAsync(key, Ct);
            Assert.NotNull(stored);
            Assert.Equal(etag, stored.ETag);
            Assert.True(JToken.DeepEquals(JObject.Parse(json), JObject.Parse(stored.Json)), $"{key} changed in the upgrade");
        }

        // What the conversations were doing is still there: the order placed, and the customer waiting for an agent.
        var order = JObject.Parse((await storage.ReadJsonAsync(OrderConversation, Ct))!.Json);
        Assert.Equal("SO-2026-68686", order.SelectToken("salesSession.Orders[0]")?.Value<string>());
        Assert.Equal(7, order.SelectToken("turns.seen")?.Count());
    }

    private static async Task AssertHandoffIntactAsync(IHandoffStore store)
    {
        var session = await store.GetActiveAsync("webchat/warm-up-agent-3-0", Ct);
        Assert.NotNull(session);
        Assert.Equal((HandoffId, HandoffStatus.Queued), (session.Id, session.Status));
        Assert.Equal([HandoffId], (await store.ListActiveAsync(Ct)).Select(s => s.Id));
        Assert.Equal(1, await store.CountQueuedAsync(Ct)); // the queue index, added after that release, counts its queued handoff

        var transcript = await store.GetTranscriptAsync("webchat/warm-up-agent-3-0", Ct);
        Assert.Equal([TranscriptRole.Customer, TranscriptRole.Bot, TranscriptRole.Customer, TranscriptRole.Bot], transcript.Select(e => e.Role));
        Assert.Equal(["hi", "agent"], transcript.Where(e => e.Role == TranscriptRole.Customer).Select(e => e.Text));
        var order = await store.GetTranscriptAsync("webchat/warm-up-order-0-0", Ct);
        Assert.Equal(14, order.Count);
        Assert.StartsWith("Thank you — your order is placed.", order[^1].Text, StringComparison.Ordinal);

        var callback = Assert.Single(await store.ListCallbacksAsync(Ct));
        Assert.Equal((CallbackId, "+14085550100", false), (callback.Id, callback.DialablePhone, callback.Done));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 17, 0, 0, TimeSpan.Zero), callback.PreferredAt);
        Assert.Equal(transcript.Count, callback.Transcript.Count);

        // And it goes on working: the agent accepts, the transcript grows, the callback is worked.
        Assert.NotNull(await store.TryAcceptAsync(HandoffId, new("dana.agent", "Dana Reyes"), new DateTimeOffset(2026, 12, 9, 19, 0, 0, TimeSpan.Zero), Ct));
        await store.AppendTranscriptAsync("webchat/warm-up-agent-3-0", [new TranscriptEntry(new DateTimeOffset(2026, 12, 9, 19, 0, 5, TimeSpan.Zero), TranscriptRole.Agent, "Dana Reyes", "Hi, I'm Dana.")], 200, Ct);
        Assert.Equal("Hi, I'm Dana.", (await store.GetTranscriptAsync("webchat/warm-up-agent-3-0", Ct))[^1].Text);
        // The request saved before callbacks were worked from the console is claimed and finished with an outcome.
        var dana = new AgentIdentity("dana.agent", "Dana Reyes");
        Assert.True((await store.UpdateCallbackAsync(CallbackId, c => c.ClaimedBy is null ? c with { ClaimedBy = dana } : null, Ct))?.Changed);
        Assert.False((await store.UpdateCallbackAsync(CallbackId, c => c.ClaimedBy is null ? c with { ClaimedBy = new("lee.agent", "Lee Park") } : null, Ct))?.Changed);
        await store.UpdateCallbackAsync(CallbackId, c => c with { Done = true, DoneBy = dana.Id, Outcome = CallOutcome.Reached }, Ct);
        var worked = await store.GetCallbackAsync(CallbackId, Ct);
        Assert.Equal((true, dana, CallOutcome.Reached), (worked!.Done, worked.ClaimedBy, worked.Outcome));
    }

    /// <summary>What the notice store wrote before its tables had migrations is all there, and the store goes on working.</summary>
    private async Task AssertNoticesIntactAsync(OrderNoticeStore store)
    {
        var notices = await store.NoticesAsync("SO-2026-68686", Ct);
        Assert.Equal(
            [("lifecycle-SO-2026-68686-2", "Shipped", OrderNoticeOutcome.Sent, null), ("lifecycle-SO-2026-68686-3", "Delivered", OrderNoticeOutcome.Undeliverable, "the channel answered 404 NotFound")],
            notices.Select(n => (n.EventId, n.Status, n.Outcome, n.Detail)));
        Assert.Equal(OrderNoticeOutcome.UpdatesOff, Assert.Single(await store.NoticesAsync("SO-2026-70412", Ct)).Outcome);
        var teams = await store.GetConversationAsync("SO-2026-70412", Ct);
        Assert.Equal("ava.ordering", teams?.UserId);
        Assert.Contains("\"conversationType\":\"personal\"", teams?.Reference, StringComparison.Ordinal);
        Assert.Equal(41, await store.CursorAsync(Ct));

        // A notice already claimed is never claimed again; the next ones are, and the cursor moves on from where it was.
        Assert.False(await store.TryClaimAsync("lifecycle-SO-2026-68686-3", "SO-2026-68686", "Delivered", _time.GetUtcNow(), Ct));
        Assert.True(await store.TryClaimAsync("wms-7790", "SO-2026-70412", "Delivered", _time.GetUtcNow(), Ct));
        await store.FinishAsync("wms-7790", OrderNoticeOutcome.Sent, null, _time.GetUtcNow(), Ct);
        await store.AdvanceCursorAsync(44, Ct);
        await store.AdvanceCursorAsync(40, Ct);
        Assert.Equal(44, await store.CursorAsync(Ct));
        Assert.Equal(OrderNoticeOutcome.Sent, (await store.NoticesAsync("SO-2026-70412", Ct))[^1].Outcome);
    }

    /// <summary>A script's file name (0001_first_release.sql) from its resource name.</summary>
    private static string ScriptFile(string resource) => string.Join('.', resource.Split('.')[^2..]);

    private static string Changed(string json)
    {
        var state = JObject.Parse(json);
        state["turns"]!["seen"]!.Value<JArray>()!.Add(new JObject { ["id"] = "after-upgrade", ["at"] = 1796840000 });
        return state.ToString(Newtonsoft.Json.Formatting.None);
    }

    private string Copy(string fixture)
    {
        var path = Path.Combine(_directory.Path, fixture);
        File.Copy(Path.Combine(Fixtures, fixture), path);
        return path;
    }

    private static async Task<T> SqliteScalarAsync<T>(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<List<string>> SqliteColumnAsync(string path, string sql) =>
        [.. (await SqliteRowsAsync(path, sql.Replace("SELECT scriptname", "SELECT scriptname, '', ''", StringComparison.Ordinal))).Keys];

    /// <summary>Rows of three text columns, by the first.</summary>
    private static async Task<Dictionary<string, (string ETag, string Json)>> SqliteRowsAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), (reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>Rows of three text columns, by the first.</summary>
    private async Task<Dictionary<string, (string ETag, string Json)>> PostgresRowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_postgres!.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0), (reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
