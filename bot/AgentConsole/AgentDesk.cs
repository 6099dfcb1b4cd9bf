using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// What agents do to a conversation (accept, reply, end, transfer) and what the timeout sweep does: each runs as a proactive
/// turn of the customer's conversation (the adapter's <c>ContinueConversationAsync</c>),
/// so it holds the conversation's turn lock, and the bot's replies reach the customer through the channel.
/// </summary>
public sealed class AgentDesk(IHandoffStore store, BotAdapter adapter, IBot bot, IConfiguration configuration, ILogger<AgentDesk> logger)
{
    public Task<HandoffCommandOutcome> AcceptAsync(string sessionId, AgentIdentity agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return RunAsync(new HandoffCommand(HandoffCommandKind.Accept, sessionId) { AgentId = agent.Id, AgentName = agent.Name }, cancellationToken);
    }

    public Task<HandoffCommandOutcome> ReplyAsync(string sessionId, AgentIdentity agent, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return RunAsync(new HandoffCommand(HandoffCommandKind.Reply, sessionId) { AgentId = agent.Id, AgentName = agent.Name, Text = text }, cancellationToken);
    }

    public Task<HandoffCommandOutcome> EndAsync(string sessionId, AgentIdentity agent, string? note, bool resume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return RunAsync(new HandoffCommand(HandoffCommandKind.End, sessionId) { AgentId = agent.Id, AgentName = agent.Name, Note = note, Resume = resume }, cancellationToken);
    }

    public Task<HandoffCommandOutcome> SendCartAsync(string sessionId, AgentIdentity agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return RunAsync(new HandoffCommand(HandoffCommandKind.SendCart, sessionId) { AgentId = agent.Id, AgentName = agent.Name }, cancellationToken);
    }

    /// <summary>Hands the conversation from <paramref name="agent"/> to <paramref name="target"/> (checked online by the caller); the note is for the target only.</summary>
    public Task<HandoffCommandOutcome> TransferAsync(string sessionId, AgentIdentity agent, AgentIdentity target, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(target);
        return RunAsync(new HandoffCommand(HandoffCommandKind.Transfer, sessionId) { AgentId = agent.Id, AgentName = agent.Name, Target = target, Note = note }, cancellationToken);
    }

    public Task<HandoffCommandOutcome> TimeOutAsync(string sessionId, CancellationToken cancellationToken) =>
        RunAsync(new HandoffCommand(HandoffCommandKind.Timeout, sessionId), cancellationToken);

    private async Task<HandoffCommandOutcome> RunAsync(HandoffCommand command, CancellationToken cancellationToken)
    {
        var session = await store.GetAsync(command.SessionId, cancellationToken);
        if (session is null)
        {
            return HandoffCommandOutcome.NotFound;
        }

        // Checked again inside the turn; answering here spares the customer's conversation a turn.
        if (command.Kind is HandoffCommandKind.Reply or HandoffCommandKind.End or HandoffCommandKind.SendCart or HandoffCommandKind.Transfer && session.AgentId is not null && session.AgentId != command.AgentId)
        {
            return HandoffCommandOutcome.Forbidden;
        }

        var reference = JsonConvert.DeserializeObject<ConversationReference>(session.Reference);
        if (reference?.Conversation?.Id is null || reference.ServiceUrl is null)
        {
            return HandoffCommandOutcome.NotFound;
        }

        try
        {
            await adapter.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? "", reference, async (turnContext, ct) =>
            {
                turnContext.Activity.Name = HandoffCommand.Event;
                turnContext.Activity.Value = command;
                await bot.OnTurnAsync(turnContext, ct);
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or Microsoft.Rest.HttpOperationException or UnauthorizedAccessException)
        {
            logger.LogWarning(exception, "Could not continue conversation {ConversationKey} for {Command} of handoff {HandoffId}", session.ConversationKey, command.Kind, session.Id);
        }

        return command.Outcome;
    }
}
