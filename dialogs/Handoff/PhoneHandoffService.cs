using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>The simplest handoff: point the customer to the sales line, with the hours it is staffed.</summary>
public sealed class PhoneHandoffService(SalesHours hours) : IHandoffService
{
    public async Task RequestAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        await turnContext.SendActivityAsync(MessageFactory.Text(HandoffTexts.CallSales(hours)), cancellationToken);
    }
}
