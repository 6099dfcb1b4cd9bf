using System.Text.Json;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Handoff;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>
/// What every <see cref="IHandoffStore"/> promises. A store (SQLite, PostgreSQL, …) derives from this class and supplies
/// <see cref="CreateStore"/> and <see cref="OpenSameStore"/>; the same facts must hold.
/// </summary>
public abstract partial class HandoffStoreContractTests
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(-8));
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A fresh, empty store; called once per test, before any <see cref="OpenSameStore"/>.</summary>
    protected abstract IHandoffStore CreateStore();

    /// <summary>A second handle on the same underlying store, as another instance would have.</summary>
    protected abstract IHandoffStore OpenSameStore();

    private static CancellationToken None => CancellationToken.None;

    [SkippableFact]
    public async Task A_saved_handoff_reads_back_by_id_with_every_field()
    {
        var store = CreateStore();
        var session = Session("emulator/full", Monday, HandoffStatus.WithAgent);
        session.Reason = HandoffReason.OverSelfServiceLimits;
        session.Detail = "12 lines requested";
        session.Customer = new CustomerSnapshot("user-1", "Ava Díaz", "ava@example.com", "ACC-1", "Acme Dental");
        session.Cart = new CartSnapshot("CART-1", "12 × X4 line", [new CartLineSnapshot("X4", "X4 line", 12, "Line", 24.99m)], 12, 0, 40.00m, 299.88m, ["Too many lines"]);
        session.Eligibility = new EligibilitySnapshot(false, ["MaxLines"], [new Fact("Profile", "Customer Community Ordering")]);
        session.QueuedAt = Monday.AddMinutes(1);
        session.AcceptedAt = Monday.AddMinutes(2);
        session.AgentId = "dana.agent";
        session.AgentName = "Dana Reyes";
        session.ToldStillQueued = true;

        await store.SaveAsync(session, None);
        var read = await store.GetAsync(session.Id, None);

        Assert.NotNull(read);
        Assert.Equal(JsonSerializer.Serialize(session, Json), JsonSerializer.Serialize(read, Json));
    }

    [SkippableFact]
    public async Task Missing_handoffs_read_as_null_and_an_empty_store_has_no_active_ones()
    {
        var store = CreateStore();

        Assert.Null(await store.GetAsync("H-MISSING", None));
        Assert.Null(await store.GetActiveAsync("emulator/nobody", None));
        Assert.Empty(await store.ListActiveAsync(None));
    }

    [SkippableFact]
    public async Task Saving_a_handoff_again_replaces_it()
    {
        var store = CreateStore();
        var session = Session("emulator/replace", Monday);
        await store.SaveAsync(session, None);

        session.ToldStillQueued = true;
        session.Detail = "changed";
        await store.SaveAsync(session, None);

        var read = await store.GetAsync(session.Id, None);
        Assert.True(read!.ToldStillQueued);
        Assert.Equal("changed", read.Detail);
        Assert.Single(await store.ListActiveAsync(None));
    }

    [SkippableFact]
    public async Task The_active_handoff_of_a_conversation_is_its_unended_one_and_no_other_conversations()
    {
        var store = CreateStore();
        var ended = Session("emulator/mine", Monday, HandoffStatus.Ended);
        var active = Session("emulator/mine", Monday.AddMinutes(5));
        var other = Session("emulator/theirs", Monday.AddMinutes(6));
        await store.SaveAsync(ended, None);
        await store.SaveAsync(active, None);
        await store.SaveAsync(other, None);

        Assert.Equal(active.Id, (await store.GetActiveAsync("emulator/mine", None))?.Id);
        Assert.Equal(other.Id, (await store.GetActiveAsync("emulator/theirs", None))?.Id);
        Assert.Null(await store.GetActiveAsync("emulator/someone-else", None));
    }

    [SkippableFact]
    public async Task An_ended_handoff_leaves_the_active_list_but_stays_readable_by_id()
    {
        var store = CreateStore();
        var session = Session("emulator/ending", Monday);
        await store.SaveAsync(session, None);

        session.Status = HandoffStatus.Ended;
        session.EndedAt = Monday.AddMinutes(3);
        session.EndedBy = "customer";
        await store.SaveAsync(session, None);

        Assert.Null(await store.GetActiveAsync("emulator/ending", None));
        Assert.Empty(await store.ListActiveAsync(None));
        var read = await store.GetAsync(session.Id, None);
        Assert.Equal(HandoffStatus.Ended, read!.Status);
        Assert.Equal("customer", read.EndedBy);
    }

    [SkippableFact]
    public async Task The_active_list_holds_every_unended_handoff_oldest_first()
    {
        var store = CreateStore();
        var newest = Session("emulator/c", Monday.AddMinutes(20), HandoffStatus.CapturingCallback);
        var oldest = Session("emulator/a", Monday);
        var middle = Session("emulator/b", Monday.AddMinutes(10), HandoffStatus.WithAgent);
        var ended = Session("emulator/d", Monday.AddMinutes(5), HandoffStatus.Ended);
        foreach (var session in new[] { newest, oldest, ended, middle })
        {
            await store.SaveAsync(session, None);
        }

        var active = await store.ListActiveAsync(None);

        Assert.Equal([oldest.Id, middle.Id, newest.Id], active.Select(s => s.Id));
    }

    [SkippableFact]
    public async Task The_queue_count_is_the_queued_handoffs_only_and_follows_accepts_and_ends_through_any_handle()
    {
        var store = CreateStore();
        var other = OpenSameStore();
        Assert.Equal(0, await store.CountQueuedAsync(None));
        var first = Session("emulator/q1", Monday);
        var second = Session("emulator/q2", Monday.AddMinutes(1));
        foreach (var session in new[]
        {
            first, second,
            Session("emulator/q3", Monday.AddMinutes(2), HandoffStatus.WithAgent),
            Session("emulator/q4", Monday.AddMinutes(3), HandoffStatus.CapturingCallback),
            Session("emulator/q5", Monday.AddMinutes(4), HandoffStatus.WaitingForHub),
            Session("emulator/q6", Monday.AddMinutes(5), HandoffStatus.Ended),
        })
        {
            await store.SaveAsync(session, None);
        }

        Assert.Equal(2, await store.CountQueuedAsync(None));
        Assert.Equal(2, await other.CountQueuedAsync(None));

        Assert.NotNull(await other.TryAcceptAsync(first.Id, new("dana.agent", "Dana Reyes"), Monday.AddMinutes(6), None));
        Assert.Equal(1, await store.CountQueuedAsync(None));

        second.Status = HandoffStatus.Ended;
        second.EndedAt = Monday.AddMinutes(7);
        await store.SaveAsync(second, None);
        Assert.Equal(0, await other.CountQueuedAsync(None));
    }

    [SkippableFact]
    public async Task A_handoff_saved_through_one_handle_is_seen_through_another()
    {
        var store = CreateStore();
        var other = OpenSameStore();
        var session = Session("emulator/shared", Monday);

        await store.SaveAsync(session, None);

        Assert.Equal(session.Id, (await other.GetActiveAsync("emulator/shared", None))?.Id);
        Assert.Equal(session.Id, Assert.Single(await other.ListActiveAsync(None)).Id);
    }

    [SkippableFact]
    public async Task Accepting_a_queued_handoff_assigns_it_to_the_agent()
    {
        var store = CreateStore();
        var session = Session("emulator/accept", Monday);
        await store.SaveAsync(session, None);
        var at = Monday.AddMinutes(1);

        var accepted = await store.TryAcceptAsync(session.Id, new AgentIdentity("dana.agent", "Dana Reyes"), at, None);

        Assert.NotNull(accepted);
        var read = await store.GetAsync(session.Id, None);
        foreach (var result in new[] { accepted, read! })
        {
            Assert.Equal(HandoffStatus.WithAgent, result.Status);
            Assert.Equal("dana.agent", result.AgentId);
            Assert.Equal("Dana Reyes", result.AgentName);
            Assert.Equal(at, result.AcceptedAt);
            Assert.Equal(session.Reference, result.Reference);
        }

        Assert.Equal(session.Id, (await store.GetActiveAsync("emulator/accept", None))?.Id);
    }

    [SkippableTheory]
    [InlineData(HandoffStatus.WithAgent)]
    [InlineData(HandoffStatus.Ended)]
    [InlineData(HandoffStatus.CapturingCallback)]
    [InlineData(HandoffStatus.WaitingForHub)]
    public async Task Only_a_queued_handoff_can_be_accepted(HandoffStatus status)
    {
        var store = CreateStore();
        var session = Session("emulator/not-queued", Monday, status);
        session.AgentId = status == HandoffStatus.WithAgent ? "lee.agent" : null;
        await store.SaveAsync(session, None);

        Assert.Null(await store.TryAcceptAsync(session.Id, new AgentIdentity("dana.agent", "Dana Reyes"), Monday, None));
        Assert.Null(await store.TryAcceptAsync("H-MISSING", new AgentIdentity("dana.agent", "Dana Reyes"), Monday, None));
        var read = await store.GetAsync(session.Id, None);
        Assert.Equal(status, read!.Status);
        Assert.Equal(session.AgentId, read.AgentId);
    }

    [SkippableFact]
    public async Task Of_agents_accepting_at_once_through_different_handles_exactly_one_wins()
    {
        IHandoffStore[] handles = [CreateStore(), OpenSameStore()];
        var session = Session("emulator/race", Monday);
        await handles[0].SaveAsync(session, None);
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await handles[i % 2].TryAcceptAsync(session.Id, new AgentIdentity($"agent-{i}", $"Agent {i}"), Monday.AddSeconds(i), None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r is not null)!;
        var read = await handles[1].GetAsync(session.Id, None);
        Assert.Equal(HandoffStatus.WithAgent, read!.Status);
        Assert.Equal(winner.AgentId, read.AgentId);
        Assert.Equal(winner.AcceptedAt, read.AcceptedAt);
    }

    [SkippableFact]
    public async Task Transcript_lines_read_back_in_order_with_every_field_across_appends()
    {
        var store = CreateStore();
        var first = Lines(Monday, "hi", "add 2 X4 lines");
        first[1] = first[1] with { Role = TranscriptRole.Bot, Name = "Sales bot" };
        var second = new[] { new TranscriptEntry(Monday.AddMinutes(5), TranscriptRole.Agent, "Dana Reyes", "Hallo — ça va? 👋") };

        await store.AppendTranscriptAsync("emulator/t", first, 50, None);
        await store.AppendTranscriptAsync("emulator/t", second, 50, None);

        Assert.Equal([.. first, .. second], await store.GetTranscriptAsync("emulator/t", None));
    }

    [SkippableFact]
    public async Task Transcripts_are_kept_per_conversation_and_an_unknown_one_is_empty()
    {
        var store = CreateStore();
        await store.AppendTranscriptAsync("emulator/one", Lines(Monday, "one"), 50, None);
        await store.AppendTranscriptAsync("emulator/two", Lines(Monday, "two"), 50, None);
        await store.AppendTranscriptAsync("emulator/two", [], 50, None);

        Assert.Equal(["one"], (await store.GetTranscriptAsync("emulator/one", None)).Select(e => e.Text));
        Assert.Equal(["two"], (await store.GetTranscriptAsync("emulator/two", None)).Select(e => e.Text));
        Assert.Empty(await store.GetTranscriptAsync("emulator/three", None));
    }

    [SkippableFact]
    public async Task A_transcript_keeps_only_its_newest_lines_up_to_the_cap()
    {
        var store = CreateStore();
        await store.AppendTranscriptAsync("emulator/cap", Lines(Monday, "1", "2", "3"), 4, None);
        await store.AppendTranscriptAsync("emulator/cap", Lines(Monday.AddMinutes(1), "4", "5", "6"), 4, None);

        Assert.Equal(["3", "4", "5", "6"], (await store.GetTranscriptAsync("emulator/cap", None)).Select(e => e.Text));

        await store.AppendTranscriptAsync("emulator/cap", Lines(Monday.AddMinutes(2), "7", "8", "9", "10", "11", "12"), 4, None);

        Assert.Equal(["9", "10", "11", "12"], (await store.GetTranscriptAsync("emulator/cap", None)).Select(e => e.Text));
    }

    [SkippableFact]
    public async Task Appends_at_once_from_two_handles_lose_nothing_and_keep_each_batch_together()
    {
        IHandoffStore[] handles = [CreateStore(), OpenSameStore()];
        var batches = Enumerable.Range(0, 10).Select(b => Lines(Monday.AddSeconds(b), $"{b}.1", $"{b}.2", $"{b}.3")).ToList();

        await Task.WhenAll(batches.Select((batch, b) => Task.Run(() => handles[b % 2].AppendTranscriptAsync("emulator/busy", batch, 100, None))));

        var texts = (await handles[0].GetTranscriptAsync("emulator/busy", None)).Select(e => e.Text).ToList();
        Assert.Equal(30, texts.Count);
        for (var i = 0; i < texts.Count; i += 3)
        {
            var batch = texts[i].Split('.')[0];
            Assert.Equal([$"{batch}.1", $"{batch}.2", $"{batch}.3"], texts.Skip(i).Take(3));
        }
    }

    [SkippableFact]
    public async Task Appends_at_once_from_two_handles_still_respect_the_cap()
    {
        IHandoffStore[] handles = [CreateStore(), OpenSameStore()];

        await Task.WhenAll(Enumerable.Range(0, 10).Select(b => Task.Run(() =>
            handles[b % 2].AppendTranscriptAsync("emulator/capped", Lines(Monday.AddSeconds(b), $"{b}.1", $"{b}.2"), 5, None))));

        Assert.Equal(5, (await handles[1].GetTranscriptAsync("emulator/capped", None)).Count);
    }

    [SkippableFact]
    public async Task Retention_deletes_lines_older_than_the_cut_off_in_every_conversation_and_counts_them()
    {
        var store = CreateStore();
        var cutOff = Monday.AddDays(30);
        await store.AppendTranscriptAsync("emulator/old", Lines(Monday, "old 1", "old 2"), 50, None);
        await store.AppendTranscriptAsync("emulator/mixed", [.. Lines(Monday, "stale"), .. Lines(cutOff, "at the cut-off"), .. Lines(cutOff.AddMinutes(1), "fresh")], 50, None);

        var deleted = await store.DeleteTranscriptsBeforeAsync(cutOff, None);

        Assert.Equal(3, deleted);
        Assert.Empty(await store.GetTranscriptAsync("emulator/old", None));
        Assert.Equal(["at the cut-off", "fresh"], (await store.GetTranscriptAsync("emulator/mixed", None)).Select(e => e.Text));
        Assert.Equal(0, await store.DeleteTranscriptsBeforeAsync(cutOff, None));
    }

    [SkippableFact]
    public async Task A_callback_request_reads_back_with_every_field()
    {
        var store = CreateStore();
        var callback = Callback("CB-FULL", Monday.AddDays(1)) with
        {
            Cart = new CartSnapshot("CART-1", "1 × X4 line", [new CartLineSnapshot("X4", "X4 line", 1, "Line", 24.99m)], 1, 0, 0m, 24.99m, []),
            Transcript = Lines(Monday, "agent", "[card number removed]"),
        };

        await store.SaveCallbackAsync(callback, None);
        var read = await store.GetCallbackAsync("CB-FULL", None);

        Assert.NotNull(read);
        Assert.Equal(JsonSerializer.Serialize(callback, Json), JsonSerializer.Serialize(read, Json));
        Assert.Null(await store.GetCallbackAsync("CB-MISSING", None));
    }

    [SkippableFact]
    public async Task Callbacks_list_open_ones_first_then_by_preferred_time()
    {
        var store = CreateStore();
        await store.SaveCallbackAsync(Callback("CB-LATE", Monday.AddDays(2)), None);
        await store.SaveCallbackAsync(Callback("CB-DONE", Monday) with { Done = true, DoneBy = "dana.agent" }, None);
        await store.SaveCallbackAsync(Callback("CB-SOON", Monday.AddHours(1)), None);

        Assert.Equal(["CB-SOON", "CB-LATE", "CB-DONE"], (await store.ListCallbacksAsync(None)).Select(c => c.Id));
    }

    [SkippableFact]
    public async Task Marking_a_callback_done_saves_who_did_it_and_moves_it_after_the_open_ones()
    {
        var store = CreateStore();
        var other = OpenSameStore();
        await store.SaveCallbackAsync(Callback("CB-A", Monday), None);
        await store.SaveCallbackAsync(Callback("CB-B", Monday.AddHours(1)), None);

        var done = (await other.GetCallbackAsync("CB-A", None))! with { Done = true, DoneBy = "lee.agent" };
        await other.SaveCallbackAsync(done, None);

        var listed = await store.ListCallbacksAsync(None);
        Assert.Equal(["CB-B", "CB-A"], listed.Select(c => c.Id));
        Assert.True(listed[1].Done);
        Assert.Equal("lee.agent", listed[1].DoneBy);
        Assert.Equal(2, listed.Count);
    }

    [SkippableFact]
    public async Task Of_agents_claiming_a_callback_at_once_through_different_handles_exactly_one_gets_it()
    {
        IHandoffStore[] handles = [CreateStore(), OpenSameStore()];
        await handles[0].SaveCallbackAsync(Callback("CB-RACE", Monday), None);
        using var start = new ManualResetEventSlim();

        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            var agent = new AgentIdentity($"agent-{i}", $"Agent {i}");
            return await handles[i % 2].UpdateCallbackAsync("CB-RACE", c => c.ClaimedBy is null ? c with { ClaimedBy = agent, ClaimedAt = Monday.AddSeconds(i) } : null, None);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r!.Changed)!;
        // Every loser saw the winner's claim, not the request as it was before.
        Assert.All(results, r => Assert.Equal(winner.Callback.ClaimedBy, r!.Callback.ClaimedBy));
        var read = await handles[1].GetCallbackAsync("CB-RACE", None);
        Assert.Equal((winner.Callback.ClaimedBy, winner.Callback.ClaimedAt), (read!.ClaimedBy, read.ClaimedAt));
    }

    [SkippableFact]
    public async Task A_callback_update_saves_outcome_and_new_time_and_leaves_a_refused_or_missing_one_alone()
    {
        var store = CreateStore();
        await store.SaveCallbackAsync(Callback("CB-WORK", Monday.AddDays(1)), None);
        await store.SaveCallbackAsync(Callback("CB-FIRST", Monday.AddDays(2)), None);

        // Moved before the other: the list follows the new preferred time.
        var moved = await store.UpdateCallbackAsync("CB-FIRST", c => c with { PreferredAt = Monday.AddHours(2), PreferredTime = "Monday at 11:00 a.m. Pacific" }, None);
        Assert.True(moved!.Changed);
        Assert.Equal(["CB-FIRST", "CB-WORK"], (await store.ListCallbacksAsync(None)).Select(c => c.Id));

        var unchanged = await store.UpdateCallbackAsync("CB-WORK", _ => null, None);
        Assert.False(unchanged!.Changed);
        Assert.Null(await store.UpdateCallbackAsync("CB-MISSING", c => c with { Done = true }, None));

        var dana = new AgentIdentity("dana.agent", "Dana Reyes");
        await store.UpdateCallbackAsync("CB-WORK", c => c with { Done = true, DoneBy = dana.Id, ClaimedBy = dana, Outcome = CallOutcome.LeftVoicemail, DoneAt = Monday.AddDays(1) }, None);
        var done = await OpenSameStore().GetCallbackAsync("CB-WORK", None);
        Assert.Equal((true, CallOutcome.LeftVoicemail, dana, Monday.AddDays(1)), (done!.Done, done.Outcome, done.ClaimedBy, done.DoneAt));
        Assert.Equal(["CB-FIRST", "CB-WORK"], (await store.ListCallbacksAsync(None)).Select(c => c.Id));
        Assert.Equal("Monday at 11:00 a.m. Pacific", (await store.GetCallbackAsync("CB-FIRST", None))!.PreferredTime);
    }

    private static HandoffSession Session(string conversationKey, DateTimeOffset createdAt, HandoffStatus status = HandoffStatus.Queued) => new()
    {
        Id = "H-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
        ConversationKey = conversationKey,
        ChannelId = "emulator",
        Reference = $$"""{"conversation":{"id":"{{conversationKey}}"},"serviceUrl":"http://127.0.0.1:1/"}""",
        Status = status,
        Reason = HandoffReason.CustomerAsked,
        CreatedAt = createdAt,
        UpdatedAt = createdAt,
        QueuedAt = status == HandoffStatus.Queued ? createdAt : null,
        EndedAt = status == HandoffStatus.Ended ? createdAt.AddMinutes(1) : null,
    };

    private static TranscriptEntry[] Lines(DateTimeOffset at, params string[] texts) =>
        [.. texts.Select(text => new TranscriptEntry(at, TranscriptRole.Customer, "Ava Díaz", text))];

    private static CallbackRequest Callback(string id, DateTimeOffset preferredAt) => new(
        id,
        "emulator/" + id,
        HandoffReason.CustomerAsked,
        "The customer asked for a callback.",
        new CustomerSnapshot("user-1", "Ava Díaz", null, "ACC-1", "Acme Dental"),
        null,
        "(408) 555-0100",
        "+14085550100",
        preferredAt,
        "Tuesday at 9:00 a.m. Pacific",
        Monday,
        []);
}
