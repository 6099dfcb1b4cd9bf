using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Bots;

/// <summary>The bot: receives every activity from every channel and hands customer messages to the sales flow.</summary>
public sealed class SalesBot(ConversationState conversationState, UserState userState) : TeamsActivityHandler
{
    internal const string Greeting =
        "Hi, I'm the My 8x8 sales assistant. I can add lines of service and phones to your account. " +
        "Type \"help\" at any time to see what I can do.";

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        await base.OnTurnAsync(turnContext, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        await userState.SaveChangesAsync(turnContext, force: false, cancellationToken);
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        if (membersAdded.Any(member => member.Id != turnContext.Activity.Recipient?.Id))
        {
            await turnContext.SendActivityAsync(MessageFactory.Text(Greeting), cancellationToken);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        await turnContext.SendActivityAsync(MessageFactory.Text(Greeting), cancellationToken);
    }
}
