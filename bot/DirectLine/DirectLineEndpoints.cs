using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Bot.Schema;
using Newtonsoft.Json;

namespace My8x8.SalesBot.DirectLine;

/// <summary>
/// The embedded Direct Line 3.0 service (the subset Web Chat uses) and the Bot Connector endpoints the bot replies to.
/// Every conversation call needs a token of that conversation: none or a forged one is 401, an expired one or one
/// for another conversation is 403.
/// </summary>
internal static class DirectLineEndpoints
{
    /// <summary>The host's rate-limit policy on the doors that hand out tokens.</summary>
    public const string TokensRateLimitPolicy = "directline-tokens";

    private const int MaxBodyBytes = 256 * 1024;

    public static void MapEmbeddedDirectLine(this WebApplication app)
    {
        var directLine = app.MapGroup("/v3/directline").WithTags("Direct Line (embedded)");
        // The doors that hand out tokens are limited per client address; a conversation's own traffic is not.
        directLine.MapPost("/tokens/generate", GenerateTokenAsync).RequireRateLimiting(TokensRateLimitPolicy);
        directLine.MapPost("/tokens/refresh", RefreshToken).RequireRateLimiting(TokensRateLimitPolicy);
        directLine.MapPost("/conversations", StartConversationAsync).RequireRateLimiting(TokensRateLimitPolicy);
        directLine.MapGet("/conversations/{conversationId}", ReconnectAsync);
        directLine.MapGet("/conversations/{conversationId}/activities", GetActivitiesAsync);
        directLine.MapPost("/conversations/{conversationId}/activities", PostActivityAsync);
        directLine.MapGet("/conversations/{conversationId}/stream", DirectLineStream.RunAsync);

        // The Bot Connector API subset the SDK's ConnectorClient calls on the channel's serviceUrl.
        var connector = app.MapGroup($"{DirectLineServiceUrl.ConnectorPrefix}/{{key}}/v3/conversations/{{conversationId}}/activities")
            .WithTags("Direct Line (embedded) connector");
        connector.MapPost("/", (string key, string conversationId, HttpRequest request, DirectLineKeys keys, DirectLineConversations conversations, CancellationToken cancellationToken) =>
            AcceptFromBotAsync(key, conversationId, replyToId: null, updatedId: null, request, keys, conversations, cancellationToken));
        connector.MapPost("/{activityId}", (string key, string conversationId, string activityId, HttpRequest request, DirectLineKeys keys, DirectLineConversations conversations, CancellationToken cancellationToken) =>
            AcceptFromBotAsync(key, conversationId, replyToId: activityId, updatedId: null, request, keys, conversations, cancellationToken));
        connector.MapPut("/{activityId}", (string key, string conversationId, string activityId, HttpRequest request, DirectLineKeys keys, DirectLineConversations conversations, CancellationToken cancellationToken) =>
            AcceptFromBotAsync(key, conversationId, replyToId: null, updatedId: activityId, request, keys, conversations, cancellationToken));
    }

    /// <summary>Issues a token for a new conversation and the user <see cref="WebChatIdentity"/> allows.</summary>
    internal static async Task<IResult> IssueEmbeddedTokenAsync(
        HttpContext context, string? requestedUserId, WebChatIdentity identity, DirectLineTokenService tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var user = await identity.ResolveAsync(context, requestedUserId, allowVisitorChoice: true, cancellationToken);
        if (user.UserId is null)
        {
            return Error(user.FailureStatus, "BadArgument", user.FailureMessage ?? "No user.");
        }

        var token = tokens.Issue(DirectLineConversations.NewConversationId(), user.UserId);
        return Results.Json(new DirectLineConversationResponse(token.ConversationId, token.Value, token.ExpiresInSeconds(time.GetUtcNow())));
    }

