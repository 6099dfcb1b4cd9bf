using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Storage;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Bot.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="IStorage"/> of the bot must have. A new store (PostgreSQL, …) derives from this
/// class and supplies <see cref="CreateStorage"/>; the same facts must hold.
/// </summary>
public abstract class StorageContractTests
{
    /// <summary>A fresh, empty store; called once per test.</summary>
    protected abstract IStorage CreateStorage();

    /// <summary>A second handle on the same underlying store, as another process or instance would have.</summary>
    protected abstract IStorage OpenSameStore();

    /// <summary>Moves the last write of each of <paramref name="keys"/> back by <paramref name="age"/>, as if nothing had written them since.</summary>
    protected abstract Task BackdateAsync(IReadOnlyCollection<string> keys, TimeSpan age);

    public sealed class Note : IStoreItem
    {
        public string? Text { get; set; }

        public int Count { get; set; }

        public string? ETag { get; set; }
    }

    private static async Task<Note?> ReadNoteAsync(IStorage storage, string key)
    {
        var items = await storage.ReadAsync([key]);
        return items.TryGetValue(key, out var value) ? JObject.FromObject(value).ToObject<Note>() : null;
    }

    [SkippableFact]
    public async Task Created_items_read_back_with_their_values_and_an_etag()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "hello", Count = 3 } });

        var note = await ReadNoteAsync(storage, "a");

        Assert.NotNull(note);
        Assert.Equal("hello", note.Text);
        Assert.Equal(3, note.Count);
        Assert.False(string.IsNullOrEmpty(note.ETag));
    }

    [SkippableFact]
    public async Task Missing_keys_are_absent_from_the_result()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["present"] = new Note { Text = "x" } });

        var items = await storage.ReadAsync(["present", "missing"]);

        Assert.Equal(["present"], items.Keys);
    }

    [SkippableFact]
    public async Task Each_write_changes_the_etag()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "1" } });
        var first = await ReadNoteAsync(storage, "a");
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = first! });
        var second = await ReadNoteAsync(storage, "a");

        Assert.NotEqual(first!.ETag, second!.ETag);
    }

    [SkippableFact]
    public async Task A_write_with_a_stale_etag_fails_and_keeps_the_newer_value()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "original" } });
        var mine = await ReadNoteAsync(storage, "a");
        var theirs = await ReadNoteAsync(storage, "a");
        theirs!.Text = "theirs";
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = theirs });

        mine!.Text = "mine";
        await Assert.ThrowsAsync<StorageETagConflictException>(() => storage.WriteAsync(new Dictionary<string, object> { ["a"] = mine }));

        Assert.Equal("theirs", (await ReadNoteAsync(storage, "a"))!.Text);
    }

    [SkippableFact]
    public async Task A_failed_batch_writes_none_of_its_items()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "a0" } });
        var stale = await ReadNoteAsync(storage, "a");
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "a1", ETag = "*" } });

        var batch = new Dictionary<string, object> { ["b"] = new Note { Text = "b1" }, ["a"] = stale! };
        await Assert.ThrowsAsync<StorageETagConflictException>(() => storage.WriteAsync(batch));

        Assert.Null(await ReadNoteAsync(storage, "b"));
    }

    [SkippableFact]
    public async Task A_star_etag_writes_unconditionally()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "first" } });
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "second" } });

        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "forced", ETag = "*" } });

        Assert.Equal("forced", (await ReadNoteAsync(storage, "a"))!.Text);
    }

    [SkippableFact]
    public async Task Plain_objects_without_etags_are_last_writer_wins()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["state"] = new Dictionary<string, object> { ["step"] = 1 } });
        await storage.WriteAsync(new Dictionary<string, object> { ["state"] = new Dictionary<string, object> { ["step"] = 2 } });

        var items = await storage.ReadAsync(["state"]);

        Assert.Equal(2, JObject.FromObject(items["state"]).Value<int>("step"));
    }

    [SkippableFact]
    public async Task Deleted_items_are_gone_and_deleting_a_missing_key_is_harmless()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["a"] = new Note { Text = "x" }, ["b"] = new Note { Text = "y" } });

        await storage.DeleteAsync(["a", "never-written"]);

        var items = await storage.ReadAsync(["a", "b"]);
        Assert.Equal(["b"], items.Keys);
    }

    [SkippableFact]
    public async Task Items_written_through_one_handle_are_read_through_another()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["shared"] = new Note { Text = "persisted" } });

        var other = OpenSameStore();

        Assert.Equal("persisted", (await ReadNoteAsync(other, "shared"))!.Text);
    }

    [SkippableFact]
    public async Task Parallel_writers_with_the_same_etag_have_exactly_one_winner()
    {
        var storage = CreateStorage();
        await storage.WriteAsync(new Dictionary<string, object> { ["counter"] = new Note { Count = 0 } });
        var start = await ReadNoteAsync(storage, "counter");

        var attempts = Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            var writer = OpenSameStore();
            try
            {
                await writer.WriteAsync(new Dictionary<string, object> { ["counter"] = new Note { Count = i, ETag = start!.ETag } });
                return true;
            }
            catch (StorageETagConflictException)
            {
                return false;
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(1, outcomes.Count(won => won));
    }

    [SkippableFact]
    public async Task Parallel_writers_to_different_keys_all_succeed()
    {
        var storage = CreateStorage();

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            OpenSameStore().WriteAsync(new Dictionary<string, object> { [$"key-{i}"] = new Note { Count = i } }))));

        var items = await storage.ReadAsync(Enumerable.Range(0, 16).Select(i => $"key-{i}").ToArray());
        Assert.Equal(16, items.Count);
    }
    // The JSON side door (IJsonStateStorage) and the conversation state that uses it.

    private static TurnContext Turn(string conversation = "c1")
    {
        var adapter = new TestAdapter(TestAdapter.CreateConversation(conversation));
        var activity = adapter.MakeActivity("hi");
        activity.ChannelId = "test";
        return new TurnContext(adapter, activity);
    }

    private IJsonStateStorage JsonStorage() =>
        CreateStorage() as IJsonStateStorage ?? throw new InvalidOperationException("Every state store of the bot also serves JSON.");

    [SkippableFact]
    public async Task Json_written_through_the_side_door_reads_back_both_ways_with_the_etag_rules()
    {
        var storage = JsonStorage();
        var first = await storage.WriteJsonAsync("a", """{"Text":"hello","Count":3}""", null, CancellationToken.None);
        var stored = await storage.ReadJsonAsync("a", CancellationToken.None);
        var note = await ReadNoteAsync((IStorage)storage, "a");

        Assert.Equal(first, stored!.ETag);
        Assert.Equal(("hello", 3, first), (note!.Text, note.Count, note.ETag));
        Assert.Null(await storage.ReadJsonAsync("missing", CancellationToken.None));

        var second = await storage.WriteJsonAsync("a", """{"Text":"again"}""", first, CancellationToken.None);
        await Assert.ThrowsAsync<StorageETagConflictException>(() => storage.WriteJsonAsync("a", """{"Text":"stale"}""", first, CancellationToken.None));
        Assert.Equal("again", (await ReadNoteAsync((IStorage)storage, "a"))!.Text);
        Assert.NotEqual(first, second);
        Assert.NotEqual(second, await storage.WriteJsonAsync("a", """{"Text":"forced"}""", "*", CancellationToken.None));
    }

    [SkippableFact]
    public async Task Json_conversation_state_keeps_properties_across_turns_and_instances_and_writes_only_changes()
    {
        var storage = CreateStorage();
        var state = new JsonConversationState(storage);
        var turn = Turn();
        var notes = state.CreateStateProperty<List<string>>("notes");
        (await notes.GetAsync(turn, () => [])).Add("remember me");
        await state.SaveChangesAsync(turn);
        var etag = (await ((IJsonStateStorage)storage).ReadJsonAsync(state.Key(turn), CancellationToken.None))!.ETag;

        // A later turn on another instance reads it, changes nothing and so writes nothing.
        var other = new JsonConversationState(OpenSameStore());
        var quiet = Turn();
        Assert.Equal(["remember me"], await other.CreateStateProperty<List<string>>("notes").GetAsync(quiet, () => []));
        await other.SaveChangesAsync(quiet);
        Assert.Equal(etag, (await ((IJsonStateStorage)storage).ReadJsonAsync(state.Key(turn), CancellationToken.None))!.ETag);

        // The SDK's own conversation state reads the same item.
        var sdk = new ConversationState(OpenSameStore());
        Assert.Equal(["remember me"], await sdk.Property<List<string>>("notes").GetAsync(Turn(), () => []));
    }

    [SkippableFact]
    public async Task Json_conversation_state_refuses_a_write_over_a_newer_turns_state()
    {
        var storage = CreateStorage();
        var state = new JsonConversationState(storage);
        var setup = Turn();
        await state.CreateStateProperty<string>("step").SetAsync(setup, "start");
        await state.SaveChangesAsync(setup);

        var slow = Turn();
        var fast = Turn();
        var step = state.CreateStateProperty<string>("step");
        Assert.Equal("start", await step.GetAsync(slow));
        Assert.Equal("start", await step.GetAsync(fast));
        await step.SetAsync(fast, "fast");
        await state.SaveChangesAsync(fast);
        await step.SetAsync(slow, "slow");

        await Assert.ThrowsAsync<StorageETagConflictException>(() => state.SaveChangesAsync(slow));
        Assert.Equal("fast", await step.GetAsync(Turn()));
    }

    [SkippableFact]
    public async Task Json_conversation_state_clears_and_deletes()
    {
        var storage = CreateStorage();
        var state = new JsonConversationState(storage);
        var step = state.CreateStateProperty<string>("step");
        var turn = Turn();
        await step.SetAsync(turn, "quote");
        await state.SaveChangesAsync(turn);

        var clearing = Turn();
        Assert.Equal("quote", await step.GetAsync(clearing));
        await state.ClearStateAsync(clearing);
        Assert.Null(await step.GetAsync(clearing));
        await state.SaveChangesAsync(clearing);
        Assert.Null(await step.GetAsync(Turn()));

        var deleting = Turn();
        await step.SetAsync(deleting, "again");
        await state.SaveChangesAsync(deleting);
        await state.DeleteAsync(deleting);
        Assert.Null(await ((IJsonStateStorage)storage).ReadJsonAsync(state.Key(turn), CancellationToken.None));
        Assert.Equal("fallback", await step.GetAsync(Turn(), () => "fallback"));
    }

    [SkippableFact]
    public async Task Conversations_idle_past_the_retention_are_deleted_and_user_state_and_recent_conversations_are_kept()
    {
        var storage = CreateStorage();
        const string idle = "webchat/conversations/idle", idleInGroup = "msteams/conversations/19:group/users/ava";
        const string recent = "webchat/conversations/recent", user = "webchat/users/ava";
        await storage.WriteAsync(new Dictionary<string, object>
        {
            [idle] = new Note { Text = "seen activity ids" },
            [idleInGroup] = new Note { Text = "a group member's state" },
            [recent] = new Note { Text = "cart step" },
            [user] = new Note { Text = "user" },
        });
        await BackdateAsync([idle, idleInGroup, user], TimeSpan.FromDays(31));
        await BackdateAsync([recent], TimeSpan.FromDays(29));

        var deleted = await ((IStateRetention)storage).DeleteIdleConversationsAsync(TimeSpan.FromDays(30), CancellationToken.None);

        Assert.Equal(2, deleted);
        var left = await OpenSameStore().ReadAsync([idle, idleInGroup, recent, user]);
        Assert.Equal([recent, user], left.Keys.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task A_sweep_deletes_every_idle_conversation_however_many_there_are()
    {
        var storage = CreateStorage();
        var keys = Enumerable.Range(0, 1_234).Select(i => $"webchat/conversations/c{i}").ToList();
        await storage.WriteAsync(keys.ToDictionary(key => key, object (_) => new Note { Text = "idle" }));
        await BackdateAsync(keys, TimeSpan.FromHours(2));

        var deleted = await ((IStateRetention)storage).DeleteIdleConversationsAsync(TimeSpan.FromHours(1), CancellationToken.None);

        Assert.Equal(keys.Count, deleted);
        Assert.Empty(await storage.ReadAsync([keys[0], keys[^1]]));
    }

    [SkippableFact]
    public async Task A_turn_reads_and_saves_its_state_while_a_sweep_is_between_batches_and_the_sweep_then_finishes()
    {
        var storage = CreateStorage();
        var idle = Enumerable.Range(0, 1_200).Select(i => $"webchat/conversations/idle-{i}").ToList();
        await storage.WriteAsync(idle.ToDictionary(key => key, object (_) => new Note { Text = "idle" }));
        await BackdateAsync(idle, TimeSpan.FromDays(8));
        const string live = "webchat/conversations/live";
        var state = (IJsonStateStorage)storage;
        await state.WriteJsonAsync(live, """{"step":"cart"}""", "*", CancellationToken.None);

        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pauses = 0;
        PauseBetweenSweepBatches(storage, async cancellationToken =>
        {
            if (Interlocked.Increment(ref pauses) == 1)
            {
                paused.SetResult();
                await resume.Task.WaitAsync(cancellationToken);
            }
        });
        var sweep = ((IStateRetention)storage).DeleteIdleConversationsAsync(TimeSpan.FromDays(7), CancellationToken.None);
        await paused.Task.WaitAsync(TimeSpan.FromMinutes(1));

        // The turn: its state read, then saved with the ETag it read — all while the sweep is under way.
        var turn = Task.Run(async () =>
        {
            var read = await state.ReadJsonAsync(live, CancellationToken.None);
            return await state.WriteJsonAsync(live, """{"step":"shipping"}""", read!.ETag, CancellationToken.None);
        });
        // A bound so a sweep that blocked turns fails here instead of hanging the run; nothing waits for time to pass.
        await turn.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(sweep.IsCompleted);

        resume.SetResult();
        Assert.Equal(idle.Count, await sweep);
        var left = await OpenSameStore().ReadAsync([live, idle[0], idle[^1]]);
        Assert.Equal([live], left.Keys);
        Assert.Equal("shipping", JObject.FromObject(left[live]).Value<string>("step"));
    }

    /// <summary>Makes the store's sweep await <paramref name="pause"/> after each full batch.</summary>
    private static void PauseBetweenSweepBatches(IStorage storage, Func<CancellationToken, Task> pause)
    {
        switch (storage)
        {
            case SqliteStorage sqlite:
                sqlite.BetweenSweepBatches = pause;
                break;
            case PostgresStorage postgres:
                postgres.BetweenSweepBatches = pause;
                break;
            default:
                throw new InvalidOperationException($"{storage.GetType().Name} has no sweep to pause.");
        }
    }
}

/// <summary>The storage key of a turn's conversation state, for tests that look at the stored item.</summary>
internal static class ConversationStateKeys
{
    public static string Key(this ConversationState _, ITurnContext turn) =>
        $"{turn.Activity.ChannelId}/conversations/{turn.Activity.Conversation.Id}";
}
