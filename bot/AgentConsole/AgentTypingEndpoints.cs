using System.Collections.Concurrent;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// At most one typing indicator per conversation and window, on this instance: a typing indicator is a hint, and the
/// channel, the feed and the other side's screen need no more than one every few seconds.
/// </summary>
public sealed class TypingThrottle(TimeProvider clock)
{
    /// <summary>How often the indicator goes either way; Web Chat shows one for about five seconds.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new();

    /// <summary>Whether an indicator for <paramref name="key"/> may go now (and counts it as gone).</summary>
    public bool TryPass(string key)
    {
        var now = clock.GetUtcNow();
        if (_last.Count > 10_000)
        {
            // Bounded: conversations that stopped typing are forgotten.
            foreach (var stale in _last.Where(entry => now - entry.Value >= Window))
            {
                _last.TryRemove(stale);
            }
        }

        var passed = false;
        _last.AddOrUpdate(key, _ => { passed = true; return now; }, (_, last) =>
        {
            passed = now - last >= Window;
            return passed ? now : last;
        });
        return passed;
    }
}

/// <summary>
/// <c>POST /agent/api/conversations/{id}/typing</c>: the signed-in agent is typing to the customer they hold. The
/// customer's channel gets a typing activity (at most one per <see cref="TypingThrottle.Window"/>), sent by a proactive
/// turn that <c>TypingRelayMiddleware</c> ends before the turn lock, state and transcript.
/// </summary>
public static class AgentTypingEndpoints
{
    /// <summary>The name of the proactive event that carries the agent's typing into the customer's conversation.</summary>
    public const string AgentTypingEvent = "salesbot.handoff.agentTyping";

    public static RouteGroupBuilder MapAgentTyping(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/conversations/{id}/typing", TypingAsync);
        return api;
    }

    private static async Task<IResult> TypingAsync(
        string id, HttpContext http, IHandoffStore store, TypingThrottle throttle, BotAdapter adapter, IConfiguration configuration, ILoggerFactory loggers, CancellationToken ct)
    {
        var session = await store.GetAsync(id, ct);
        if (session is null)
        {
            return TypedResults.NotFound();
        }

        if (session.AgentId != http.User.Agent().Id)
        {
            return TypedResults.Problem("This conversation is assigned to another agent.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (session.Status != HandoffStatus.WithAgent)
        {
            return TypedResults.Problem(AgentConsoleTexts.NotWithYou, statusCode: StatusCodes.Status409Conflict);
        }

        // Throttled ones are done too: the customer already sees the agent typing.
        if (!throttle.TryPass("agent/" + session.Id))
        {
            return TypedResults.NoContent();
        }

        var reference = JsonConvert.DeserializeObject<ConversationReference>(session.Reference);
        if (reference?.Conversation?.Id is null || reference.ServiceUrl is null)
        {
            return TypedResults.NotFound();
        }

        try
        {
            // Named before the pipeline runs, so the relay middleware knows it at once; it replies to nothing.
            var continuation = reference.GetContinuationActivity();
            continuation.Name = AgentTypingEvent;
            continuation.Id = null;
            await adapter.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? "", continuation, (_, _) => Task.CompletedTask, ct);
        }
        catch (Exception exception) when (exception is HttpRequestException or Microsoft.Rest.HttpOperationException or UnauthorizedAccessException)
        {
            loggers.CreateLogger(typeof(AgentTypingEndpoints)).LogWarning(exception, "Could not show the agent typing in conversation {ConversationKey}", session.ConversationKey);
            return TypedResults.Problem("The customer's channel could not be reached; try again.", statusCode: StatusCodes.Status502BadGateway);
        }

        return TypedResults.NoContent();
    }
}
