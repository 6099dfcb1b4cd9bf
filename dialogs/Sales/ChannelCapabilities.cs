using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>What the customer's channel can show.</summary>
public static class ChannelCapabilities
{
    // Channels that render Adaptive Cards 1.5; anything else gets the complete text version of each card.
    private static readonly HashSet<string> CardChannels = new(StringComparer.OrdinalIgnoreCase)
    {
        "directline", "webchat", "msteams", "emulator", "test",
    };

    public static bool SupportsCards(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.ChannelId is { } channel && CardChannels.Contains(channel);
    }

    /// <summary>
    /// A conversation several people read (a Teams channel or group chat; other channels set <c>isGroup</c>):
    /// nobody's account facts, cart or money are shown there.
    /// </summary>
    public static bool IsShared(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        return turnContext.Activity.Conversation is { } conversation
            && (conversation.IsGroup == true || conversation.ConversationType is "channel" or "groupChat");
    }
}
