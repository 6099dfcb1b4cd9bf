using System.Security.Claims;

namespace My8x8.SalesBot.DirectLine;

/// <summary>Who is signed in to the My 8x8 portal for this request — the only identity the website chat trusts outside Development.</summary>
public interface IPortalUserResolver
{
    /// <summary>The portal user id, or null when the request is not signed in.</summary>
    ValueTask<string?> ResolveUserIdAsync(HttpContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Reads the authenticated principal's name identifier (set by whatever authentication scheme the host is configured
/// with: the portal's cookie, a JWT bearer from the portal backend, …); anonymous requests have no portal user.
/// </summary>
internal sealed class ClaimsPrincipalPortalUserResolver : IPortalUserResolver
{
    public ValueTask<string?> ResolveUserIdAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var user = context.User;
        var id = user.Identity?.IsAuthenticated == true ? user.FindFirst(ClaimTypes.NameIdentifier)?.Value : null;
        return ValueTask.FromResult(string.IsNullOrWhiteSpace(id) ? null : id);
    }
}
