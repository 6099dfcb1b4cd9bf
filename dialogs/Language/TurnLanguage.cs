using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Languages;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>The language this conversation chose (null: none chosen, the channel's locale decides).</summary>
public sealed class ConversationLanguage
{
    /// <summary>The culture name the customer switched to ("es-US"), or the one remembered for them.</summary>
    public string? Chosen { get; set; }

    /// <summary>The verified user whose remembered language was looked up for this conversation (once per conversation).</summary>
    public string? LookedUpFor { get; set; }
}

/// <summary>
/// The language of each turn. A language the customer chose ("español", "English") wins; a verified customer's choice
/// is remembered with the customer (so their next conversation, on any channel, starts in it), an anonymous visitor's
/// with the conversation only; without a choice the channel's locale decides (<see cref="SalesLanguages.ChannelLocale"/>).
/// Resolved once per turn, whoever asks first; every reply of the turn carries the language as its <c>locale</c>.
/// </summary>
public sealed class TurnLanguage(ConversationState conversationState, IStorage storage)
{
    private const string TurnKey = "salesbot.language";

    private readonly IStatePropertyAccessor<ConversationLanguage> _conversation = conversationState.Property<ConversationLanguage>("language");

    /// <summary>
    /// This turn's language, resolved on the first call of the turn. The caller makes it current with
    /// <see cref="SalesLanguages.Use"/> (see there why this method cannot).
    /// </summary>
    public async Task<CultureInfo> ResolveAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.Get<TurnCulture>(TurnKey) is { } resolved)
        {
            return resolved.Culture;
        }

        var saved = await _conversation.GetAsync(turnContext, () => new ConversationLanguage(), cancellationToken);
        if (CustomerIdentity.Of(turnContext).UserId is { } userId && saved.LookedUpFor != userId)
        {
            // A new conversation of a verified customer (or one who signed in since): their remembered choice, read once.
            var key = UserKey(userId);
            var records = await storage.ReadAsync([key], cancellationToken);
            if (records.TryGetValue(key, out var record) && Remembered(record) is { } remembered)
            {
                saved.Chosen = remembered;
            }

            saved.LookedUpFor = userId;
            await _conversation.SetAsync(turnContext, saved, cancellationToken);
        }

        var culture = SalesLanguage.For(saved.Chosen ?? SalesLanguages.ChannelLocale(turnContext.Activity));
        var turn = new TurnCulture(culture);
        turnContext.TurnState[TurnKey] = turn;
        // Every reply says which language it is in (speech, Web Chat's date formats, Teams' translation offers).
        turnContext.OnSendActivities((_, activities, next) =>
        {
            foreach (var activity in activities)
            {
                if (activity.Type is ActivityTypes.Message or ActivityTypes.Event)
                {
                    activity.Locale = turn.Culture.Name;
                }
            }

            return next();
        });
        return culture;
    }

    /// <summary>
    /// The customer chose <paramref name="culture"/>: it is this turn's language from now on, this conversation's,
    /// and — for a verified customer — the customer's. The caller makes it current with <see cref="SalesLanguages.Use"/>.
    /// </summary>
    public async Task ChooseAsync(ITurnContext turnContext, CultureInfo culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(culture);
        await ResolveAsync(turnContext, cancellationToken);
        turnContext.TurnState.Get<TurnCulture>(TurnKey)!.Culture = culture;
        var saved = await _conversation.GetAsync(turnContext, () => new ConversationLanguage(), cancellationToken);
        saved.Chosen = culture.Name;
        await _conversation.SetAsync(turnContext, saved, cancellationToken);
        if (CustomerIdentity.Of(turnContext).UserId is { } userId)
        {
            // Kept apart from conversation state, which expires with the conversation: the choice is the customer's.
            await storage.WriteAsync(new Dictionary<string, object> { [UserKey(userId)] = new JObject { ["language"] = culture.Name } }, cancellationToken);
        }
    }

    /// <summary>The language resolved for this turn so far (for code outside the dialogs, such as the error handler), or null.</summary>
    public static CultureInfo? Of(ITurnContext turnContext) => turnContext?.TurnState.Get<TurnCulture>(TurnKey)?.Culture;

    // Not under "/conversations/": the state sweeper removes idle conversations, never a customer's choice.
    internal static string UserKey(string userId) => $"salesbot/customers/{Uri.EscapeDataString(userId)}/language";

    private static string? Remembered(object record) => record switch
    {
        JObject json => (string?)json["language"],
        _ => JObject.FromObject(record)["language"]?.ToString(),
    };

    private sealed class TurnCulture(CultureInfo culture)
    {
        public CultureInfo Culture { get; set; } = culture;
    }
}
