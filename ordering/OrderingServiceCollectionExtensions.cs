using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Ordering.Api;
using My8x8.SalesBot.Ordering.Client;
using My8x8.SalesBot.Ordering.Embedded;
using My8x8.SalesBot.Ordering.Payments;
using My8x8.SalesBot.Ordering.Postgres;
using Polly;

namespace My8x8.SalesBot.Ordering;

public static class OrderingServiceCollectionExtensions
{
    /// <summary>The connection string ("ConnectionStrings:SalesBot") that puts the whole bot, this service included, on PostgreSQL.</summary>
    public const string PostgresConnectionStringName = "SalesBot";

    /// <summary>
    /// Registers <see cref="IOrderingService"/>: the embedded service when "SalesBot:Ordering:BaseUrl" is empty (on
    /// PostgreSQL when "ConnectionStrings:SalesBot" or "SalesBot:Ordering:PostgresConnectionString" is set, else SQLite),
    /// otherwise the HTTP client for that URL (standard resilience handler). Also registers a no-op
    /// <see cref="ICardAddedNotifier"/> (replace it to be told about new cards) and the API's OpenAPI document.
    /// </summary>
    public static IServiceCollection AddOrdering(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OrderingOptions>()
            .Bind(configuration.GetSection(OrderingOptions.Section))
            .Configure(options =>
            {
                var publicBaseUrl = configuration["SalesBot:PublicBaseUrl"];
                if (!string.IsNullOrWhiteSpace(publicBaseUrl))
                {
                    options.PublicBaseUrl = publicBaseUrl;
                }

                if (string.IsNullOrWhiteSpace(options.PostgresConnectionString))
                {
                    options.PostgresConnectionString = configuration.GetConnectionString(PostgresConnectionStringName);
                }
            })
            .Validate(o => string.IsNullOrWhiteSpace(o.BaseUrl) || Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "SalesBot:Ordering:BaseUrl must be an absolute URL.")
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "SalesBot:PublicBaseUrl must be an absolute URL.")
            .Validate(
                o => o.ApiKeys.All(k => !string.IsNullOrWhiteSpace(k.Name) && k.Key.Length >= 32 && k.Key != o.ApiKey)
                    && o.ApiKeys.Select(k => k.Key).Distinct(StringComparer.Ordinal).Count() == o.ApiKeys.Count,
                "Each SalesBot:Ordering:ApiKeys entry needs a Name and its own Key of at least 32 characters.")
            .Validate(o => o.Lifecycle.CheckInterval > TimeSpan.Zero && o.Lifecycle.ProcessingAfter >= TimeSpan.Zero && o.Lifecycle.ShippedAfter >= TimeSpan.Zero
                    && o.Lifecycle.DeliveredAfter >= TimeSpan.Zero && o.Lifecycle.ActiveAfter >= TimeSpan.Zero && !string.IsNullOrWhiteSpace(o.Lifecycle.Carrier)
                    && (string.IsNullOrEmpty(o.Lifecycle.WebhookSecret) || o.Lifecycle.WebhookSecret.Length >= 32)
                    && o.Lifecycle.MaxEventBodyBytes is >= 1024 and <= 1_048_576,
                "SalesBot:Ordering:Lifecycle needs a positive CheckInterval, delays of zero or more, a Carrier, a WebhookSecret of at least 32 characters (or none) and MaxEventBodyBytes from 1024 to 1048576.")
            .Validate(o => o.CartIdleTimeout > TimeSpan.Zero && o.QuoteLifetime > TimeSpan.Zero && o.CardSetupLinkLifetime > TimeSpan.Zero && o.RequestTimeout > TimeSpan.Zero,
                "Ordering lifetimes and timeouts must be positive.")
            .ValidateDataAnnotations()
            .Validate(o => o.MaxLinesPerAssistedOrder >= o.MaxLinesPerOrder && o.MaxDevicesPerAssistedOrder >= o.MaxDevicesPerOrder,
                "SalesBot:Ordering:MaxLinesPerAssistedOrder and MaxDevicesPerAssistedOrder may not be below the self-service limits.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICardAddedNotifier, NullCardAddedNotifier>();
        // The card and terms pages are Razor components their endpoints render on the server (no interactivity, no script).
        services.AddRazorComponents();
        services.AddOpenApi(OrderingApi.DocumentName, options =>
        {
            options.ShouldInclude = description => description.GroupName == OrderingApi.DocumentName;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "My8x8 SalesBot ordering service";
                document.Info.Version = "v1";
                document.Info.Description = "Catalog, carts, quotes, payment cards and orders. No authentication yet: expose only to trusted callers.";
                return Task.CompletedTask;
            });
        });

        var baseUrl = configuration[$"{OrderingOptions.Section}:{nameof(OrderingOptions.BaseUrl)}"];
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            // PostgreSQL when a connection string is configured (several instances share it), otherwise the SQLite file.
            var postgres = configuration[$"{OrderingOptions.Section}:{nameof(OrderingOptions.PostgresConnectionString)}"];
            if (string.IsNullOrWhiteSpace(postgres))
            {
                postgres = configuration.GetConnectionString(PostgresConnectionStringName);
            }

            if (string.IsNullOrWhiteSpace(postgres))
            {
                services.TryAddSingleton<SqliteOrderingService>();
                services.TryAddSingleton<EmbeddedOrderingService>(sp => sp.GetRequiredService<SqliteOrderingService>());
            }
            else
            {
                services.TryAddSingleton<PostgresOrderingService>();
                services.TryAddSingleton<EmbeddedOrderingService>(sp => sp.GetRequiredService<PostgresOrderingService>());
            }

            services.TryAddSingleton<IOrderingService>(sp => sp.GetRequiredService<EmbeddedOrderingService>());
            // Orders move along their lifecycle by themselves unless SalesBot:Ordering:Lifecycle:AutoAdvance is false.
            services.AddHostedService<OrderLifecycleSchedule>();
            return services;
        }

        services.AddHttpClient<IOrderingService, OrderingHttpClient>((sp, http) =>
            {
                var options = sp.GetRequiredService<IOptions<OrderingOptions>>().Value;
                http.BaseAddress = new Uri(options.BaseUrl!.TrimEnd('/') + "/");
                http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (!string.IsNullOrEmpty(options.ApiKey))
                {
                    http.DefaultRequestHeaders.Add(OrderingApi.ApiKeyHeader, options.ApiKey);
                }
                // The resilience pipeline owns the timeouts; this is only a backstop above its total timeout.
                http.Timeout = options.RequestTimeout * 4 + TimeSpan.FromSeconds(5);
            })
            .AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var options = sp.GetRequiredService<IOptions<OrderingOptions>>().Value;
                resilience.AttemptTimeout.Timeout = options.RequestTimeout;
                resilience.TotalRequestTimeout.Timeout = options.RequestTimeout * 3;
                // The circuit breaker's sampling window must be at least twice the attempt timeout.
                resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(30).Ticks, options.RequestTimeout.Ticks * 2));
                // Retrying a POST could add cart items twice; only safe methods and order creation
                // (protected by its Idempotency-Key) are retried.
                resilience.Retry.ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome) && IsSafeToRetry(args.Context.GetRequestMessage()));
            });
        return services;
    }

    private static bool IsSafeToRetry(HttpRequestMessage? request) =>
        request is not null
        && (request.Method != HttpMethod.Post || request.Headers.Contains(OrderingApi.IdempotencyKeyHeader));
}
