using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using My8x8.SalesBot.Dialogs.Engine;

namespace My8x8.SalesBot.Dialogs.Tests.Engine;

/// <summary>
/// A bot for one test conversation: a <see cref="DialogRunner"/> over <see cref="ConversationState"/> on the given
/// storage (a JSON round trip by default), saved after every turn. When the stack completes or is cancelled the bot
/// says so, so transcripts show it: "[complete] …" / "[cancelled]".
/// </summary>
internal static class Conversation
{
    public const string Id = "engine-tests";

    public static TestFlow Start(Dialog root, IStorage? storage = null, DialogRunnerOptions? options = null)
    {
        var conversationState = new ConversationState(storage ?? new JsonStringStorage());
        var runner = new DialogRunner(root, conversationState.Property<DialogState>(nameof(DialogState)), options);
        var adapter = new TestAdapter(TestAdapter.CreateConversation(Id))
            .Use(new AutoSaveStateMiddleware(conversationState));
        return new TestFlow(adapter, async (turnContext, cancellationToken) =>
        {
            var result = await runner.RunAsync(turnContext, cancellationToken);
            var marker = result.Status switch
            {
                DialogTurnStatus.Complete => $"[complete] {result.Result}",
                DialogTurnStatus.Cancelled => "[cancelled]",
                _ => null,
            };
            if (marker is not null)
            {
                await turnContext.SendActivityAsync(marker.TrimEnd(), cancellationToken: cancellationToken);
            }
        });
    }

    /// <summary>A root component holding <paramref name="dialogs"/>; the first one starts.</summary>
    public static ComponentDialog Root(params Dialog[] dialogs) => Root("Root", dialogs);

    public static ComponentDialog Root(string id, params Dialog[] dialogs)
    {
        var root = new ComponentDialog(id);
        foreach (var dialog in dialogs)
        {
            root.AddDialog(dialog);
        }

        return root;
    }
}
