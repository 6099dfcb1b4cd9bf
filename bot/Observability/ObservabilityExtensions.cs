using Microsoft.Bot.Builder;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using My8x8.SalesBot.Extensions;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Ordering.Embedded;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace My8x8.SalesBot.Observability;

internal static class ObservabilityExtensions
{
    /// <summary>The standard OpenTelemetry variable; export is on only when it (or the same configuration key) is set.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Health checks tagged with this run at /readyz, not at /healthz (liveness never depends on the database).</summary>
    public const string ReadyTag = "ready";

    /// <summary>
    /// Metrics, the turn and ordering decorators, readiness checks, the shutdown timeout and — when an OTLP endpoint is
    /// configured — OpenTelemetry export of traces, metrics and logs. Call after the bot and the ordering service are registered.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddMetrics();
        services.AddSingleton<SalesBotMetrics>();
        services.AddSingleton<SalesFunnelRecorder>();
        services.Decorate<IBot>((sp, inner) => new ObservedBot(
            inner, sp.GetRequiredService<ConversationState>(), sp.GetRequiredService<SalesBotMetrics>(), sp.GetRequiredService<SalesFunnelRecorder>(),
            sp.GetRequiredService<ILogger<ObservedBot>>()));
        services.Decorate<IOrderingService>((sp, inner) => new InstrumentedOrderingService(
            inner, sp.GetRequiredService<SalesBotMetrics>(), sp.GetRequiredService<SalesFunnelRecorder>()));

        // Readiness: the state store answers, the embedded ordering service answers, and the host is not shutting down
        // (so a load balancer drains an instance before its in-flight turns are cut off).
        services.AddHealthChecks()
            .AddCheck<ShutdownHealthCheck>("shutdown", tags: [ReadyTag])
            .AddCheck<StateStoreHealthCheck>("state", HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(5))
            .AddCheck<EmbeddedOrderingHealthCheck>("ordering", HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(5));

        // Graceful shutdown: Kestrel stops accepting, in-flight requests (turns) get this long to finish.
        var shutdown = builder.Configuration.GetValue("SalesBot:ShutdownTimeout", TimeSpan.FromSeconds(30));
        services.Configure<Microsoft.Extensions.Hosting.HostOptions>(options => options.ShutdownTimeout = shutdown);

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            AddOpenTelemetryExport(builder);
        }

        return builder;
    }

    private static void AddOpenTelemetryExport(WebApplicationBuilder builder)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeScopes = true;
            logging.IncludeFormattedMessage = true;
        });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: builder.Configuration["OTEL_SERVICE_NAME"] ?? "my8x8-salesbot",
                serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing
                .AddSource(SalesBotTelemetry.Name, "Npgsql")
                .AddAspNetCoreInstrumentation(options => options.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/healthz") && !context.Request.Path.StartsWithSegments("/readyz"))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(SalesBotTelemetry.Name, "Npgsql")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithLogging()
            // Endpoint, protocol and headers come from the standard OTEL_EXPORTER_OTLP_* settings.
            .UseOtlpExporter();
    }
}

/// <summary>Not ready once the host is stopping, so the load balancer sends new conversations elsewhere.</summary>
internal sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("The host is shutting down.")
            : HealthCheckResult.Healthy());
}

/// <summary>Reads a key that is never written: proves the state store (SQLite file or PostgreSQL) answers.</summary>
internal sealed class StateStoreHealthCheck(IStorage storage) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await storage.ReadAsync(["salesbot/readiness-probe"], cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The state store is unreachable.", ex);
        }
    }
}

/// <summary>The embedded ordering service (SQLite or PostgreSQL) answers; a remote ordering service is not checked here.</summary>
internal sealed class EmbeddedOrderingHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<EmbeddedOrderingService>() is not { } ordering)
        {
            return HealthCheckResult.Healthy("The ordering service is remote.");
        }

        try
        {
            await ordering.GetTermsAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The embedded ordering database is unreachable.", ex);
        }
    }
}
