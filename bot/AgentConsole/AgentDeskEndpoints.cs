using System.Globalization;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Handoff;

/// <summary>How a worked callback went: an outcome code (<see cref="CallOutcome"/>).</summary>
public sealed record CallbackDone(string? Outcome);

/// <summary>
/// A new time for a callback: an ISO 8601 instant with an offset, or a wall-clock time without one, read in the sales
/// time zone (what the console's time field sends).
/// </summary>
public sealed record CallbackReschedule(string? At);

/// <summary>
/// The agent desk's work tools, mapped into the console's API group (so they share its sign-in, role and antiforgery
/// checks): callbacks claimed by one agent, finished with an outcome or moved to another time inside sales hours.
/// </summary>
public static class AgentDeskEndpoints
{
    public static RouteGroupBuilder MapAgentDesk(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/callbacks/{id}/claim", ClaimCallbackAsync);
        api.MapPost("/callbacks/{id}/done", FinishCallbackAsync);
        api.MapPost("/callbacks/{id}/reschedule", RescheduleCallbackAsync);
        return api;
    }

    private static Task<IResult> ClaimCallbackAsync(string id, HttpContext http, IHandoffStore store, AgentFeed feed, TimeProvider clock, CancellationToken ct)
    {
        var me = http.User.Agent();
        return WorkCallbackAsync(id, me, store, feed, callback => callback.ClaimedBy?.Id == me.Id
            ? null
            : callback with { ClaimedBy = me, ClaimedAt = clock.GetUtcNow() }, ct);
    }

    private static Task<IResult> FinishCallbackAsync(string id, CallbackDone? body, HttpContext http, IHandoffStore store, AgentFeed feed, TimeProvider clock, CancellationToken ct)
    {
        // Codes by name only: Enum.TryParse would also take "1" or "NoAnswer, Reached".
        if (body?.Outcome is not { } code || !Enum.GetNames<CallOutcome>().Contains(code, StringComparer.OrdinalIgnoreCase))
        {
            return Task.FromResult<IResult>(TypedResults.Problem(AgentDeskTexts.OutcomeRequired, statusCode: StatusCodes.Status400BadRequest));
        }

        var outcome = Enum.Parse<CallOutcome>(code, ignoreCase: true);
        var me = http.User.Agent();
        var now = clock.GetUtcNow();
        // An open callback nobody claimed may be finished straight away: the agent who finishes it is the one who worked it.
        return WorkCallbackAsync(id, me, store, feed, callback => callback with
        {
            Done = true,
            DoneBy = me.Id,
            DoneAt = now,
            Outcome = outcome,
            ClaimedBy = me,
            ClaimedAt = callback.ClaimedAt ?? now,
        }, ct);
    }

    private static async Task<IResult> RescheduleCallbackAsync(
        string id, CallbackReschedule? body, HttpContext http, IHandoffStore store, AgentFeed feed, SalesHours hours, CancellationToken ct)
    {
        if (!TryReadTime(body?.At, hours, out var at))
        {
            return TypedResults.Problem(AgentDeskTexts.RescheduleTimeRequired, statusCode: StatusCodes.Status400BadRequest);
        }

        if (at <= hours.Now)
        {
            return TypedResults.Problem(AgentDeskTexts.RescheduleInThePast, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        if (!hours.IsOpen(at))
        {
            // In the desk's language (English), whatever the request's culture; the hours and zone come from the setting.
            var reason = TextResources.InNeutralCulture(() => AgentDeskTexts.OutsideSalesHours(hours.DescribeHours(), hours.DescribeDate(hours.NearestOpenTime(at))));
            return TypedResults.Problem(reason, statusCode: StatusCodes.Status422UnprocessableEntity);
        }

        var preferredTime = TextResources.InNeutralCulture(() => hours.DescribeDate(at));
        // The new time is for whoever is working then: the claim is let go, and the callback waits in the list again.
        return await WorkCallbackAsync(id, http.User.Agent(), store, feed, callback => callback with
        {
            PreferredAt = at,
            PreferredTime = preferredTime,
            ClaimedBy = null,
            ClaimedAt = null,
        }, ct);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the callback atomically when it is open and nobody else has claimed it
    /// (404 when missing; 409 with who has it, or when it is done); the lists of every console are told.
    /// </summary>
    private static async Task<IResult> WorkCallbackAsync(
        string id, AgentIdentity me, IHandoffStore store, AgentFeed feed, Func<CallbackRequest, CallbackRequest?> change, CancellationToken ct)
    {
        IResult? refusal = null;
        var update = await store.UpdateCallbackAsync(id, callback =>
        {
            refusal = callback switch
            {
                { Done: true } => TypedResults.Problem(AgentDeskTexts.CallbackAlreadyDone, statusCode: StatusCodes.Status409Conflict),
                { ClaimedBy: { } other } when other.Id != me.Id => TypedResults.Problem(
                    AgentDeskTexts.ClaimedByOther(other), statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["claimedBy"] = other }),
                _ => null,
            };
            return refusal is null ? change(callback) : null;
        }, ct);

        if (update is null)
        {
            return TypedResults.NotFound();
        }

        if (refusal is not null)
        {
            return refusal;
        }

        if (update.Changed)
        {
            feed.Publish(new AgentFeedEvent(AgentFeedEvent.Callbacks));
        }

        return TypedResults.Ok(CallbackItem.From(update.Callback));
    }

    /// <summary>An instant with an offset as sent; a wall-clock time without one in the sales time zone.</summary>
    private static bool TryReadTime(string? text, SalesHours hours, out DateTimeOffset at)
    {
        at = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed))
        {
            return false;
        }

        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            at = hours.FromLocal(parsed);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }
}
