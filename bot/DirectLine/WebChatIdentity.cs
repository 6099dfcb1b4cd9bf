using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace My8x8.SalesBot.DirectLine;

/// <summary>The user a website-chat token is issued for, or why none can be.</summary>
internal sealed record WebChatUser(string? UserId, int FailureStatus = 0, string? FailureMessage = null)
{
    public static WebChatUser Refused(int status, string message) => new(null, status, message);
}

/// <summary>
/// Decides which user id a new token binds. Embedded Direct Line in Development: the visitor picks one of the listed
/// demo users (nobody else, even when the ordering service behind holds real users), or gets an anonymous id. Otherwise (Azure's Direct Line, or outside Development): the signed-in portal user, as
/// <c>dl_{portal user id}</c> — the visitor has no say.
/// </summary>
internal sealed partial class WebChatIdentity(IHostEnvironment environment, IPortalUserResolver portalUsers, IDemoUserDirectory demoUsers)
{
    public bool VisitorChoosesUser => environment.IsDevelopment();

    public async Task<WebChatUser> ResolveAsync(HttpContext context, string? requestedUserId, bool allowVisitorChoice, CancellationToken cancellationToken)
    {
        if (allowVisitorChoice && VisitorChoosesUser)
        {
            if (string.IsNullOrWhiteSpace(requestedUserId))
            {
                return new(AzureDirectLineTokenClient.UserIdPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9)));
            }

            if (!UserIdPattern().IsMatch(requestedUserId))
            {
                return WebChatUser.Refused(StatusCodes.Status400BadRequest, "The user id must be 1-64 letters, digits, '.', '_', '-' or '@'.");
            }

            return demoUsers.Users.Any(user => string.Equals(user.Id, requestedUserId, StringComparison.Ordinal))
                ? new(requestedUserId)
                : WebChatUser.Refused(StatusCodes.Status400BadRequest, "Pick one of the demo users this page lists.");
        }

        var portalUserId = await portalUsers.ResolveUserIdAsync(context, cancellationToken);
        return portalUserId is null
            ? WebChatUser.Refused(StatusCodes.Status401Unauthorized, "Sign in to the My 8x8 portal to chat with sales.")
            : new(AzureDirectLineTokenClient.UserIdPrefix + portalUserId);
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,64}$")]
    private static partial Regex UserIdPattern();
}
