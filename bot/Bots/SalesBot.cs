using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Identity;
using My8x8.SalesBot.Redaction;

namespace My8x8.SalesBot.Bots;

/// <summary>
/// The bot: every activity from every channel arrives here. It resolves who the customer is, keeps card numbers
/// out of the conversation, and runs the sales dialogs. State is saved by the host once the turn ends, before any of
/// its replies leave (<see cref="Turns.TurnCommitMiddleware"/>).
/// </summary>
public sealed class SalesBot(
    DialogRunner dialogs,
    ICustomerIdentityResolver identities,
    HandoffTurnHandler handoff,
    TurnLanguage language) : TeamsActivityHandler
{
    internal static string Welcome => Resources.HostTexts.Texts["Welcome"];

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        CustomerIdentity.Set(turnContext, await identities.ResolveAsync(turnContext, cancellationToken));
        // The turn's language, once the customer is known (a verified customer's choice is remembered with them), for
        // everything the turn says: the welcome, the handoff relay and callback, the dialogs.
        SalesLanguages.Use(await language.ResolveAsync(turnContext, cancellationToken));
        // While an agent has the conversation (or a callback request is being taken) the handoff layer answers, not the dialogs.
        if (!await handoff.TryHandleAsync(turnContext, cancellationToken))
        {
            await base.OnTurnAsync(turnContext, cancellationToken);
        }
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membersAdded);
        ArgumentNullException.ThrowIfNull(turnContext);
        if (membersAdded.Any(member => member.Id != turnContext.Activity.Recipient?.Id))
        {
            await turnContext.SendActivityAsync(
                SalesMessages.WithSuggestions(MessageFactory.Text(Welcome), Commands.Hi, Commands.Catalog, Commands.Help, Commands.Hours), cancellationToken);
        }
    }

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.ContainsKey(RedactionMiddleware.RedactedKey))
        {
            // The message is not acted on: it was a card number, and the step the customer is at stays as it was.
            await turnContext.SendActivityAsync(MessageFactory.Text(SalesTexts.CardNumberRedacted), cancellationToken);
            return;
        }

        await dialogs.RunAsync(turnContext, cancellationToken);
    }

    protected override async Task OnEventActivityAsync(ITurnContext<IEventActivity> turnContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.Activity.Name is SalesDialog.CardAddedEvent or OrderStatusReplies.OrderNoticeEvent)
        {
            await dialogs.RunAsync(turnContext, cancellationToken);
        }
    }
}
