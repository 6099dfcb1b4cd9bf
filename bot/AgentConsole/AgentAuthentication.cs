using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Handoff;

/// <summary>
/// Sign-in for the agent console: a cookie of its own (no default scheme is set, so nothing else in the host changes),
/// issued either by the console's sign-in form against <see cref="HandoffOptions.Agents"/> (Development) or by an
/// OpenID Connect provider (<see cref="HandoffOptions.OpenIdConnect"/>). Pages redirect to sign-in; APIs answer 401.
/// </summary>
public static class AgentAuthentication
{
    public const string CookieScheme = "AgentConsole";
    public const string OpenIdConnectScheme = "AgentConsoleOidc";
    public const string Policy = "SalesAgent";

    /// <summary>A signed-in agent who is also a supervisor (<see cref="SupervisorRole"/> in <see cref="RoleClaim"/>).</summary>
    public const string SupervisorPolicy = "SalesSupervisor";

    /// <summary>The console's own role claim, the same whichever way the agent signed in.</summary>
    public const string RoleClaim = "salesbot_role";

    /// <summary>The role of an agent account (<see cref="AgentAccountOptions.Roles"/>) that opens the supervisor view.</summary>
    public const string SupervisorRole = "supervisor";

    /// <summary>The claim every signed-in agent carries (the policy requires it, so other sign-ins do not count).</summary>
    public const string AgentClaim = "salesbot_agent";

    public const string SignInPath = "/agent/signin";
    public const string ApiPrefix = "/agent/api";

    /// <summary>A folder every instance shares for the Data Protection keys (optional with PostgreSQL, which keeps them otherwise).</summary>
    public const string KeysPathSetting = "SalesBot:DataProtection:KeysPath";

    /// <summary>
    /// The Data Protection application name: fixed, so instances with different content roots (the default discriminator)
    /// can read each other's cookies and antiforgery tokens once they share keys.
    /// </summary>
    public const string DataProtectionApplicationName = "my8x8-salesbot";

    private const string NotAnAgent = "This account is not a sales agent.";

    public static IServiceCollection AddAgentAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var contentRootPath = environment.ContentRootPath;
        var oidc = configuration.GetSection(HandoffOptions.Section).Get<HandoffOptions>()?.OpenIdConnect ?? new AgentOpenIdConnectOptions();

        // The console cookie and the antiforgery token are Data Protection payloads: every instance needs the same keys.
        var dataProtection = services.AddDataProtection().SetApplicationName(DataProtectionApplicationName);
        if (configuration[KeysPathSetting] is { Length: > 0 } keysPath)
        {
            // A relative path is under the content root, like the SQLite files.
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(contentRootPath, keysPath)));
        }

        var authentication = services.AddAuthentication().AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "salesbot.agent";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Outside Development the console is only ever served over TLS (behind the proxy, X-Forwarded-Proto says so),
            // so its cookie never travels in clear; locally it also works over plain http://localhost.
            cookie.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            cookie.Cookie.Path = "/agent";
            cookie.LoginPath = SignInPath;
            cookie.AccessDeniedPath = SignInPath;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(10);
            cookie.SlidingExpiration = true;
            cookie.Events = new CookieAuthenticationEvents
            {
                OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized),
                OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden),
            };
        });

        if (oidc.IsConfigured)
        {
            authentication.AddOpenIdConnect(OpenIdConnectScheme, options =>
            {
                options.SignInScheme = CookieScheme;
                options.Authority = oidc.Authority;
                options.ClientId = oidc.ClientId;
                options.ClientSecret = oidc.ClientSecret;
                options.CallbackPath = oidc.CallbackPath;
                options.ResponseType = "code";
                options.UsePkce = true;
                // A provider over plain http is for a developer's machine (or a test's loopback provider) only.
                options.RequireHttpsMetadata = !environment.IsDevelopment();
                options.MapInboundClaims = false;
                options.TokenValidationParameters.NameClaimType = "name";
                options.TokenValidationParameters.RoleClaimType = "roles";
                options.Events.OnTokenValidated = context =>
                {
                    var principal = context.Principal;
                    var identity = principal?.Identity as ClaimsIdentity;
                    if (identity is null || (!string.IsNullOrWhiteSpace(oidc.RequiredRole) && !principal!.IsInRole(oidc.RequiredRole)))
                    {
                        context.Fail(NotAnAgent);
                        return Task.CompletedTask;
                    }

                    // The agent's id: the directory object id when there is one (stable across name changes).
                    var id = principal!.FindFirst("oid")?.Value ?? principal.FindFirst("sub")?.Value;
                    if (string.IsNullOrWhiteSpace(id))
                    {
                        context.Fail(NotAnAgent);
                        return Task.CompletedTask;
                    }

                    identity.AddClaim(new Claim(AgentClaim, id));
                    if (!string.IsNullOrWhiteSpace(oidc.SupervisorRole) && principal.IsInRole(oidc.SupervisorRole))
                    {
                        identity.AddClaim(new Claim(RoleClaim, SupervisorRole));
                    }

                    return Task.CompletedTask;
                };
                // A refused or broken sign-in is answered, never thrown (the handler's default is a 500): a directory
                // account without the agent role is told so; anything else (an old or replayed callback, a provider
                // error) may start again. Neither says more than that.
                options.Events.OnRemoteFailure = async context =>
                {
                    context.HandleResponse();
                    var refused = context.Failure?.Message == NotAnAgent;
                    context.Response.StatusCode = refused ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    context.Response.Headers.CacheControl = "no-store";
                    await context.Response.WriteAsync(refused
                        ? "This account may not use the agent console: it is not a sales agent. Ask your administrator for the console's agent role."
                        : "Sign-in did not complete. Open /agent to start again.", context.HttpContext.RequestAborted);
                };
            });
        }

        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(AgentClaim))
            .AddPolicy(SupervisorPolicy, policy => policy
                .AddAuthenticationSchemes(CookieScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(AgentClaim)
                .RequireClaim(RoleClaim, SupervisorRole));
        services.AddAntiforgery(antiforgery => antiforgery.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        return services;
    }

    /// <summary>The signed-in agent.</summary>
    public static AgentIdentity Agent(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirst(AgentClaim)?.Value ?? throw new InvalidOperationException("Not a signed-in agent.");
        return new AgentIdentity(id, user.Identity?.Name ?? id);
    }

    /// <summary>Whether the signed-in agent may open the supervisor view.</summary>
    public static bool IsSupervisor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(RoleClaim, SupervisorRole);
    }

    /// <summary>A principal for an agent account of the settings, with its roles.</summary>
    public static ClaimsPrincipal Principal(AgentAccountOptions account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, account.Id), new Claim(ClaimTypes.Name, account.DisplayName), new Claim(AgentClaim, account.Id)],
            CookieScheme);
        if (account.Roles.Contains(SupervisorRole, StringComparer.OrdinalIgnoreCase))
        {
            identity.AddClaim(new Claim(RoleClaim, SupervisorRole));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>The accounts that may sign in with a password here (none outside Development unless allowed).</summary>
    public static IReadOnlyList<AgentAccountOptions> LocalAccounts(HandoffOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsDevelopment() || options.AllowAgentAccountsOutsideDevelopment ? options.Agents : [];
    }

    public static bool UsesOpenIdConnect(IOptions<HandoffOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Value.OpenIdConnect.IsConfigured;
    }

    private static Task ApiOr(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments(ApiPrefix))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
