using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Dialogs.Sales;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Teams;

/// <summary>
/// Microsoft Teams, before and after the bot:
/// - the bot's own @mention is removed from the text, so dialogs see "add 2 X4 lines", not "&lt;at&gt;My 8x8 Sales&lt;/at&gt; add 2 X4 lines";
/// - in a channel or group chat the bot acts only on messages that mention it (card clicks carry no mention and are
///   honoured: the submit tickets, kept per user there, decide whether a click counts);
/// - in a channel or group chat nobody's cart, payment card or checkout is shown to the others: such a reply is
///   replaced by a pointer to a personal chat with the bot, and a checkout that reached payment there is set aside
///   (the cart lives in the ordering service and is waiting in the personal chat);
/// - an unknown Teams user is told how to get their Microsoft 365 account linked, not to sign in to the portal;
/// - Teams shows at most three suggested actions, so at most three are sent: the first three, which the dialogs
///   list most important first (a fourth would be silently hidden, and it was "Agent").
/// </summary>
public sealed class TeamsMiddleware(ConversationState conversationState, ILogger<TeamsMiddleware> logger) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        var activity = turnContext.Activity;
        if (!TeamsConversation.IsTeams(activity))
        {
            await next(cancellationToken);
            return;
        }

        if (activity.Type == ActivityTypes.Message && !string.IsNullOrEmpty(activity.Text) && activity.Recipient?.Id is not null)
        {
            activity.RemoveRecipientMention();
        }

        turnContext.OnSendActivities(LimitSuggestedActionsAsync);

        if (!TeamsConversation.IsGroup(activity))
        {
            await next(cancellationToken);
            return;
        }

        if (activity.Type == ActivityTypes.Message && !await AcceptGroupMessageAsync(turnContext, cancellationToken))
        {
            return;
        }

        if (activity.Type == ActivityTypes.ConversationUpdate && activity.MembersAdded is { Count: > 0 })
        {
            await WelcomeGroupAsync(turnContext, cancellationToken);
            return;
        }

        var privacy = new GroupPrivacy();
        turnContext.OnSendActivities(privacy.FilterAsync);
        await next(cancellationToken);
        if (privacy.CheckoutSetAside)
        {
            // The bot has saved this user's step (waiting at payment); start them afresh here next time.
            await conversationState.DeleteAsync(turnContext, cancellationToken);
        }
    }

    private static Task<ResourceResponse[]> LimitSuggestedActionsAsync(ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next)
    {
        foreach (var activity in activities)
        {
            if (activity.SuggestedActions?.Actions is { Count: > TeamsConversation.MaxSuggestedActions } actions)
            {
                activity.SuggestedActions.Actions = [.. actions.Take(TeamsConversation.MaxSuggestedActions)];
            }
        }

        return next();
    }

    /// <summary>False when the bot stays silent (not mentioned) or has already answered (the cart is private here).</summary>
    private async Task<bool> AcceptGroupMessageAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var activity = turnContext.Activity;
        var isSubmit = activity.Value is not null;
        if (!isSubmit && !MentionsBot(activity))
        {
            logger.LogDebug("Ignored a Teams {ConversationType} message that does not mention the bot", activity.Conversation?.ConversationType);
            return false;
        }

        var asksForCart = CardSubmit.TryParse(activity.Value, out var submit)
            ? submit.Action == CardActions.ViewCart
            : SalesCommandRecognizer.Recognize(activity.Text) == SalesCommand.ShowCart;
        if (!asksForCart)
        {
            return true;
        }

        await turnContext.SendActivityAsync(Addressed(activity.From, who => TeamsTexts.CartIsPrivate(who, TeamsConversation.PersonalChatLink(activity.Recipient))), cancellationToken);
        return false;
    }

    /// <summary>
    /// Added to a team or group chat: introduce the bot once. People joining later are not greeted one by one in
    /// a shared conversation (the bot answers when they mention it).
    /// </summary>
    private static async Task WelcomeGroupAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var bot = turnContext.Activity.Recipient;
        if (turnContext.Activity.MembersAdded.Any(member => member.Id == bot?.Id))
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(TeamsTexts.GroupIntro(bot?.Name ?? "My 8x8 Sales")), cancellationToken);
        }
    }

    private static bool MentionsBot(Activity activity) =>
        activity.Recipient?.Id is { } botId && activity.GetMentions().Any(mention => mention.Mentioned?.Id == botId);

    /// <summary>A text reply that @mentions <paramref name="user"/>, so they notice it in a busy channel.</summary>
    internal static Activity Addressed(ChannelAccount? user, Func<string, string> text)
    {
        if (string.IsNullOrWhiteSpace(user?.Name))
        {
            return MessageFactory.Text(text("Hi"));
        }

        var mention = new Mention { Mentioned = user, Text = $"<at>{user.Name}</at>" };
        var reply = MessageFactory.Text(text(mention.Text));
        reply.Entities = [mention];
        return reply;
    }

    /// <summary>One turn's outgoing filter in a group conversation.</summary>
    private sealed class GroupPrivacy
    {
        private const string ConfirmationStep = "confirmation";

        private static readonly HashSet<string> CheckoutSteps = new(StringComparer.Ordinal)
        {
            SalesSteps.Payment, SalesSteps.Shipping, SalesSteps.Quote, SalesSteps.Terms, ConfirmationStep,
        };

        // Only the cart card has these buttons (the catalog card adds and views, it shows no cart).
        private static readonly HashSet<string> CartActions = new(StringComparer.Ordinal)
        {
            CardActions.Remove, CardActions.Checkout, CardActions.UpdateCart, CardActions.EmptyCart,
        };

        public bool CheckoutSetAside { get; private set; }

        public Task<ResourceResponse[]> FilterAsync(ITurnContext turnContext, List<Activity> activities, Func<Task<ResourceResponse[]>> next)
        {
            var user = turnContext.Activity.From;
            var personalChat = TeamsConversation.PersonalChatLink(turnContext.Activity.Recipient);
            foreach (var activity in activities.Where(a => a.Type == ActivityTypes.Message && a.Attachments is { Count: > 0 }))
            {
                var payloads = activity.Attachments
                    .Where(a => a.ContentType == CardMessage.AdaptiveCardContentType)
                    .SelectMany(a => SubmitPayloads(CardMessage.ContentOf(a)))
                    .ToList();
                if (payloads.Any(p => CheckoutSteps.Contains(p.Step)))
                {
                    CheckoutSetAside = true;
                    MakePrivate(activity, null, Addressed(user, who => TeamsTexts.CheckoutIsPrivate(who, personalChat)));
                }
                else if (payloads.Any(p => CartActions.Contains(p.Action)))
                {
                    MakePrivate(activity, Intro(activity.Text), Addressed(user, who => TeamsTexts.CartIsPrivate(who, personalChat)));
                }
            }

            return next();
        }

        /// <summary>Turns the card reply into the pointer, in place, so it keeps its conversation, reply-to and ids.</summary>
        private static void MakePrivate(Activity activity, string? intro, Activity pointer)
        {
            activity.Attachments = null;
            activity.AttachmentLayout = null;
            activity.SuggestedActions = null;
            activity.Speak = null;
            activity.InputHint = InputHints.AcceptingInput;
            activity.Text = string.IsNullOrWhiteSpace(intro) ? pointer.Text : $"{intro}\n\n{pointer.Text}";
            activity.Entities = pointer.Entities;
        }

        /// <summary>
        /// What the dialog said before the card (e.g. "Added 2 × X4 line."): a card reply's text is that intro and
        /// the card's one-line summary, which describes the cart and is dropped.
        /// </summary>
        private static string? Intro(string? text)
        {
            var cut = text?.LastIndexOf("\n\n", StringComparison.Ordinal) ?? -1;
            return cut > 0 ? text![..cut].Trim() : null;
        }

        private static IEnumerable<(string Step, string Action)> SubmitPayloads(JToken? card)
        {
            return card is null
                ? []
                : card.SelectTokens($"$..{CardSubmit.PayloadProperty}")
                    .OfType<JObject>()
                    .Select(payload => ((string?)payload["step"] ?? "", (string?)payload["action"] ?? ""));
        }
    }
}
