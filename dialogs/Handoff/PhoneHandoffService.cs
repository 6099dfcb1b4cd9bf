using Microsoft.Bot.Builder;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>The simplest handoff: point the customer to the sales line, with the hours it is staffed.</summary>
public sealed class PhoneHandoffService(SalesHours hours) : IHandoffService
{
    public async Task RequestAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var text = hours.IsOpen()
            ? $"Our sales team can take it from here: call {hours.Phone} and an agent will help you right away."
            : $"Our sales team is away right now. They're back {hours.Describe(hours.NextOpening())} — call {hours.Phone} ({hours.DescribeHours()}).";
        await turnContext.SendActivityAsync(MessageFactory.Text(text), cancellationToken);
    }
}
