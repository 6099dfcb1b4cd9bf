using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Handoff;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>What every store promises about agents' presence (for transfers) and the transfers a handoff records.</summary>
public abstract partial class HandoffStoreContractTests
{
    private static readonly TimeSpan PresenceTimeout = TimeSpan.FromSeconds(90);

    [SkippableFact]
    public async Task An_agent_seen_is_online_until_the_presence_timeout_passes_without_another_sighting()
    {
        var clock = new FakeTimeProvider(Monday);
        var store = CreateStore();
        await store.SeeAgentAsync(new AgentIdentity("sam.agent", "Sam Lee"), clock.GetUtcNow(), None);
        await store.SeeAgentAsync(new AgentIdentity("dana.agent", "Dana Reyes"), clock.GetUtcNow(), None);

        clock.Advance(TimeSpan.FromSeconds(60));
        // Dana's console is still connected (its heartbeat); Sam's went away.
        await store.SeeAgentAsync(new AgentIdentity("dana.agent", "Dana Reyes"), clock.GetUtcNow(), None);
        Assert.Equal(["Dana Reyes", "Sam Lee"], await OnlineAsync(store, clock));

        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(["Dana Reyes"], await OnlineAsync(store, clock));
        // Expired, not gone: the record says who they were and when they were last seen, through any handle.
        var sam = await OpenSameStore().GetAgentPresenceAsync("sam.agent", None);
        Assert.Equal(("sam.agent", "Sam Lee", Monday.UtcDateTime), (sam!.Id, sam.Name, sam.LastSeen.UtcDateTime));
        Assert.False(sam.IsOnline(clock.GetUtcNow(), PresenceTimeout));

        clock.Advance(TimeSpan.FromSeconds(5));
        await store.SeeAgentAsync(new AgentIdentity("sam.agent", "Sam Lee"), clock.GetUtcNow(), None);
        Assert.Equal(["Dana Reyes", "Sam Lee"], await OnlineAsync(store, clock));
    }

    [SkippableFact]
    public async Task A_sighting_refreshes_the_agents_name_and_signing_out_forgets_them()
    {
        var store = CreateStore();
        await store.SeeAgentAsync(new AgentIdentity("sam.agent", "Sam"), Monday, None);
        await store.SeeAgentAsync(new AgentIdentity("sam.agent", "Sam Lee"), Monday.AddSeconds(30), None);

        var sam = await store.GetAgentPresenceAsync("sam.agent", None);
        Assert.Equal(("Sam Lee", Monday.AddSeconds(30).UtcDateTime), (sam!.Name, sam.LastSeen.UtcDateTime));
        Assert.Single(await store.ListAgentsSeenSinceAsync(Monday, None));

        await OpenSameStore().ForgetAgentAsync("sam.agent", None);

        Assert.Null(await store.GetAgentPresenceAsync("sam.agent", None));
        Assert.Empty(await store.ListAgentsSeenSinceAsync(Monday, None));
        Assert.Null(await store.GetAgentPresenceAsync("nobody", None));
    }

    [SkippableFact]
    public async Task A_transfer_is_stored_with_the_handoff_who_from_to_whom_the_note_and_when()
    {
        var store = CreateStore();
        var session = Session("emulator/transfer", Monday, HandoffStatus.WithAgent);
        session.AgentId = "dana.agent";
        session.AgentName = "Dana Reyes";
        session.Transfer(new AgentIdentity("sam.agent", "Sam Lee"), "Wants 20 lines; quote sent by email.", Monday.AddMinutes(3));
        await store.SaveAsync(session, None);

        var read = await OpenSameStore().GetAsync(session.Id, None);

        Assert.Equal(("sam.agent", "Sam Lee"), (read!.AgentId, read.AgentName));
        var transfer = Assert.Single(read.Transfers);
        Assert.Equal(new AgentIdentity("dana.agent", "Dana Reyes"), transfer.From);
        Assert.Equal(new AgentIdentity("sam.agent", "Sam Lee"), transfer.To);
        Assert.Equal(("Wants 20 lines; quote sent by email.", Monday.AddMinutes(3).UtcDateTime), (transfer.Note, transfer.At.UtcDateTime));
    }

    private static async Task<string[]> OnlineAsync(IHandoffStore store, FakeTimeProvider clock) =>
        [.. (await store.ListAgentsSeenSinceAsync(clock.GetUtcNow() - PresenceTimeout, None)).Select(a => a.Name)];
}
