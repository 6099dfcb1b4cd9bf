using System.Security.Claims;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Adapter;

/// <summary>
/// The user token client the SDK asks for on every turn, built only when a turn really uses it. The adapter creates
/// one per incoming activity (an OAuth REST client whose construction reads assembly attributes, cleans up its
/// user agent with regular expressions and allocates tens of kilobytes) although this bot never signs users in;
/// deferring it keeps that off the reply path while a sign-in prompt added later still gets the SDK's real client,
/// created for the same identity at its first call.
/// </summary>
internal sealed class DeferredUserTokenClient(Func<CancellationToken, Task<UserTokenClient>> create) : UserTokenClient
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private UserTokenClient? _inner;
    private bool _disposed;

    public static DeferredUserTokenClient For(BotFrameworkAuthentication authentication, ClaimsIdentity claimsIdentity) =>
        new(cancellationToken => authentication.CreateUserTokenClientAsync(claimsIdentity, cancellationToken));

    /// <summary>Whether the real client has been built (for tests and diagnostics).</summary>
    internal bool IsCreated => Volatile.Read(ref _inner) is not null;

    public override async Task<TokenResponse> GetUserTokenAsync(string userId, string connectionName, string channelId, string magicCode, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).GetUserTokenAsync(userId, connectionName, channelId, magicCode, cancellationToken);

    public override async Task<SignInResource> GetSignInResourceAsync(string connectionName, Activity activity, string finalRedirect, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).GetSignInResourceAsync(connectionName, activity, finalRedirect, cancellationToken);

    public override async Task SignOutUserAsync(string userId, string connectionName, string channelId, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).SignOutUserAsync(userId, connectionName, channelId, cancellationToken);

    public override async Task<TokenStatus[]> GetTokenStatusAsync(string userId, string channelId, string includeFilter, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).GetTokenStatusAsync(userId, channelId, includeFilter, cancellationToken);

    public override async Task<Dictionary<string, TokenResponse>> GetAadTokensAsync(string userId, string connectionName, string[] resourceUrls, string channelId, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).GetAadTokensAsync(userId, connectionName, resourceUrls, channelId, cancellationToken);

    public override async Task<TokenResponse> ExchangeTokenAsync(string userId, string connectionName, string channelId, TokenExchangeRequest exchangeRequest, CancellationToken cancellationToken) =>
        await (await InnerAsync(cancellationToken)).ExchangeTokenAsync(userId, connectionName, channelId, exchangeRequest, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            Volatile.Read(ref _inner)?.Dispose();
            _gate.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<UserTokenClient> InnerAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _inner) is { } created)
        {
            return created;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _inner ??= await create(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }
}
