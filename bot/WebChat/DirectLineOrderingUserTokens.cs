using My8x8.SalesBot.Ordering.Api;

namespace My8x8.SalesBot.DirectLine;

/// <summary>
/// The website chat's embedded Direct Line token as a browser's credential for the ordering REST API: the token was
/// issued by this host for one user (a listed demo user in Development, otherwise <c>dl_{portal user id}</c>), so it
/// reads that user's own orders, cart and cards and nobody else's. Expired, forged or Azure-mode tokens prove nothing.
/// </summary>
internal sealed class DirectLineOrderingUserTokens(DirectLineTokenService tokens, WebChatMode mode) : IOrderingUserTokenValidator
{
    public ValueTask<string?> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        if (mode.Kind != WebChatModeKind.Embedded)
        {
            return ValueTask.FromResult<string?>(null);
        }

        var check = tokens.Validate(token);
        if (check.Status != DirectLineTokenStatus.Valid || check.Token is not { } valid)
        {
            return ValueTask.FromResult<string?>(null);
        }

        var prefix = AzureDirectLineTokenClient.UserIdPrefix;
        var userId = valid.UserId.StartsWith(prefix, StringComparison.Ordinal) ? valid.UserId[prefix.Length..] : valid.UserId;
        return ValueTask.FromResult<string?>(userId.Length > 0 ? userId : null);
    }
}
