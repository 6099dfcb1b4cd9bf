using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Languages;
using My8x8.SalesBot.Redaction;

namespace My8x8.SalesBot.DirectLine;

/// <summary>The result of posting a visitor's activity: its id, and whether the bot took the turn.</summary>
internal sealed record DirectLinePostResult(string? ActivityId, bool ConversationFound, bool Delivered);

/// <summary>
/// The embedded Direct Line channel: turns what visitors post into Bot Framework activities for the bot (with the
/// token's user as the sender), and records what the bot sends back so the visitor can read or stream it.
/// </summary>
internal sealed class DirectLineConversations(
    IDirectLineStore store,
    DirectLineBotGateway gateway,
    DirectLineServiceUrl serviceUrl,
    IOptions<DirectLineOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<DirectLineConversations> logger)
{
    public const string ChannelId = "directline";

    private static readonly HashSet<string> AcceptedFromVisitors = [ActivityTypes.Message, ActivityTypes.Event, ActivityTypes.Typing];

    public static string NewConversationId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    public ChannelAccount BotAccount => new(options.Value.BotId, options.Value.BotName, RoleTypes.Bot);

    public static bool IsAcceptedFromVisitor(string? type) => type is not null && AcceptedFromVisitors.Contains(type);

    /// <summary>Starts the token's conversation; the bot hears about it (conversationUpdate) only the first time.</summary>
    public async Task<bool> StartAsync(DirectLineToken token, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!await store.TryCreateConversationAsync(token.ConversationId, cancellationToken))
        {
            return false;
        }

        var update = new Activity(ActivityTypes.ConversationUpdate)
        {
            Id = Guid.NewGuid().ToString("N"),
            MembersAdded = [BotAccount, UserAccount(token)],
            // The visitor's messages will carry Web Chat's locale; before the first one, the browser's language
            // decides the welcome's, chosen as the pages choose it ("fr-FR, es;q=0.8" is Spanish on both).
            Locale = SalesLanguage.Preferred(request)?.Name,
        };
        await DeliverAsync(Address(update, token, request));
        return true;
    }

    public async Task<DirectLinePostResult> PostAsync(DirectLineToken token, Activity posted, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!await store.ExistsAsync(token.ConversationId, cancellationToken))
        {
            return new(null, ConversationFound: false, Delivered: false);
        }

        // Whatever the client claimed, the sender is the token's user.
        posted.Id = null;
        posted.CallerId = null;
        posted.RelatesTo = null;
        posted.Properties?.Remove(DirectLineKeys.SenderProofProperty);
        // Before it is kept or served back: the stored copy of the visitor's message never holds a card number (the
        // bot sees the redacted text too, and still warns the visitor).
        RedactionMiddleware.Redact(posted);
        var activity = Address(posted, token, request);

        string? id;
        if (activity.Type == ActivityTypes.Typing)
        {
            // Typing indicators go to the bot but are not kept in the transcript.
            id = activity.Id = Guid.NewGuid().ToString("N");
        }
        else
        {
            // Stored without the serviceUrl: it carries the connector key and is nobody's business but the bot's.
            activity.ServiceUrl = null;
            id = await store.AppendAsync(token.ConversationId, activity, cancellationToken);
            if (id is null)
            {
                return new(null, ConversationFound: false, Delivered: false);
            }

            activity.ServiceUrl = serviceUrl.Get(request);
        }

        return new(id, ConversationFound: true, Delivered: await DeliverAsync(activity));
    }

    /// <summary>An activity the bot sent through the connector endpoints (a reply, a proactive message or an update).</summary>
    public async Task<string?> AcceptFromBotAsync(string conversationId, Activity activity, string? replyToId, string? updatedActivityId, CancellationToken cancellationToken)
    {
        activity.Id = updatedActivityId;
        activity.ReplyToId = replyToId ?? activity.ReplyToId;
        activity.ServiceUrl = null;
        activity.ChannelId = ChannelId;
        activity.Conversation = new ConversationAccount(id: conversationId);
        activity.Timestamp = time.GetUtcNow();
        activity.From ??= BotAccount;
        activity.From.Role ??= RoleTypes.Bot;
        RedactionMiddleware.Redact(activity);
        return await store.AppendAsync(conversationId, activity, cancellationToken);
    }

    private Activity Address(Activity activity, DirectLineToken token, HttpRequest request)
    {
        activity.ChannelId = ChannelId;
        activity.ServiceUrl = serviceUrl.Get(request);
        activity.Conversation = new ConversationAccount(id: token.ConversationId);
        activity.From = UserAccount(token);
        activity.Recipient = BotAccount;
        activity.Timestamp = time.GetUtcNow();
        return activity;
    }

    private static ChannelAccount UserAccount(DirectLineToken token) => new(token.UserId, role: RoleTypes.User);

    private async Task<bool> DeliverAsync(Activity activity)
    {
        try
        {
            // Not the request's token: a visitor closing the tab must not cut a turn (and its state save) in half.
            var status = await gateway.DeliverAsync(activity, lifetime.ApplicationStopping);
            if (status is >= 200 and < 300)
            {
                return true;
            }

            logger.LogWarning("The bot answered {StatusCode} to a {ActivityType} in Direct Line conversation {ConversationId}", status, activity.Type, activity.Conversation.Id);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogError(exception, "The bot failed a {ActivityType} in Direct Line conversation {ConversationId}", activity.Type, activity.Conversation.Id);
        }

        return false;
    }
}
