using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Redaction;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Records each conversation's messages, in and out, so an agent can read what happened before they joined. Runs
/// after <see cref="RedactionMiddleware"/>, so inbound text is already redacted; outbound text is redacted again
/// here in case a card number was echoed. The turn's lines are written once, when the turn ends.
/// </summary>
public sealed class TranscriptMiddleware(IHandoffStore store, AgentFeed feed, IOptions<HandoffOptions> options, TimeProvider clock, ILogger<TranscriptMiddleware> logger)
    : Microsoft.Bot.Builder.IMiddleware
{
    private const string PendingKey = "salesbot.transcript.pending";
    private const string AgentActivitiesKey = "salesbot.transcript.agentActivities";
    private const string HandoffTurnKey = "salesbot.transcript.handoffTurn";

    private readonly HandoffOptions _options = options.Value;

    /// <summary>
    /// "channelId/conversationId" — the key of a conversation's transcript and handoff; in a group conversation (a
    /// Teams channel) each customer has their own ("…/userId"), so one person's handoff does not capture the others.
    /// </summary>
    public static string ConversationKey(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var key = $"{activity.ChannelId}/{activity.Conversation?.Id}";
        return activity.Conversation?.IsGroup == true ? $"{key}/{activity.From?.Id}" : key;
    }

    /// <summary>Marks an activity this turn sends as an agent's words (recorded as <paramref name="text"/>, without the name prefix).</summary>
    public static void MarkAsAgent(ITurnContext turnContext, IActivity activity, string agentName, string text)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.Get<Dictionary<IActivity, (string Name, string Text)>>(AgentActivitiesKey) is not { } agents)
        {
            agents = new Dictionary<IActivity, (string Name, string Text)>(ReferenceEqualityComparer.Instance);
            turnContext.TurnState.Set(AgentActivitiesKey, agents);
        }

        agents[activity] = (agentName, text);
    }

    /// <summary>
    /// Marks a turn of a conversation that is in a handoff (or entering one): its new lines are announced to the consoles
    /// of every instance. Other turns announce them on this instance only, which keeps the shared feed quiet.
    /// </summary>
    public static void MarkHandoffTurn(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState[HandoffTurnKey] = true;
    }

    /// <summary>The lines recorded in this turn and not yet written.</summary>
    public static IReadOnlyList<TranscriptEntry> Pending(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.TurnState.Get<List<TranscriptEntry>>(PendingKey) ?? [];
    }

    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var pending = new List<TranscriptEntry>();
        turnContext.TurnState.Set(PendingKey, pending);

        var inbound = turnContext.Activity;
        if (inbound.Type == ActivityTypes.Message)
        {
            var text = Describe(inbound);
            if (text.Length > 0)
            {
                pending.Add(new TranscriptEntry(clock.GetUtcNow(), TranscriptRole.Customer, WithoutNul(inbound.From?.Name ?? inbound.From?.Id ?? "Customer"), text));
            }
        }

        turnContext.OnSendActivities(async (context, activities, nextSend) =>
        {
            // Recorded after sending: later handlers may hold back activities, and only what was sent counts.
            var responses = await nextSend();
            var agents = context.TurnState.Get<Dictionary<IActivity, (string Name, string Text)>>(AgentActivitiesKey);
            foreach (var activity in activities.Where(a => a.Type == ActivityTypes.Message))
            {
                if (agents is not null && agents.TryGetValue(activity, out var agent))
                {
                    pending.Add(new TranscriptEntry(clock.GetUtcNow(), TranscriptRole.Agent, WithoutNul(agent.Name), Clean(agent.Text)));
                    continue;
                }

                var text = Describe(activity);
                if (text.Length > 0)
                {
                    pending.Add(new TranscriptEntry(clock.GetUtcNow(), TranscriptRole.Bot, "Sales bot", text));
                }
            }

            return responses;
        });

        try
        {
            await next(cancellationToken);
        }
        finally
        {
            await FlushAsync(inbound, pending, turnContext.TurnState.ContainsKey(HandoffTurnKey));
        }
    }

    private async Task FlushAsync(Activity activity, List<TranscriptEntry> pending, bool handoffTurn)
    {
        if (pending.Count == 0 || activity.Conversation?.Id is null)
        {
            return;
        }

        var key = ConversationKey(activity);
        try
        {
            // Not the turn's token: the lines are written even when the caller gave up on the turn.
            await store.AppendTranscriptAsync(key, pending, _options.TranscriptMaxEntries, CancellationToken.None);
            var grew = new AgentFeedEvent(AgentFeedEvent.Transcript, ConversationKey: key);
            if (handoffTurn)
            {
                feed.Publish(grew);
            }
            else
            {
                feed.PublishHere(grew);
            }
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or IOException or TimeoutException)
        {
            // The conversation goes on without its transcript rather than failing the customer's turn.
            logger.LogWarning(exception, "Could not record the transcript of conversation {ConversationKey}", key);
        }
    }

    private string Describe(Activity activity)
    {
        var message = activity.AsMessageActivity();
        var text = message?.Text;
        if (string.IsNullOrWhiteSpace(text))
        {
            text = message?.Speak;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            // A card without text: say that one was shown, so the agent knows the customer saw something.
            return message?.Attachments is { Count: > 0 } ? "[card]" : message?.Value is not null ? "[card submit]" : "";
        }

        return Clean(text);
    }

    private string Clean(string text)
    {
        text = WithoutNul(CardNumberRedactor.Redact(text, out _)).Trim();
        return text.Length <= _options.TranscriptMaxCharacters ? text : string.Concat(text.AsSpan(0, _options.TranscriptMaxCharacters), "…");
    }

    // PostgreSQL text cannot hold U+0000, and no reader of a transcript needs it.
    private static string WithoutNul(string text) => text.Contains('\0', StringComparison.Ordinal) ? text.Replace("\0", "", StringComparison.Ordinal) : text;
}
