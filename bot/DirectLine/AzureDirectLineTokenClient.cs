using System.Net.Http.Headers;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.DirectLine;

/// <summary>A Direct Line token Azure issued for one conversation and one user.</summary>
public sealed record AzureDirectLineToken(
    [property: JsonPropertyName("conversationId")] string ConversationId,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);

/// <summary>
/// Exchanges the Direct Line secret for a per-conversation token with Azure Bot Service, server-side, binding the
/// signed-in user (Direct Line enhanced authentication: the user id must start with <c>dl_</c>, and Azure then
/// rejects any other <c>from.id</c> on activities posted with the token).
/// </summary>
internal sealed class AzureDirectLineTokenClient(HttpClient httpClient, IOptions<DirectLineOptions> options)
{
    public const string UserIdPrefix = "dl_";

    public async Task<AzureDirectLineToken> GenerateTokenAsync(string directLineUserId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var secret = settings.Secret ?? throw new InvalidOperationException("SalesBot:DirectLine:Secret is not set.");
        if (!directLineUserId.StartsWith(UserIdPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Direct Line enhanced authentication needs user ids that start with '{UserIdPrefix}'.", nameof(directLineUserId));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, $"{settings.Endpoint.ToString().TrimEnd('/')}/tokens/generate")
        {
            Content = JsonContent.Create(new TokenRequest(new TokenUser(directLineUserId), settings.TrustedOrigins is { Length: > 0 } origins ? origins : null)),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        using var response = await httpClient.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Direct Line refused to generate a token ({(int)response.StatusCode}).", null, response.StatusCode);
        }

        return await response.Content.ReadFromJsonAsync<AzureDirectLineToken>(cancellationToken)
            ?? throw new HttpRequestException("Direct Line answered the token request with an empty body.");
    }

    private sealed record TokenRequest(
        [property: JsonPropertyName("user")] TokenUser User,
        [property: JsonPropertyName("trustedOrigins"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string[]? TrustedOrigins);

    private sealed record TokenUser([property: JsonPropertyName("id")] string Id);
}
