using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Adapter;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering.Payments;
using Newtonsoft.Json;

namespace My8x8.SalesBot.Payments;

/// <summary>
/// When a card is added on the secure page, continues the customer's conversation so the payment step moves on by
/// itself ("Visa ending 4242 is on your account"). The turn runs through the adapter like any other: same lock, same state.
/// </summary>
public sealed class ProactiveCardAddedNotifier(SalesBotAdapter adapter, IBot bot, IConfiguration configuration, ILogger<ProactiveCardAddedNotifier> logger) : ICardAddedNotifier
{
    public async Task NotifyAsync(CardAdded cardAdded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cardAdded);
        if (string.IsNullOrEmpty(cardAdded.ConversationHint))
        {
            return;
        }

        ConversationReference? reference;
        try
        {
            reference = JsonConvert.DeserializeObject<ConversationReference>(cardAdded.ConversationHint);
        }
        catch (JsonException)
        {
            logger.LogWarning("Card {CardId} was added, but its conversation reference could not be read", cardAdded.CardId);
            return;
        }

        if (reference?.Conversation?.Id is null || reference.ServiceUrl is null)
        {
            return;
        }

        try
        {
            await adapter.ContinueConversationAsync(configuration["MicrosoftAppId"] ?? "", reference, async (turnContext, ct) =>
            {
                turnContext.Activity.Name = SalesDialog.CardAddedEvent;
                await bot.OnTurnAsync(turnContext, ct);
            }, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or Microsoft.Rest.HttpOperationException)
        {
            // The customer can still type "done"; the card is saved either way.
            logger.LogWarning(exception, "Could not continue conversation {ConversationId} after card {CardId} was added", reference.Conversation.Id, cardAdded.CardId);
        }
    }
}
