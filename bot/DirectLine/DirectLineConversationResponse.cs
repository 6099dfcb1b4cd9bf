using System.Text.Json.Serialization;

namespace My8x8.SalesBot.DirectLine;

/// <summary>What Direct Line answers when a conversation starts, reconnects or a token is issued.</summary>
internal sealed record DirectLineConversationResponse(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("streamUrl"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StreamUrl = null);
