using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.DirectLine;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

public sealed class InMemoryDirectLineStoreTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 17, 0, 0, TimeSpan.Zero));

    private InMemoryDirectLineStore Store(int maxConversations = 100, int maxActivities = 100) =>
        new(Options.Create(new DirectLineOptions
        {
            MaxConversations = maxConversations,
            MaxActivitiesPerConversation = maxActivities,
            ConversationIdleTimeout = TimeSpan.FromHours(1),
        }), _clock);

    private static Activity Message(string text) => new(ActivityTypes.Message) { Text = text };

    [Fact]
    public async Task Activities_get_sequential_ids_and_the_watermark_returns_only_newer_ones()
    {
        var store = Store();
        await store.TryCreateConversationAsync("c", CancellationToken.None);

        var first = await store.AppendAsync("c", Message("one"), CancellationToken.None);
        await store.AppendAsync("c", Message("two"), CancellationToken.None);
        var all = await store.GetActivitiesAsync("c", null, CancellationToken.None);
        var afterFirst = await store.GetActivitiesAsync("c", 1, CancellationToken.None);

        Assert.Matches(@"^c\|[0-9a-f]{8}\.0000001$", first);
        Assert.Equal(2, all!.Activities.Count);
        Assert.Equal(2, all.Watermark);
        Assert.Contains("\"two\"", Assert.Single(afterFirst!.Activities));
    }

    [Fact]
    public async Task The_bot_typing_is_served_while_it_is_newest_and_fresh_and_never_replayed_with_the_history()
    {
        var store = Store();
        await store.TryCreateConversationAsync("c", CancellationToken.None);
        await store.AppendAsync("c", Message("hi"), CancellationToken.None);
        await store.AppendAsync("c", new Activity(ActivityTypes.Typing), CancellationToken.None);

        // A stream waiting after "hi" gets the typing indicator live.
        var live = await store.GetActivitiesAsync("c", 1, CancellationToken.None);
        Assert.Contains("\"typing\"", Assert.Single(live!.Activities));

        await store.AppendAsync("c", Message("Here is the catalog"), CancellationToken.None);
        var reloaded = await store.GetActivitiesAsync("c", null, CancellationToken.None);
        // The page reading the history again sees the two messages, not the typing that came between them; watermarks stay absolute.
        Assert.Equal(2, reloaded!.Activities.Count);
        Assert.DoesNotContain(reloaded.Activities, a => a.Contains("\"typing\"", StringComparison.Ordinal));
        Assert.Equal(3, reloaded.Watermark);

        // A typing left newest (the bot typed, then said nothing) is not served once stale.
        await store.AppendAsync("c", new Activity(ActivityTypes.Typing), CancellationToken.None);
        Assert.Equal(3, (await store.GetActivitiesAsync("c", null, CancellationToken.None))!.Activities.Count);
        _clock.Advance(TimeSpan.FromSeconds(6));
        var later = await store.GetActivitiesAsync("c", null, CancellationToken.None);
        Assert.Equal(2, later!.Activities.Count);
        Assert.Equal(4, later.Watermark);
    }

    [Fact]
    public async Task A_conversation_created_again_on_another_replica_never_repeats_an_activity_id()
    {
        // A resumed chat on another replica (or after a restart) starts its sequence again; the bot de-duplicates by
        // activity id, so a repeated id would turn the customer's next message into an ignored "retry".
        var first = Store();
        var second = Store();
        await first.TryCreateConversationAsync("c", CancellationToken.None);
        await second.TryCreateConversationAsync("c", CancellationToken.None);

        var before = await first.AppendAsync("c", Message("one"), CancellationToken.None);
        var after = await second.AppendAsync("c", Message("one again"), CancellationToken.None);

        Assert.NotEqual(before, after);
    }

    [Fact]
    public async Task The_least_recently_active_conversation_is_evicted_when_the_store_is_full()
    {
        var store = Store(maxConversations: 2);
        await store.TryCreateConversationAsync("old", CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await store.TryCreateConversationAsync("recent", CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        await store.AppendAsync("old", Message("keeps old alive"), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));

        await store.TryCreateConversationAsync("new", CancellationToken.None);

        Assert.True(await store.ExistsAsync("old", CancellationToken.None));
        Assert.False(await store.ExistsAsync("recent", CancellationToken.None));
        Assert.True(await store.ExistsAsync("new", CancellationToken.None));
    }

    [Fact]
    public async Task A_long_conversation_keeps_only_its_latest_activities_with_absolute_watermarks()
    {
        var store = Store(maxActivities: 10);
        await store.TryCreateConversationAsync("c", CancellationToken.None);

        for (var i = 1; i <= 15; i++)
        {
            await store.AppendAsync("c", Message($"message {i}"), CancellationToken.None);
        }

        var all = await store.GetActivitiesAsync("c", null, CancellationToken.None);
        Assert.Equal(10, all!.Activities.Count);
        Assert.Contains("message 6", all.Activities[0]);
        Assert.Equal(15, all.Watermark);
    }

    [Fact]
    public async Task An_idle_conversation_expires()
    {
        var store = Store();
        await store.TryCreateConversationAsync("c", CancellationToken.None);

        _clock.Advance(TimeSpan.FromHours(1));

        Assert.False(await store.ExistsAsync("c", CancellationToken.None));
        Assert.Null(await store.AppendAsync("c", Message("late"), CancellationToken.None));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public async Task A_waiting_stream_wakes_when_an_activity_arrives()
    {
        var store = Store();
        await store.TryCreateConversationAsync("c", CancellationToken.None);
        var waiting = store.WaitForActivitiesAsync("c", 0, CancellationToken.None);
        var wasWaiting = !waiting.IsCompleted;

        await store.AppendAsync("c", Message("wake up"), CancellationToken.None);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(wasWaiting);
    }

    [Fact]
    public async Task The_sweep_removes_idle_conversations_from_memory_without_waiting_for_a_new_one_and_keeps_active_ones()
    {
        var store = Store(maxConversations: 2_000);
        foreach (var i in Enumerable.Range(0, 1_234))
        {
            await store.TryCreateConversationAsync($"idle-{i}", CancellationToken.None);
        }

        _clock.Advance(TimeSpan.FromMinutes(40));
        await store.TryCreateConversationAsync("active", CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(21));

        Assert.Equal(1_234, await store.RemoveIdleConversationsAsync(CancellationToken.None));
        Assert.Equal(1, store.Count);
        Assert.True(await store.ExistsAsync("active", CancellationToken.None));
    }
}
