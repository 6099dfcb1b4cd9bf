using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Funnel;

namespace My8x8.SalesBot.Handoff;

/// <summary>One step of today's funnel: its stage code, the words the supervisor reads, and how many reached it.</summary>
public sealed record FunnelStep(string Stage, string Label, int Count);

/// <summary>Handoffs of one reason today.</summary>
public sealed record ReasonCount(string Reason, string ReasonText, int Count);

/// <summary>An agent and the conversations they have now.</summary>
public sealed record AgentLoad(AgentIdentity Agent, string ConversationsText, IReadOnlyList<QueueItem> Conversations);

/// <summary>A callback request taken today, as the supervisor reads it.</summary>
public sealed record CallbackToday(string Id, string? CustomerName, string ReasonText, string PreferredTime, bool Done, string StateText);

/// <summary>Everything the supervisor view shows, for the day <see cref="Day"/> in the sales time zone.</summary>
public sealed record SupervisorOverview(
    DateOnly Day,
    string DayText,
    int Waiting,
    int LongestWaitSeconds,
    string LongestWaitText,
    IReadOnlyList<QueueItem> Queue,
    IReadOnlyList<AgentLoad> Agents,
    IReadOnlyList<FunnelStep> Funnel,
    IReadOnlyList<ReasonCount> HandoffReasons,
    IReadOnlyList<CallbackToday> Callbacks);

/// <summary>
/// The supervisor view at <c>/agent/supervisor</c> and its API under <c>/agent/api/supervisor</c>: supervisors only (an
/// agent without the role gets 403, a visitor who has not signed in the sign-in page or 401). The funnel is read from the
/// shared <see cref="ISalesFunnelStore"/>, which the same calls that export the metrics write, so every instance shows
/// the same "today".
/// </summary>
public static class SupervisorEndpoints
{
    public const string PagePath = "/agent/supervisor";

    /// <summary>How often the page reads the overview again.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    public static WebApplication MapSupervisor(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Signed-in agents reach the page; the role is checked inside, so an agent without it reads why (403), not the sign-in form.
        app.MapGet(PagePath, Page).RequireAuthorization(AgentAuthentication.Policy).ExcludeFromDescription();
        var api = app.MapGroup(AgentAuthentication.ApiPrefix + "/supervisor").RequireAuthorization(AgentAuthentication.SupervisorPolicy).WithTags("Supervisor");
        api.MapGet("/overview", OverviewAsync);
        return app;
    }

    private static RazorComponentResult<SupervisorPage> Page(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        AgentConsoleEndpoints.NoCache(http.Response, AgentConsoleEndpoints.ConsolePolicy);
        var allowed = http.User.IsSupervisor();
        return new(new Dictionary<string, object?>
        {
            [nameof(SupervisorPage.Agent)] = http.User.Agent(),
            [nameof(SupervisorPage.Csrf)] = tokens.RequestToken ?? "",
            [nameof(SupervisorPage.Allowed)] = allowed,
            [nameof(SupervisorPage.RefreshSeconds)] = (int)RefreshInterval.TotalSeconds,
        })
        { StatusCode = allowed ? StatusCodes.Status200OK : StatusCodes.Status403Forbidden };
    }

    private static async Task<Ok<SupervisorOverview>> OverviewAsync(IHandoffStore handoffs, ISalesFunnelStore funnel, SalesHours hours, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = hours.DayOf(now);
        var items = (await handoffs.ListActiveAsync(ct)).Where(s => s.Status != HandoffStatus.CapturingCallback).Select(s => AgentConsoleEndpoints.ToItem(s, now)).ToList();
        var queue = items.Where(i => i.IsWaiting).OrderByDescending(i => i.WaitingSeconds).ToList();
        var longest = queue.Count == 0 ? 0 : queue[0].WaitingSeconds;
        var agents = items.Where(i => i.Agent is not null && !i.IsWaiting)
            .GroupBy(i => i.Agent!.Id)
            .Select(g => new AgentLoad(g.First().Agent!, SupervisorTexts.Conversations(g.Count()), [.. g.OrderBy(i => i.QueuedAt)]))
            .OrderBy(a => a.Agent.Name, StringComparer.CurrentCulture)
            .ToList();

        var counts = await funnel.CountAsync(today, ct);
        var steps = SupervisorTexts.FunnelSteps.Select(s => new FunnelStep(s.Stage, s.Label, counts.Where(c => c.Stage == s.Stage).Sum(c => c.Count))).ToList();
        var reasons = counts.Where(c => c.Stage == FunnelStages.Handoff)
            .GroupBy(c => c.Detail ?? "")
            .Select(g => new ReasonCount(g.Key, ReasonText(g.Key), g.Sum(c => c.Count)))
            .OrderByDescending(r => r.Count).ThenBy(r => r.ReasonText, StringComparer.CurrentCulture)
            .ToList();
        var callbacks = (await handoffs.ListCallbacksAsync(ct))
            .Where(c => hours.DayOf(c.CreatedAt) == today)
            .Select(c => new CallbackToday(c.Id, c.Customer.Name, AgentConsoleTexts.Reason(c.Reason), c.PreferredTime, c.Done, AgentDeskTexts.CallbackStatus(c)))
            .ToList();

        return TypedResults.Ok(new SupervisorOverview(
            today, SupervisorTexts.Day(today), queue.Count, longest, SupervisorTexts.Wait(longest), queue, agents, steps, reasons, callbacks));
    }

    /// <summary>A reason recorded by name, in words (a name this build no longer knows still reads as words).</summary>
    private static string ReasonText(string reason) =>
        Enum.TryParse<HandoffReason>(reason, out var known) ? AgentConsoleTexts.Reason(known) : AgentConsoleTexts.Words(reason);
}
