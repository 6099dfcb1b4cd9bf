using System.Text.RegularExpressions;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Redaction;
using My8x8.SalesBot.Texts;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Runs first in every turn of the bot. While a conversation is queued for an agent, with an agent, with a contact
/// center, or giving a callback request, its messages come here instead of the dialogs (whose stack is left as it
/// was); agents' actions and <c>handoff.status</c> events arrive here too. When the handoff ends the active
/// dialog step is asked again — or the conversation starts fresh, as the agent chose.
/// </summary>
public sealed partial class HandoffTurnHandler(
    IHandoffStore store,
    LiveAgentHandoffService handoffs,
    CallbackCapture callbacks,
    SalesHours hours,
    DialogRunner dialogs,
    AgentFeed feed,
    SalesBotMetrics metrics,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    ILogger<HandoffTurnHandler> logger)
{
    private readonly HandoffOptions _options = options.Value;

    /// <summary>Handles the turn when it belongs to the handoff layer; false lets the dialogs have it.</summary>
    public async Task<bool> TryHandleAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var activity = turnContext.Activity;
        if (activity.Type == ActivityTypes.Event)
        {
            if (activity.Name == HandoffCommand.Event && activity.Value is HandoffCommand command)
            {
                TranscriptMiddleware.MarkHandoffTurn(turnContext);
                await RunCommandAsync(turnContext, command, cancellationToken);
                return true;
            }

            if (activity.Name == HandoffEventNames.HandoffStatus)
            {
                TranscriptMiddleware.MarkHandoffTurn(turnContext);
                await OnHubStatusAsync(turnContext, cancellationToken);
                return true;
            }

            return false;
        }

        if (activity.Type != ActivityTypes.Message || activity.Conversation?.Id is null)
        {
            return false;
        }

        var session = await store.GetActiveAsync(TranscriptMiddleware.ConversationKey(activity), cancellationToken);
        if (session is null)
        {
            if (!IsCallbackRequest(activity))
            {
                return false;
            }

            await handoffs.StartCallbackAsync(turnContext, null, HandoffTexts.AskPhone, cancellationToken);
            return true;
        }

        // Agents on any instance may be reading this conversation: its transcript lines are announced to all of them.
        TranscriptMiddleware.MarkHandoffTurn(turnContext);
        if (AgentActivities.RendersSender(activity) != session.CustomerSeesSender)
        {
            // The customer went on in another client (the website chat, or a plain one): the agent's words follow it.
            session.CustomerSeesSender = !session.CustomerSeesSender;
            await store.SaveAsync(session, cancellationToken);
        }

        var words = Normalize(activity.Text);
        if (turnContext.TurnState.ContainsKey(RedactionMiddleware.RedactedKey))
        {
            // Whoever reads it sees "[card number removed]"; the customer learns not to do that.
            await LiveAgentHandoffService.ReplyAsync(turnContext, SalesTexts.CardNumberRedacted, cancellationToken);
        }

        switch (session.Status)
        {
            case HandoffStatus.Queued or HandoffStatus.WaitingForHub:
                await WhileWaitingAsync(turnContext, session, words, cancellationToken);
                return true;
            case HandoffStatus.WithAgent or HandoffStatus.WithHubAgent:
                if (EndWords().IsMatch(words))
                {
                    await EndAsync(session, "customer", null, cancellationToken);
                    await LiveAgentHandoffService.ReplyAsync(turnContext, HandoffTexts.EndedByCustomer, cancellationToken);
                    await ResumeAsync(turnContext, fresh: false, cancellationToken);
                }

                // Otherwise the message is the agent's to read: the transcript records it and the console shows it live.
                return true;
            case HandoffStatus.CapturingCallback:
                if (clock.GetUtcNow() - session.UpdatedAt > _options.CallbackCaptureTimeout)
                {
                    // The customer walked away from the callback questions; this message is for the bot.
                    await EndAsync(session, "timeout", null, cancellationToken);
                    await callbacks.ResetAsync(turnContext, cancellationToken);
                    return false;
                }

                await CaptureCallbackAsync(turnContext, session, cancellationToken);
                return true;
            default:
                return false;
        }
    }

    private async Task WhileWaitingAsync(ITurnContext turnContext, HandoffSession session, string words, CancellationToken cancellationToken)
    {
        if (HandoffWords.IsLeave(words))
        {
            await EndAsync(session, "customer", null, cancellationToken);
            await LiveAgentHandoffService.ReplyAsync(turnContext, HandoffTexts.LeftQueue, cancellationToken);
            await ResumeAsync(turnContext, fresh: false, cancellationToken);
            return;
        }

        if (IsOverdue(session))
        {
            await handoffs.StartCallbackAsync(turnContext, session, HandoffTexts.NoAgentInTime(hours), cancellationToken);
            return;
        }

        if (!session.ToldStillQueued)
        {
            session.ToldStillQueued = true;
            await store.SaveAsync(session, cancellationToken);
            await LiveAgentHandoffService.ReplyAsync(turnContext, session.Status == HandoffStatus.Queued ? HandoffTexts.StillQueued : HandoffTexts.WaitingForHub, cancellationToken);
        }
    }

    private bool IsOverdue(HandoffSession session) =>
        session.Status is HandoffStatus.Queued or HandoffStatus.WaitingForHub
        && clock.GetUtcNow() - (session.QueuedAt ?? session.CreatedAt) >= _options.AcceptTimeout;

    /// <summary>The message answers the callback dialog's question; once it ends, the outcome is stored and the dialogs resume.</summary>
    private async Task CaptureCallbackAsync(ITurnContext turnContext, HandoffSession session, CancellationToken cancellationToken)
    {
        switch (await callbacks.ContinueAsync(turnContext, cancellationToken))
        {
            case null:
                // Still answering: the capture times out counting from this message.
                await SaveAsync(session, cancellationToken);
                return;
            case { Outcome: CallbackOutcome.Booked, Phone: { } phone, At: { } at }:
                await BookAsync(turnContext, session, phone, at, cancellationToken);
                return;
            case { Outcome: CallbackOutcome.GaveUp }:
                await EndAsync(session, "customer", null, cancellationToken);
                await LiveAgentHandoffService.ReplyAsync(turnContext, HandoffTexts.CallbackGaveUp(hours), cancellationToken);
                await ResumeAsync(turnContext, fresh: false, cancellationToken);
                return;
            default:
                await EndAsync(session, "customer", null, cancellationToken);
                await LiveAgentHandoffService.ReplyAsync(turnContext, HandoffTexts.CallbackCancelled, cancellationToken);
                await ResumeAsync(turnContext, fresh: false, cancellationToken);
                return;
        }
    }

    private async Task BookAsync(ITurnContext turnContext, HandoffSession session, CallbackPhone phone, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var transcript = (await store.GetTranscriptAsync(session.ConversationKey, cancellationToken)).Concat(TranscriptMiddleware.Pending(turnContext)).ToList();
        var callback = new CallbackRequest(
            "CB-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            session.ConversationKey,
            session.Reason,
            session.Detail,
            session.Customer,
            session.Cart,
            phone.Text,
            phone.Dialable,
            at,
            // Stored for the agents who work the callback: in the agent desk's language, whatever the customer's.
            TextResources.InNeutralCulture(() => hours.DescribeDate(at)),
            clock.GetUtcNow(),
            transcript);
        await store.SaveCallbackAsync(callback, cancellationToken);
        metrics.CallbackRequested();
        await EndAsync(session, "callback", null, cancellationToken);
        logger.LogInformation("Callback request {CallbackId} stored for handoff {HandoffId} ({Reason})", callback.Id, session.Id, session.Reason);
        feed.Publish(new AgentFeedEvent(AgentFeedEvent.Callbacks));
        await LiveAgentHandoffService.ReplyAsync(turnContext, HandoffTexts.CallbackBooked(hours, callback.Id, phone, at), cancellationToken);
        await ResumeAsync(turnContext, fresh: false, cancellationToken);
    }

    private async Task RunCommandAsync(ITurnContext turnContext, HandoffCommand command, CancellationToken cancellationToken)
    {
        var session = await store.GetAsync(command.SessionId, cancellationToken);
        if (session is null || session.ConversationKey != TranscriptMiddleware.ConversationKey(turnContext.Activity))
        {
            command.Outcome = HandoffCommandOutcome.NotFound;
            return;
        }

        if (command.Kind is HandoffCommandKind.Reply or HandoffCommandKind.End or HandoffCommandKind.SendCart or HandoffCommandKind.Transfer && session.AgentId is not null && session.AgentId != command.AgentId)
        {
            command.Outcome = HandoffCommandOutcome.Forbidden;
            return;
        }

        switch (command.Kind)
        {
            case HandoffCommandKind.Accept when session.Status == HandoffStatus.Queued:
                // Atomic in the store as well as under the turn lock: of agents accepting at once, exactly one wins.
                if (await store.TryAcceptAsync(session.Id, new AgentIdentity(command.AgentId ?? "", command.AgentName ?? command.AgentId ?? ""), clock.GetUtcNow(), cancellationToken) is null)
                {
                    command.Outcome = HandoffCommandOutcome.Conflict;
                    return;
                }

                command.Outcome = HandoffCommandOutcome.Done;
                logger.LogInformation("Handoff {HandoffId} accepted by agent {AgentId}", session.Id, command.AgentId);
                feed.Publish(new AgentFeedEvent(AgentFeedEvent.Queue, session.Id));
                var joined = command.AgentName ?? HandoffTexts.AnAgent;
                await LiveAgentHandoffService.ReplyAsync(turnContext, AgentActivities.Note(session.ChannelId, AgentActivities.Joined, joined, HandoffTexts.AgentJoined(joined)), cancellationToken);
                return;
            case HandoffCommandKind.Reply when session.Status == HandoffStatus.WithAgent:
                command.Outcome = HandoffCommandOutcome.Done;
                await SayAsAgentAsync(turnContext, session, command.Text, cancellationToken);
                return;
            case HandoffCommandKind.End when session.Status == HandoffStatus.WithAgent:
            {
                var agentName = session.AgentName ?? HandoffTexts.TheAgent;
                await EndAsync(session, command.AgentId, command.Note, cancellationToken);
                command.Outcome = HandoffCommandOutcome.Done;
                logger.LogInformation("Handoff {HandoffId} ended by agent {AgentId}; resume: {Resume}", session.Id, command.AgentId, command.Resume);
                // The note is the agent's parting words to the customer: their message, then the note that they left.
                if (!string.IsNullOrWhiteSpace(command.Note))
                {
                    await SayAsAgentAsync(turnContext, session, command.Note.Trim(), cancellationToken);
                }

                await LiveAgentHandoffService.ReplyAsync(turnContext, AgentActivities.Note(session.ChannelId, AgentActivities.Left, agentName, HandoffTexts.AgentLeft(agentName)), cancellationToken);
                await LiveAgentHandoffService.ReplyAsync(turnContext, HandoffTexts.BotBack(command.Resume), cancellationToken);
                await ResumeAsync(turnContext, fresh: !command.Resume, cancellationToken);
                return;
            }
            case HandoffCommandKind.SendCart when session.Status == HandoffStatus.WithAgent:
            {
                var agentName = session.AgentName ?? HandoffTexts.TheAgent;
                await EndAsync(session, command.AgentId, null, cancellationToken);
                command.Outcome = HandoffCommandOutcome.Done;
                logger.LogInformation("Handoff {HandoffId} ended by agent {AgentId} sending a prepared cart", session.Id, command.AgentId);
                await LiveAgentHandoffService.ReplyAsync(turnContext, AgentActivities.Note(session.ChannelId, AgentActivities.Left, agentName, HandoffTexts.AgentSentCart(agentName)), cancellationToken);
                // The checkout is the customer's own, through the same dialogs and rules as self service.
                var activity = turnContext.Activity;
                activity.Type = ActivityTypes.Event;
                activity.Name = SalesDialog.AssistedCartEvent;
                activity.Text = null;
                activity.Value = new AssistedCartSent(agentName);
                await dialogs.RunAsync(turnContext, cancellationToken);
                return;
            }

            case HandoffCommandKind.Transfer when session.Status == HandoffStatus.WithAgent && session.AgentId == command.AgentId && command.Target is { } target:
            {
                var from = session.AgentName ?? HandoffTexts.TheAgent;
                session.Transfer(target, string.IsNullOrWhiteSpace(command.Note) ? null : CardNumberRedactor.Redact(command.Note.Trim(), out _), clock.GetUtcNow());
                await store.SaveAsync(session, cancellationToken);
                command.Outcome = HandoffCommandOutcome.Done;
                logger.LogInformation("Handoff {HandoffId} transferred by agent {AgentId} to agent {TargetAgentId}", session.Id, command.AgentId, target.Id);
                feed.Publish(new AgentFeedEvent(AgentFeedEvent.Queue, session.Id));
                // The customer learns who has them now; the note stays with the agents.
                await LiveAgentHandoffService.ReplyAsync(turnContext, AgentActivities.Note(session.ChannelId, AgentActivities.Transferred, target.Name, HandoffTexts.AgentTransferred(from, target.Name)), cancellationToken);
                return;
            }

            case HandoffCommandKind.Timeout when IsOverdue(session):
                command.Outcome = HandoffCommandOutcome.Done;
                logger.LogInformation("No agent accepted handoff {HandoffId} in time; offering a callback", session.Id);
                await handoffs.StartCallbackAsync(turnContext, session, HandoffTexts.NoAgentInTime(hours), cancellationToken);
                return;
            default:
                command.Outcome = HandoffCommandOutcome.Conflict;
                return;
        }
    }

    /// <summary>The agent's words to the customer, shown as theirs (<see cref="AgentActivities"/>) and recorded without the name written in.</summary>
    private static async Task SayAsAgentAsync(ITurnContext turnContext, HandoffSession session, string? words, CancellationToken cancellationToken)
    {
        var agentName = session.AgentName ?? HandoffTexts.TheAgent;
        var text = CardNumberRedactor.Redact(words, out _);
        var message = AgentActivities.Message(session, agentName, text);
        TranscriptMiddleware.MarkAsAgent(turnContext, message, agentName, text);
        await turnContext.SendActivityAsync(message, cancellationToken);
    }

    private async Task OnHubStatusAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var session = await store.GetActiveAsync(TranscriptMiddleware.ConversationKey(turnContext.Activity), cancellationToken);
        var value = turnContext.Activity.Value switch
        {
            JObject json => json,
            string text when text.TrimStart().StartsWith('{') => JObject.Parse(text),
            _ => null,
        };
        var state = value?["state"]?.ToString()?.ToLowerInvariant();
        if (session is null || session.Mode != HandoffMode.HandoffEvent)
        {
            logger.LogInformation("Ignored handoff.status {HandoffState} for a conversation without a contact-center handoff", state);
            return;
        }

        logger.LogInformation("Contact center reports handoff {HandoffId} {HandoffState}", session.Id, state);
        switch (state)
        {
            case "accepted" when session.Status == HandoffStatus.WaitingForHub:
                session.Status = HandoffStatus.WithHubAgent;
                session.AcceptedAt = clock.GetUtcNow();
                await SaveAsync(session, cancellationToken);
                feed.Publish(new AgentFeedEvent(AgentFeedEvent.Queue, session.Id));
                break;
            case "failed" when session.Status is HandoffStatus.WaitingForHub or HandoffStatus.WithHubAgent:
                await handoffs.StartCallbackAsync(turnContext, session, HandoffTexts.HubFailed(hours), cancellationToken);
                break;
            case "completed" when session.Status is HandoffStatus.WaitingForHub or HandoffStatus.WithHubAgent:
                session.EndNote = value?["message"]?.ToString();
                await EndAsync(session, "contact center", session.EndNote, cancellationToken);
                await LiveAgentHandoffService.ReplyAsync(turnContext, HandoffTexts.HubCompleted, cancellationToken);
                await ResumeAsync(turnContext, fresh: false, cancellationToken);
                break;
        }
    }

    private async Task EndAsync(HandoffSession session, string? endedBy, string? note, CancellationToken cancellationToken)
    {
        session.Status = HandoffStatus.Ended;
        session.EndedAt = clock.GetUtcNow();
        session.EndNote = string.IsNullOrWhiteSpace(note) ? session.EndNote : CardNumberRedactor.Redact(note, out _);
        session.EndedBy = endedBy;
        await SaveAsync(session, cancellationToken);
        feed.Publish(new AgentFeedEvent(AgentFeedEvent.Queue, session.Id, session.ConversationKey));
    }

    private Task SaveAsync(HandoffSession session, CancellationToken cancellationToken)
    {
        session.UpdatedAt = clock.GetUtcNow();
        return store.SaveAsync(session, cancellationToken);
    }

    /// <summary>Hands the conversation back to the dialogs: the active step asks again, or (fresh) the flow begins anew.</summary>
    private async Task ResumeAsync(ITurnContext turnContext, bool fresh, CancellationToken cancellationToken)
    {
        // The dialogs see the resume event: the step asks again as a return ("here's your cart"), not by repeating its
        // last reply, which may have been "Added 2 × X4 line" and would read as another addition.
        var activity = turnContext.Activity;
        activity.Type = ActivityTypes.Event;
        activity.Name = SalesDialog.ResumeEvent;
        activity.Text = null;
        activity.Value = null;
        if (fresh)
        {
            await dialogs.ResetAsync(turnContext, cancellationToken);
        }

        await dialogs.RunAsync(turnContext, cancellationToken);
    }

    private static bool IsCallbackRequest(Activity activity)
    {
        if (CardSubmit.TryParse(activity.Value, out var submit) && submit.Action == CardActions.Callback)
        {
            return true;
        }

        return CallbackWords().IsMatch(Normalize(activity.Text));
    }

    internal static string Normalize(string? text) => HandoffWords.Normalize(text);

    [GeneratedRegex(@"^(?:please )?(?:bot|back to (?:the )?bot|go back to (?:the )?bot|end chat|end (?:the )?chat with (?:the )?agent)(?: please)?$")]
    private static partial Regex EndWords();

    [GeneratedRegex(@"^(?:please |i want a |id like a |can i get a |request a |i want to request a )?(?:callback|call back|call me back|call me|request callback|callback request|schedule a callback)(?: please)?$")]
    private static partial Regex CallbackWords();
}
