using System.Text.Json.Serialization;

namespace My8x8.SalesBot.Ordering.Api;

// Request bodies of the REST API (the responses are the domain records). A property the API does not know is refused
// rather than ignored: a body that claims more than it may (say, an "assistedBy" on an ordinary cart change) gets a 400
// that says which property, instead of silently doing something else.

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AddCartItemBody(string Sku, int Quantity);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SetQuantityBody(int Quantity);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record SetShippingMethodBody(string ShippingMethodCode);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateQuoteBody(string? CardId);

public sealed record CreateCardSetupLinkBody(string? ConversationHint);
