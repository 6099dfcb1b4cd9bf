using System.Globalization;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Dialogs.Handoff;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// What the customer receives while an agent has the chat. Every channel gets the bot's activity (a bot cannot send as
/// a person), shaped so the customer still sees who speaks:
/// <list type="bullet">
/// <item>a chat that shows senders from <c>channelData</c> (the website chat page) gets the agent's words as they are,
/// with <c>channelData.salesbot = { kind, sender: { name, initials } }</c>, and draws them as the agent's;</item>
/// <item>Teams gets the agent's name in bold as the message's first line;</item>
/// <item>any other client (the Emulator, other Direct Line clients) gets "Name: words".</item>
/// </list>
/// The joined and left notes carry the same data with kinds <see cref="Joined"/> and <see cref="Left"/>, so the page
/// shows them as notes in the middle of the chat rather than as the bot's bubbles.
/// </summary>
public static class AgentActivities
{
    /// <summary>The property of <c>channelData</c> this bot's own data travels in, both ways.</summary>
    public const string ChannelDataProperty = "salesbot";

    public const string Agent = "agent";
    public const string Joined = "joined";
    public const string Left = "left";

    /// <summary>The note that one agent handed the chat to another; its sender is the agent who takes over.</summary>
    public const string Transferred = "transferred";

    /// <summary>What the website chat page sets in the <c>channelData</c> of every activity it posts.</summary>
    public const string RendersSenderProperty = "rendersSender";

    /// <summary>Whether the activity comes from a chat that shows the sender from <c>channelData.salesbot</c>.</summary>
    public static bool RendersSender(IActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.ChannelData is JObject data
            && data[ChannelDataProperty] is JObject ours
            && ours[RendersSenderProperty] is JValue { Type: JTokenType.Boolean } flag
            && (bool)flag;
    }

    /// <summary>The agent's words, for the customer's channel.</summary>
    public static IMessageActivity Message(HandoffSession session, string agentName, string text)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.ChannelId == Channels.Msteams)
        {
            // Teams owns its channelData; the name leads the message instead, in bold.
            var teams = MessageFactory.Text(HandoffTexts.AgentHeader(agentName) + "\n\n" + text);
            teams.TextFormat = TextFormatTypes.Markdown;
            return teams;
        }

        var message = MessageFactory.Text(session.CustomerSeesSender ? text : HandoffTexts.AgentSays(agentName, text));
        message.ChannelData = Data(Agent, agentName);
        return message;
    }

    /// <summary>"Dana from 8x8 Sales joined the chat." and its kin: a note about the agent, not the agent's words.</summary>
    public static IMessageActivity Note(string channelId, string kind, string agentName, string text)
    {
        var note = MessageFactory.Text(text, text, InputHints.AcceptingInput);
        if (channelId != Channels.Msteams)
        {
            note.ChannelData = Data(kind, agentName);
        }

        return note;
    }

    /// <summary>
    /// The letters of the agent's avatar: the first of the first and of the last word ("Dana Reyes" → "DR"), whole
    /// characters (an accented or surrogate-pair letter stays one).
    /// </summary>
    public static string Initials(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return "";
        }

        var first = StringInfo.GetNextTextElement(words[0]);
        var last = words.Length > 1 ? StringInfo.GetNextTextElement(words[^1]) : "";
        return (first + last).ToUpper(CultureInfo.InvariantCulture);
    }

    private static JObject Data(string kind, string agentName) => new()
    {
        [ChannelDataProperty] = new JObject
        {
            ["kind"] = kind,
            ["sender"] = new JObject { ["name"] = agentName, ["initials"] = Initials(agentName) },
        },
    };
}
