using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Observability;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// The handoff the dialogs call: inside sales hours the conversation joins the agent console's queue (or, in
/// <see cref="HandoffMode.HandoffEvent"/> mode, a <c>handoff.initiate</c> event goes to the contact center);
/// outside them the customer hears when sales opens and the bot starts taking a callback request. Either way the
/// dialog stack stays as it is: from now on <see cref="HandoffTurnHandler"/> takes the customer's messages.
/// </summary>
public sealed class LiveAgentHandoffService(
    IHandoffStore store,
    HandoffContextBuilder contexts,
    SubmitTickets tickets,
    CallbackCapture callbacks,
    SalesHours hours,
    AgentFeed feed,
    SalesFunnelRecorder funnel,
    IOptions<HandoffOptions> options,
    TimeProvider clock,
    ILogger<LiveAgentHandoffService> logger) : IHandoffService
{
    private const string OwnRepliesKey = "salesbot.handoff.ownReplies";

    // Hubs read the routing context as JSON; camelCase like the rest of the Bot Framework schema.
    private static readonly JsonSerializer CamelCase = JsonSerializer.Create(new JsonSerializerSettings
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver(),
        NullValueHandling = NullValueHandling.Ignore,
    });

    private readonly HandoffOptions _options = options.Value;

    public async Task RequestAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(request);
        var key = TranscriptMiddleware.ConversationKey(turnContext.Activity);
        if (await store.GetActiveAsync(key, cancellationToken) is { } active)
        {
            await ReplyAsync(turnContext, active.Status == HandoffStatus.WithAgent ? HandoffTexts.AlreadyWithAgent : HandoffTexts.AlreadyQueued, cancellationToken);
            return;
        }

        var context = await contexts.BuildAsync(request, cancellationToken) with { StepReached = await StepReachedAsync(turnContext, cancellationToken) };
        TranscriptMiddleware.MarkHandoffTurn(turnContext);
        // Counted once per handoff the customer starts, whichever way it goes (queue, contact center, callback after hours);
        // the turn that asked names it, so a channel's retry of that turn is the same handoff.
        await funnel.HandoffStartedAsync(key + "#" + (turnContext.Activity.Id ?? Guid.NewGuid().ToString("N")), context.Reason, cancellationToken);
        if (!hours.IsOpen())
        {
            var session = NewSession(turnContext, context, HandoffStatus.CapturingCallback);
            await store.SaveAsync(session, cancellationToken);
            await callbacks.BeginAsync(turnContext, cancellationToken);
            logger.LogInformation("Handoff {HandoffId} ({Reason}) outside sales hours: taking a callback request", session.Id, context.Reason);
            await ReplyAsync(turnContext, HandoffTexts.Closed(hours), cancellationToken);
        }
        else if (UsesHub(turnContext.Activity.ChannelId))
        {
            await InitiateHubHandoffAsync(turnContext, context, cancellationToken);
        }
        else
        {
            await QueueAsync(turnContext, context, cancellationToken);
        }

        SuppressDialogReplies(turnContext);
    }

    /// <summary>Starts a callback request (the customer said "callback", or no agent accepted in time).</summary>
    public async Task<HandoffSession> StartCallbackAsync(ITurnContext turnContext, HandoffSession? from, string introduction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        HandoffSession session;
        if (from is null)
        {
            var userId = Dialogs.Sales.CustomerIdentity.Of(turnContext).UserId;
            var context = await contexts.BuildAsync(new HandoffRequest(HandoffReason.CustomerAsked, userId, "The customer asked for a callback."), cancellationToken)
                with { StepReached = await StepReachedAsync(turnContext, cancellationToken) };
            session = NewSession(turnContext, context, HandoffStatus.CapturingCallback);
        }
        else
        {
            session = from;
            session.Status = HandoffStatus.CapturingCallback;
            session.UpdatedAt = clock.GetUtcNow();
        }

        await store.SaveAsync(session, cancellationToken);
        // The introduction below asks for the phone number; the capture reads the answer.
        await callbacks.BeginAsync(turnContext, cancellationToken);
        TranscriptMiddleware.MarkHandoffTurn(turnContext);
        feed.Publish(new AgentFeedEvent(AgentFeedEvent.Queue, session.Id));
        await ReplyAsync(turnContext, introduction, cancellationToken);
        return session;
    }

    private static readonly string[] Steps =
        [SalesSteps.Shop, SalesSteps.ShopChoice, SalesSteps.Payment, SalesSteps.Shipping, SalesSteps.Quote, SalesSteps.Terms];

    /// <summary>The checkout step whose card or question the customer last had, for the agent's summary.</summary>
    private async Task<string?> StepReachedAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        foreach (var step in Steps)
        {
            if (await tickets.IsAtStepAsync(turnContext, step, cancellationToken))
            {
                return step;
            }
        }

        return null;
    }

    private async Task QueueAsync(ITurnContext turnContext, HandoffContext context, CancellationToken cancellationToken)
    {
        var session = NewSession(turnContext, context, HandoffStatus.Queued);
        session.QueuedAt = session.CreatedAt;
        await store.SaveAsync(session, cancellationToken);
        var position = await store.CountQueuedAsync(cancellationToken);
        logger.LogInformation("Handoff {HandoffId} ({Reason}) queued for an agent at position {Position}", session.Id, context.Reason, position);
        feed.Publish(new AgentFeedEvent(AgentFeedEvent.Queue, session.Id));
        await ReplyAsync(turnContext, HandoffTexts.Queued(position, _options.ExpectedWaitPerCustomer * position), cancellationToken);
    }

    private async Task InitiateHubHandoffAsync(ITurnContext turnContext, HandoffContext context, CancellationToken cancellationToken)
    {
        var session = NewSession(turnContext, context, HandoffStatus.WaitingForHub);
        session.QueuedAt = session.CreatedAt;
        session.Mode = HandoffMode.HandoffEvent;
        await store.SaveAsync(session, cancellationToken);

        // The transcript so far, including this turn's lines that are not written yet.
        var key = session.ConversationKey;
        var entries = (await store.GetTranscriptAsync(key, cancellationToken)).Concat(TranscriptMiddleware.Pending(turnContext));
        var activity = turnContext.Activity;
        var transcript = new Transcript([.. entries.Select(entry => ToActivity(entry, activity))]);
        var handoffContext = JObject.FromObject(new
        {
            skill = "sales",
            handoffId = session.Id,
            reason = context.Reason.ToString(),
            detail = context.Detail,
            customer = context.Customer,
            cart = context.Cart,
            eligibility = context.Eligibility,
            account = context.Account,
            reasonFacts = context.ReasonFacts,
            stepReached = context.StepReached,
            language = CultureInfo.CurrentUICulture.Name,
        }, CamelCase);
        await ReplyAsync(turnContext, HandoffTexts.WaitingForHub, cancellationToken);
        await turnContext.SendActivityAsync(EventFactory.CreateHandoffInitiation(turnContext, handoffContext, transcript), cancellationToken);
        logger.LogInformation("Handoff {HandoffId} ({Reason}) sent to the contact center as handoff.initiate", session.Id, context.Reason);
        feed.Publish(new AgentFeedEvent(AgentFeedEvent.Queue, session.Id));
    }

    private static Activity ToActivity(TranscriptEntry entry, Activity current) => new()
    {
        Type = ActivityTypes.Message,
        Text = entry.Text,
        Timestamp = entry.At,
        ChannelId = current.ChannelId,
        Conversation = current.Conversation,
        From = entry.Role == TranscriptRole.Customer
            ? new ChannelAccount(current.From?.Id, current.From?.Name, RoleTypes.User)
            : new ChannelAccount(current.Recipient?.Id, entry.Name, RoleTypes.Bot),
    };

    private bool UsesHub(string channelId) =>
        _options.Mode == HandoffMode.HandoffEvent && !_options.ConsoleOnlyChannels.Contains(channelId, StringComparer.OrdinalIgnoreCase);

    private HandoffSession NewSession(ITurnContext turnContext, HandoffContext context, HandoffStatus status)
    {
        var activity = turnContext.Activity;
        var now = clock.GetUtcNow();
        return new HandoffSession
        {
            Id = "H-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
            ConversationKey = TranscriptMiddleware.ConversationKey(activity),
            ChannelId = activity.ChannelId,
            Reference = JsonConvert.SerializeObject(activity.GetConversationReference()),
            Status = status,
            Mode = HandoffMode.Console,
            Reason = context.Reason,
            Detail = context.Detail.Trim(),
            Customer = context.Customer,
            Cart = context.Cart,
            Eligibility = context.Eligibility,
            Account = context.Account,
            ReasonFacts = context.ReasonFacts,
            StepReached = context.StepReached,
            // The turn runs in the customer's language (the dialogs set it); the agent reads it beside the summary.
            CustomerLanguage = CultureInfo.CurrentUICulture.Name,
            CustomerSeesSender = AgentActivities.RendersSender(activity),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Sends one of the handoff layer's own messages (never suppressed).</summary>
    internal static Task ReplyAsync(ITurnContext turnContext, string text, CancellationToken cancellationToken) =>
        ReplyAsync(turnContext, MessageFactory.Text(text, text, InputHints.ExpectingInput), cancellationToken);

    /// <summary>Sends one of the handoff layer's own activities (never suppressed).</summary>
    internal static async Task ReplyAsync(ITurnContext turnContext, IMessageActivity reply, CancellationToken cancellationToken)
    {
        if (turnContext.TurnState.Get<HashSet<IActivity>>(OwnRepliesKey) is { } own)
        {
            own.Add(reply);
        }

        await turnContext.SendActivityAsync(reply, cancellationToken);
    }

    /// <summary>
    /// The dialog that asked for the handoff usually says more in the same turn ("Meanwhile, I can still add…"); once
    /// a person is on the way those words would only confuse, and the step is asked again when the handoff ends.
    /// </summary>
    private static void SuppressDialogReplies(ITurnContext turnContext)
    {
        if (turnContext.TurnState.ContainsKey(OwnRepliesKey))
        {
            return;
        }

        var own = new HashSet<IActivity>(ReferenceEqualityComparer.Instance);
        turnContext.TurnState.Set(OwnRepliesKey, own);
        turnContext.OnSendActivities(async (_, activities, next) =>
        {
            var count = activities.Count;
            activities.RemoveAll(a => a.Type == ActivityTypes.Message && !own.Contains(a));
            if (activities.Count == 0)
            {
                return [.. Enumerable.Range(0, count).Select(_ => new ResourceResponse())];
            }

            return await next();
        });
    }
}
