using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Ordering.Api;
using My8x8.SalesBot.Ordering.Payments;

namespace My8x8.SalesBot.Extensions;

internal static class SalesBotEndpointExtensions
{
    public static WebApplication MapSalesBotEndpoints(this WebApplication app)
    {
        // Liveness never depends on the database (a restart would not fix it); readiness does, and fails while shutting down.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = check => !check.Tags.Contains(ObservabilityExtensions.ReadyTag) });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ObservabilityExtensions.ReadyTag) });

        // The channel's door: a thin pass-through to the adapter, which authenticates and runs the turn.
        app.MapPost("/api/messages", (HttpRequest request, HttpResponse response, IBotFrameworkHttpAdapter adapter, IBot bot, CancellationToken cancellationToken) =>
            adapter.ProcessAsync(request, response, bot, cancellationToken));

        app.MapOrderingApi();
        app.MapCardPage();
        app.MapWebChat();
        app.MapHandoff();
        return app;
    }
}
