using Microsoft.Bot.Builder;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Teams;

/// <summary>
/// Conversation state where a group conversation (a Teams channel or group chat) keeps one state per person:
/// everyone who talks to the bot there has their own dialog step, submit tickets and order. One-to-one
/// conversations keep the usual key. The turn lock stays per conversation, so the turns of a channel still run one
/// at a time and each loads and saves only its own user's part.
/// </summary>
public sealed class GroupAwareConversationState(IStorage storage) : JsonConversationState(storage)
{
    protected override string GetStorageKey(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var key = base.GetStorageKey(turnContext);
        var activity = turnContext.Activity;
        if (!TeamsConversation.IsGroup(activity))
        {
            return key;
        }

        // A turn with no user in a group conversation (none is expected) must not share anyone's state.
        var userId = activity.From?.Id;
        return string.IsNullOrEmpty(userId)
            ? throw new InvalidOperationException("A group conversation's state is kept per user, and this activity has no from.id.")
            : $"{key}/users/{userId}";
    }
}
