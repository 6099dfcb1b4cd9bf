using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using My8x8.SalesBot.Diagnostics;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Observability;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Ordering.Api;
using My8x8.SalesBot.Ordering.Payments;

namespace My8x8.SalesBot.Extensions;

internal static class SalesBotEndpointExtensions
{
    public static WebApplication MapSalesBotEndpoints(this WebApplication app)
    {
        // First: everything after it (sign-in redirects, cookies, rate limits) sees the scheme and client address the
        // customer used, as the known proxy reports them. Routing, authentication and authorization are placed here
        // explicitly because the host would otherwise put them ahead of the forwarded headers.
        app.UseForwardedHeaders();
        // The pages' style sheets and scripts (wwwroot and the libraries' static web assets): before routing, so they
        // cost no rate-limit permit, authentication or antiforgery work.
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // Liveness never depends on the database (a restart would not fix it); readiness does, and fails while shutting down.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(ObservabilityExtensions.ReadyTag) });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ObservabilityExtensions.ReadyTag) });

        // The channel's door: size and shape checks (400/413 with a reason), then the adapter, which authenticates and runs the turn.
        app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);

        app.MapOrderingApiWhereSafe();
        app.MapCardPage().RequireRateLimiting(RateLimitExtensions.CardPagePolicy);
        app.MapTermsPage();
        app.MapWebChat();
        app.MapHandoff();
        app.MapRuntimeCountersForLoadTests();
        return app;
    }

    /// <summary>
    /// The ordering REST API can place orders for any user, so outside Development it is served only behind an API
    /// key (<c>SalesBot:Ordering:ApiKey</c>). The bot itself calls the embedded service in-process and needs no key.
    /// </summary>
    private static void MapOrderingApiWhereSafe(this WebApplication app)
    {
        var key = app.Services.GetRequiredService<IOptions<OrderingOptions>>().Value.ApiKey;
        if (app.Environment.IsDevelopment() || !string.IsNullOrEmpty(key))
        {
            app.MapOrderingApi();
            return;
        }

        app.Logger.LogWarning("The ordering REST API is not served: set SalesBot:Ordering:ApiKey to expose it outside Development");
    }
}
