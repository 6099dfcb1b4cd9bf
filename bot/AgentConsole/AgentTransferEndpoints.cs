using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Handoff;

/// <summary>A transfer as the console asks for it: to whom (an agent id from <c>/agent/api/agents</c>) and a note for them.</summary>
public sealed record TransferRequest(string? AgentId, string? Note);

/// <summary>A transfer done: the agent who has the conversation now, and the words the console shows.</summary>
public sealed record TransferDone(AgentIdentity Agent, string Text);

/// <summary>
/// <c>POST /agent/api/conversations/{id}/transfer</c>: the agent who has a conversation hands it to another agent who is
/// online, with an optional note for them. It runs as a turn of the customer's conversation (<see cref="AgentDesk"/>),
/// like a reply, so it holds the conversation's turn lock; every refusal is a problem with the reason, and changes nothing.
/// </summary>
public static class AgentTransferEndpoints
{
    public const int NoteMaxLength = 500;

    private const int AgentIdMaxLength = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RouteGroupBuilder MapAgentTransfer(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/conversations/{id}/transfer", TransferAsync);
        return api;
    }

    private static async Task<IResult> TransferAsync(
        string id, HttpContext http, IHandoffStore store, AgentDesk desk, TimeProvider clock, IOptions<HandoffOptions> options, IHostEnvironment environment, CancellationToken ct)
    {
        // Read here rather than bound, so a malformed body is refused with the reason like every other refusal.
        var body = await ReadAsync(http.Request, ct);
        var targetId = body?.AgentId?.Trim();
        if (string.IsNullOrEmpty(targetId) || targetId.Length > AgentIdMaxLength)
        {
            return Problem(AgentTransferTexts.AgentRequired, StatusCodes.Status400BadRequest);
        }

        var note = string.IsNullOrWhiteSpace(body!.Note) ? null : body.Note.Trim();
        if (note?.Length > NoteMaxLength)
        {
            return Problem(AgentTransferTexts.NoteTooLong, StatusCodes.Status400BadRequest);
        }

        var me = http.User.Agent();
        var session = await store.GetAsync(id, ct);
        if (session is null)
        {
            return Problem(AgentTransferTexts.NoSuchConversation, StatusCodes.Status404NotFound);
        }

        if (session.AgentId is { } holder && holder != me.Id)
        {
            return Problem(AgentTransferTexts.AnotherAgents, StatusCodes.Status403Forbidden);
        }

        if (session.AgentId is null || session.Status != HandoffStatus.WithAgent)
        {
            return Problem(AgentConsoleTexts.NotWithYou, StatusCodes.Status409Conflict);
        }

        if (string.Equals(targetId, me.Id, StringComparison.OrdinalIgnoreCase))
        {
            return Problem(AgentTransferTexts.NotToYourself, StatusCodes.Status400BadRequest);
        }

        // The target and their name come from their presence, never from the request.
        var presence = await store.GetAgentPresenceAsync(targetId, ct);
        if (presence is null)
        {
            var known = AgentAuthentication.LocalAccounts(options.Value, environment).FirstOrDefault(a => string.Equals(a.Id, targetId, StringComparison.OrdinalIgnoreCase));
            return known is null
                ? Problem(AgentTransferTexts.UnknownAgent, StatusCodes.Status404NotFound)
                : Problem(AgentTransferTexts.Offline(known.DisplayName), StatusCodes.Status409Conflict);
        }

        if (!presence.IsOnline(clock.GetUtcNow(), options.Value.AgentPresenceTimeout))
        {
            return Problem(AgentTransferTexts.Offline(presence.Name), StatusCodes.Status409Conflict);
        }

        var outcome = await desk.TransferAsync(id, me, presence.Agent, note, ct);
        return outcome == HandoffCommandOutcome.Done
            ? TypedResults.Ok(new TransferDone(presence.Agent, AgentTransferTexts.Done(presence.Name)))
            : AgentConsoleEndpoints.Outcome(outcome, AgentConsoleTexts.NotWithYou);
    }

    private static async Task<TransferRequest?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<TransferRequest>(request.Body, Json, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(string detail, int status) => TypedResults.Problem(detail, statusCode: status);
}

/// <summary>What the console says about transfers, in the desk's language (English).</summary>
public static class AgentTransferTexts
{
    public const string AgentRequired = "Send JSON with the id of the agent to transfer to (agentId, from the list of online agents) and an optional note.";

    public const string NoteTooLong = "The note for the next agent can be at most 500 characters.";

    public const string NoSuchConversation = "There is no conversation with that id.";

    public const string AnotherAgents = "This conversation is assigned to another agent.";

    public const string NotToYourself = "This conversation is already yours: choose another agent.";

    public const string UnknownAgent = "No agent with that id is signed in.";

    public static string Offline(string name) => string.Create(CultureInfo.InvariantCulture, $"{name} is offline: their console is not open. Choose an agent who is online.");

    public static string Done(string name) => string.Create(CultureInfo.InvariantCulture, $"Transferred to {name}. The conversation is theirs now.");

    /// <summary>"Transferred from Dana Reyes: please quote 20 lines", as the summary of the agent who has it now reads it.</summary>
    public static string TransferredFrom(HandoffTransfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        return string.IsNullOrWhiteSpace(transfer.Note)
            ? string.Create(CultureInfo.InvariantCulture, $"Transferred from {transfer.From.Name}")
            : string.Create(CultureInfo.InvariantCulture, $"Transferred from {transfer.From.Name}: {transfer.Note}");
    }
}
