namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// Whether the host continues the customer's conversation when the embedded card page saves a card (it sends
/// <see cref="SalesDialog.CardAddedEvent"/>), so the chat need not ask the customer to come back and type "done".
/// Off unless the host registers it on; a plain value, because the host's notifier itself depends on the bot.
/// </summary>
public sealed record CardPageFollowUp(bool ContinuesConversation);