    /// <summary>Reads the user id a caller asks for: <c>{"user":{"id":…}}</c> (Direct Line's shape), <c>{"userId":…}</c> or <c>?userId=</c>.</summary>
    internal static async Task<(string? UserId, bool Malformed)> ReadRequestedUserIdAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (userId, _, malformed) = await ReadTokenRequestAsync(request, cancellationToken);
        return (userId, malformed);
    }

    /// <summary>The requested user id and, when the page resumes an earlier chat, the last token it held.</summary>
    internal static async Task<(string? UserId, string? ResumeToken, bool Malformed)> ReadTokenRequestAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var fromQuery = request.Query["userId"].FirstOrDefault();
        var body = await ReadBodyAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return (fromQuery, null, false);
        }

        try
        {
            var json = JsonNode.Parse(body);
            var fromBody = (string?)json?["user"]?["id"] ?? (string?)json?["userId"];
            return (fromBody ?? fromQuery, (string?)json?["resumeToken"], false);
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return (null, null, true);
        }
    }

    internal static bool TryAuthorize(string? token, string? conversationId, DirectLineTokenService tokens, out DirectLineToken valid, out IResult failure)
    {
        var check = tokens.Validate(token);
        valid = check.Token!;
        failure = Results.Empty;
        switch (check.Status)
        {
            case DirectLineTokenStatus.Missing:
                failure = Error(StatusCodes.Status401Unauthorized, "MissingToken", "A Direct Line token is required (Authorization: Bearer …).");
                return false;
            case DirectLineTokenStatus.Invalid:
                failure = Error(StatusCodes.Status401Unauthorized, "BadToken", "The token is not valid.");
                return false;
            case DirectLineTokenStatus.Expired:
                failure = Error(StatusCodes.Status403Forbidden, "TokenExpired", "The token has expired.");
                return false;
        }

        if (conversationId is not null && !string.Equals(conversationId, valid.ConversationId, StringComparison.Ordinal))
        {
            failure = Error(StatusCodes.Status403Forbidden, "BadArgument", "The token is not valid for this conversation.");
            return false;
        }

        return true;
    }

    internal static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message } }, statusCode: status);

    internal static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    internal static string ActivitySetJson(DirectLineActivitySet set) =>
        $"{{\"activities\":[{string.Join(',', set.Activities)}],\"watermark\":\"{set.Watermark.ToString(CultureInfo.InvariantCulture)}\"}}";

    internal static bool TryParseWatermark(string? value, out long? watermark)
    {
        watermark = null;
        if (string.IsNullOrEmpty(value) || value == "-")
        {
            return true;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            watermark = parsed;
            return true;
        }

        return false;
    }

    private static async Task<IResult> GenerateTokenAsync(
        HttpContext context, WebChatIdentity identity, DirectLineTokenService tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        var (userId, malformed) = await ReadRequestedUserIdAsync(context.Request, cancellationToken);
        return malformed
            ? Error(StatusCodes.Status400BadRequest, "BadArgument", "The body must be JSON like {\"user\":{\"id\":\"…\"}}.")
            : await IssueEmbeddedTokenAsync(context, userId, identity, tokens, time, cancellationToken);
    }

    private static IResult RefreshToken(HttpRequest request, DirectLineTokenService tokens, TimeProvider time)
    {
        if (!TryAuthorize(BearerToken(request), conversationId: null, tokens, out var current, out var failure))
        {
            return failure;
        }

        var refreshed = tokens.Issue(current.ConversationId, current.UserId);
        return Results.Json(new DirectLineConversationResponse(refreshed.ConversationId, refreshed.Value, refreshed.ExpiresInSeconds(time.GetUtcNow())));
    }

    private static async Task<IResult> StartConversationAsync(
        HttpContext context, WebChatIdentity identity, DirectLineTokenService tokens, DirectLineConversations conversations, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = context.Request;
        DirectLineToken token;
        if (BearerToken(request) is { } bearer)
        {
            if (!TryAuthorize(bearer, conversationId: null, tokens, out token, out var failure))
            {
                return failure;
            }
        }
        else
        {
            // No token: a new conversation for the user this host allows (Development: an anonymous visitor).
            var user = await identity.ResolveAsync(context, requestedUserId: null, allowVisitorChoice: true, cancellationToken);
            if (user.UserId is null)
            {
                return Error(user.FailureStatus, "BadArgument", user.FailureMessage ?? "No user.");
            }

            token = tokens.Issue(DirectLineConversations.NewConversationId(), user.UserId);
        }

        var created = await conversations.StartAsync(token, request, cancellationToken);
        var body = new DirectLineConversationResponse(token.ConversationId, token.Value, token.ExpiresInSeconds(time.GetUtcNow()), StreamUrl(request, token, watermark: null));
        return created ? Results.Json(body, statusCode: StatusCodes.Status201Created) : Results.Json(body);
    }

    private static async Task<IResult> ReconnectAsync(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokenService tokens, IDirectLineStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!TryAuthorize(BearerToken(request), conversationId, tokens, out var token, out var failure))
        {
            return failure;
        }

        if (!TryParseWatermark(watermark, out var mark))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark is not valid.");
        }

        // A page whose stream dropped because the instance holding its conversation stopped reconnects through the
        // load balancer to another one: the token proves the conversation is the visitor's, the dialog state is in the
        // shared store, so this instance carries it on (without greeting again) instead of ending the chat.
        if (!await store.ExistsAsync(conversationId, cancellationToken))
        {
            await store.TryResumeConversationAsync(conversationId, mark ?? 0, cancellationToken);
        }

        return Results.Json(new DirectLineConversationResponse(conversationId, token.Value, token.ExpiresInSeconds(time.GetUtcNow()), StreamUrl(request, token, mark)));
    }

    private static async Task<IResult> GetActivitiesAsync(
        string conversationId, string? watermark, HttpRequest request, DirectLineTokenService tokens, IDirectLineStore store, CancellationToken cancellationToken)
    {
        if (!TryAuthorize(BearerToken(request), conversationId, tokens, out _, out var failure))
        {
            return failure;
        }

        if (!TryParseWatermark(watermark, out var mark))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "The watermark is not valid.");
        }

        var set = await store.GetActivitiesAsync(conversationId, mark, cancellationToken);
        return set is null
            ? Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found.")
            : Results.Content(ActivitySetJson(set), "application/json; charset=utf-8");
    }

    private static async Task<IResult> PostActivityAsync(
        string conversationId, HttpRequest request, DirectLineTokenService tokens, DirectLineConversations conversations, CancellationToken cancellationToken)
    {
        if (!TryAuthorize(BearerToken(request), conversationId, tokens, out var token, out var failure))
        {
            return failure;
        }

        var activity = await ReadActivityAsync(request, cancellationToken);
        if (activity is null || !DirectLineConversations.IsAcceptedFromVisitor(activity.Type))
        {
            return Error(StatusCodes.Status400BadRequest, "BadArgument", "Post a message, event or typing activity as JSON.");
        }

        var result = await conversations.PostAsync(token, activity, request, cancellationToken);
        if (!result.ConversationFound)
        {
            return Error(StatusCodes.Status404NotFound, "BadArgument", "Conversation not found; start it first.");
        }

        // Like Azure's Direct Line: the activity is in the conversation either way, but the sender learns the bot failed.
        return result.Delivered
            ? Results.Json(new { id = result.ActivityId })
            : Error(StatusCodes.Status502BadGateway, "BotError", "The bot could not take the activity.");
    }

    private static async Task<IResult> AcceptFromBotAsync(
        string key, string conversationId, string? replyToId, string? updatedId, HttpRequest request, DirectLineKeys keys, DirectLineConversations conversations, CancellationToken cancellationToken)
    {
        if (!keys.IsConnectorPathKey(key))
        {
            return Results.NotFound();
        }

        var activity = await ReadActivityAsync(request, cancellationToken);
        if (activity?.Type is null)
        {
            return Results.BadRequest();
        }

        var id = await conversations.AcceptFromBotAsync(conversationId, activity, replyToId, updatedId, cancellationToken);
        return id is null ? Results.NotFound() : Results.Json(new ResourceResponse(id));
    }

    private static async Task<Activity?> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(request, cancellationToken);
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonConvert.DeserializeObject<Activity>(body, InMemoryDirectLineStore.SerializerSettings);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static BadHttpRequestException TooLarge() => new("The request body is too large.", StatusCodes.Status413PayloadTooLarge);

    private static string StreamUrl(HttpRequest request, DirectLineToken token, long? watermark)
    {
        var scheme = request.IsHttps ? "wss" : "ws";
        var mark = watermark?.ToString(CultureInfo.InvariantCulture) ?? "-";
        return $"{scheme}://{request.Host}{request.PathBase}/v3/directline/conversations/{Uri.EscapeDataString(token.ConversationId)}/stream" +
            $"?watermark={mark}&t={Uri.EscapeDataString(token.Value)}";
    }

    internal static Task SendTextAsync(WebSocket socket, string text, CancellationToken cancellationToken) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
}
