namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>
/// The value of <see cref="SalesDialog.AssistedCartEvent"/>: the agent who prepared and sent the cart. Set in process by
/// the host's agent desk; a channel's event carries JSON, never this type, so a customer cannot send it.
/// </summary>
public sealed record AssistedCartSent(string AgentName);
