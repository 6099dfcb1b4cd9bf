namespace My8x8.SalesBot.Ordering.Api;

/// <summary>Request bodies of the REST API (the responses are the domain records).</summary>
public sealed record AddCartItemBody(string Sku, int Quantity);

public sealed record SetQuantityBody(int Quantity);

public sealed record SetShippingMethodBody(string ShippingMethodCode);

public sealed record CreateQuoteBody(string? CardId);

public sealed record CreateCardSetupLinkBody(string? ConversationHint);
