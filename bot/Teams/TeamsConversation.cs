using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Teams;

/// <summary>What kind of Teams conversation an activity belongs to, and how to reach the bot privately.</summary>
internal static class TeamsConversation
{
    public const string Channel = "channel";
    public const string GroupChat = "groupChat";

    /// <summary>Teams displays at most this many suggested actions and hides the rest.</summary>
    public const int MaxSuggestedActions = 3;

    public static bool IsTeams(IActivity activity) => activity.ChannelId == Channels.Msteams;

    /// <summary>
    /// A conversation several people read: a team channel or a group chat (Teams sets <c>isGroup</c> and the
    /// conversation type; other channels set at least <c>isGroup</c>).
    /// </summary>
    public static bool IsGroup(IActivity activity) =>
        activity.Conversation is { } conversation
        && (conversation.IsGroup == true || conversation.ConversationType is Channel or GroupChat);

    /// <summary>A Teams deep link that opens a personal chat with the bot (its Teams id is <c>28:&lt;app id&gt;</c>).</summary>
    public static Uri PersonalChatLink(ChannelAccount bot) =>
        new($"https://teams.microsoft.com/l/chat/0/0?users={Uri.EscapeDataString(bot.Id)}");
}
