using System.Data.Common;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Handoff;

/// <summary>A signed-in agent another agent may hand a conversation to, with how many conversations they hold now.</summary>
public sealed record OnlineAgent(string Id, string Name, int Conversations, string ConversationsText);

/// <summary>
/// Which agents are online, for transfers. An agent is present while their console's event stream
/// (<c>/agent/api/events</c>) is open: the stream records them when it connects and again on a heartbeat every third of
/// <see cref="HandoffOptions.AgentPresenceTimeout"/>, and signing out forgets them. The stream rather than a timer in the
/// page, because a page's timers are throttled in a background tab while its stream stays connected, and because an
/// agent whose console has lost its stream sees no transfer arrive anyway. The heartbeat also keeps proxies from
/// closing a quiet stream.
/// </summary>
public static class AgentPresenceEndpoints
{
    /// <summary>The name of the heartbeat event on the stream (the console ignores it).</summary>
    public const string HeartbeatEvent = "presence";

    public static RouteGroupBuilder MapAgentPresence(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/agents", ListOnlineAgentsAsync);
        return api;
    }

    /// <summary>The agents online now other than the caller, by name.</summary>
    private static async Task<Ok<IReadOnlyList<OnlineAgent>>> ListOnlineAgentsAsync(
        HttpContext http, IHandoffStore store, TimeProvider clock, IOptions<HandoffOptions> options, CancellationToken ct)
    {
        var me = http.User.Agent();
        var online = await store.ListAgentsSeenSinceAsync(clock.GetUtcNow() - options.Value.AgentPresenceTimeout, ct);
        var held = (await store.ListActiveAsync(ct))
            .Where(s => s.Status == HandoffStatus.WithAgent && s.AgentId is not null)
            .GroupBy(s => s.AgentId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return TypedResults.Ok<IReadOnlyList<OnlineAgent>>([.. online
            .Where(a => !string.Equals(a.Id, me.Id, StringComparison.OrdinalIgnoreCase))
            .Select(a => new OnlineAgent(a.Id, a.Name, held.GetValueOrDefault(a.Id), SupervisorTexts.Conversations(held.GetValueOrDefault(a.Id))))]);
    }

    /// <summary>Forgets the signed-in agent's presence (they are signing out).</summary>
    internal static Task ForgetAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.RequestServices.GetRequiredService<IHandoffStore>().ForgetAgentAsync(http.User.Agent().Id, http.RequestAborted);
    }

    /// <summary>
    /// The console's event stream with the signed-in agent kept present while it is open: recorded before the first
    /// event (so the agent is online once the stream has connected), then on every heartbeat, which the stream carries as
    /// a <see cref="HeartbeatEvent"/> event.
    /// </summary>
    internal static async IAsyncEnumerable<SseItem<string>> WhilePresentAsync(
        HttpContext http, Func<CancellationToken, IAsyncEnumerable<SseItem<string>>> events, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(events);
        var services = http.RequestServices;
        var store = services.GetRequiredService<IHandoffStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var every = services.GetRequiredService<IOptions<HandoffOptions>>().Value.AgentPresenceTimeout / 3;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentPresenceEndpoints));
        var me = http.User.Agent();

        await SeeAsync(store, me, clock, logger, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // Started before the feed sends the headers, so the first heartbeat is due one interval after the console connected.
        // One timer at a time for the whole stream, not restarted by events: a busy desk still refreshes presence.
        var beat = Task.Delay(every, clock, stop.Token);
        var source = events(stop.Token).GetAsyncEnumerator(stop.Token);
        var next = source.MoveNextAsync().AsTask();
        try
        {
            while (true)
            {
                var first = await Task.WhenAny(next, beat);
                if (ct.IsCancellationRequested)
                {
                    yield break;
                }

                if (first == next)
                {
                    if (!await next)
                    {
                        yield break;
                    }

                    yield return source.Current;
                    next = source.MoveNextAsync().AsTask();
                    continue;
                }

                await SeeAsync(store, me, clock, logger, ct);
                yield return new SseItem<string>("{}", HeartbeatEvent);
                beat = Task.Delay(every, clock, stop.Token);
            }
        }
        finally
        {
            // The feed is stopped and awaited before it is disposed: an async iterator cannot be disposed mid-step.
            await stop.CancelAsync();
            try
            {
                await next;
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException)
            {
                // The console went away while the feed was flushing.
            }

            await source.DisposeAsync();
        }
    }

    private static async Task SeeAsync(IHandoffStore store, AgentIdentity me, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        try
        {
            await store.SeeAgentAsync(me, clock.GetUtcNow(), ct);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or TimeoutException)
        {
            // The console stays live without presence; the agent is only missing from the transfer lists for a while.
            logger.LogWarning(exception, "Could not record the presence of agent {AgentId}", me.Id);
        }
    }
}
