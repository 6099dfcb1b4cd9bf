using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Adapter;
using My8x8.SalesBot.Diagnostics;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Identity;
using My8x8.SalesBot.Notices;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Ordering.Payments;
using My8x8.SalesBot.Payments;
using My8x8.SalesBot.Storage;
using My8x8.SalesBot.Teams;
using My8x8.SalesBot.Time;
using My8x8.SalesBot.Turns;

namespace My8x8.SalesBot.Extensions;

internal static class SalesBotServiceExtensions
{
    private const string DefaultUrl = "http://localhost:3978";

    /// <summary>The HttpClient the Bot Framework credentials fetch the bot's outbound tokens with.</summary>
    internal const string BotLoginHttpClient = "BotFrameworkLogin";

    public static WebApplicationBuilder AddSalesBot(this WebApplicationBuilder builder)
    {
        builder.AddSettingsFile();
        builder.UseDefaultUrl();
        if (!builder.Environment.IsDevelopment())
        {
            // The pages' style sheets and scripts of the libraries (ordering's card and terms pages) are static web
            // assets: a published host has them under wwwroot; run from its build output (as tests and CI do outside
            // Development) it finds them through the build's manifest. Development does this by itself.
            builder.WebHost.UseStaticWebAssets();
        }

        var services = builder.Services;
        services.AddOptions<HostOptions>().BindConfiguration(HostOptions.Section).ValidateDataAnnotations()
            .Validate(host => host.KnownProxies.All(IsProxyAddress), "SalesBot:KnownProxies holds IP addresses (10.0.0.5) or networks (10.0.0.0/8) only.")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<TurnLockOptions>().BindConfiguration(TurnLockOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section);
        services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section);
        services.AddSingleton<IValidateOptions<HostOptions>>(new ChannelAuthenticationValidator(builder.Configuration, builder.Environment));

        services.AddSingleton(CreateClock);
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostOptions>>((forwarded, host) => ConfigureForwardedHeaders(forwarded, host.Value));
        services.AddSalesBotRateLimits();
        services.AddHttpClient();

        // Bot Framework: authentication is on when MicrosoftAppId is configured, off for local development. Refused
        // tokens of every kind answer 401 (see RefusingBotFrameworkAuthentication); the bot's own token requests go
        // through a named HttpClient (pooled, and replaceable in tests that serve the login endpoint on loopback).
        services.AddOptions<MessagesOptions>().BindConfiguration(MessagesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ChannelRefusalLog>();
        services.AddHttpClient(BotLoginHttpClient)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton<ServiceClientCredentialsFactory>(sp => new ConfigurationServiceClientCredentialFactory(
            sp.GetRequiredService<IConfiguration>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(BotLoginHttpClient),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<ConfigurationServiceClientCredentialFactory>()));
        // Channel tokens are checked against OpenID metadata fetched through a client of the host's, with a timeout
        // inside the channels' retry window (see ChannelMetadataClient); adopted before the first token is validated.
        services.AddHttpClient(ChannelMetadataClient.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<IOptions<MessagesOptions>>().Value.MetadataTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            if (!string.IsNullOrEmpty(configuration["MicrosoftAppId"]))
            {
                ChannelMetadataClient.Adopt(sp.GetRequiredService<IHttpClientFactory>().CreateClient(ChannelMetadataClient.HttpClientName), ChannelMetadataClient.MetadataUrls(configuration));
            }

            return new RefusingBotFrameworkAuthentication(
                ActivatorUtilities.CreateInstance<ConfigurationBotFrameworkAuthentication>(sp),
                sp.GetRequiredService<ChannelRefusalLog>());
        });
        services.AddSingleton<BotFrameworkAuthentication>(sp => sp.GetRequiredService<RefusingBotFrameworkAuthentication>());
        services.AddSingleton<TeamsMiddleware>();
        services.AddSingleton<TurnCommitMiddleware>();
        services.AddSingleton<SalesBotAdapter>();
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<SalesBotAdapter>());
        // The agent desk continues conversations through the adapter without knowing the host's type of it.
        services.AddSingleton<BotAdapter>(sp => sp.GetRequiredService<SalesBotAdapter>());

        // State and the turn lock: a SQLite file and in-process by default; PostgreSQL, shared by every instance, when
        // ConnectionStrings:SalesBot is set (the embedded ordering service follows the same setting, and so does the handoff store).
        if (!builder.AddPostgresWhenConfigured())
        {
            services.AddSingleton<IConversationTurnLock, InProcessConversationTurnLock>();
            services.AddSingleton<IStorage>(sp => new SqliteStorage(
                ResolveConnectionString(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, builder.Environment.ContentRootPath),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<SalesBotMetrics>()));
        }

        // One loop sweeps what expires: conversation state idle past its retention (whichever store holds it), and the
        // jobs registered below (handoff timeouts and transcripts, Direct Line conversations).
        services.AddSingleton<ISweepJob, StateSweeper>();
        services.AddSingleton<ISweepJob, DirectLineSweeper>();
        services.AddSingleton<SweepLoop>();
        services.AddHostedService(sp => sp.GetRequiredService<SweepLoop>());

        // In a Teams channel or group chat each user keeps their own state (see GroupAwareConversationState).
        services.AddSingleton<ConversationState, GroupAwareConversationState>();
        services.AddSingleton<UserState>();

        // The ordering service (embedded SQLite unless a remote URL is configured) and the sales conversation.
        services.AddOrdering(builder.Configuration);
        services.AddSingleton<ICardAddedNotifier, ProactiveCardAddedNotifier>();
        // The notifier moves the payment step on by itself, so the chat does not ask the customer to type "done".
        services.AddSingleton(new CardPageFollowUp(ContinuesConversation: true));
        services.AddSalesDialogs();
        // Notices in the conversation where an order was placed, when it ships or is delivered.
        builder.AddOrderNotices();
        services.AddSingleton<ICustomerIdentityResolver, ChannelIdentityResolver>();
        services.AddSingleton<IDemoUserDirectory, OrderingDemoUserDirectory>();
        services.AddSingleton(sp => new DialogRunner(
            sp.GetRequiredService<SalesDialog>(),
            sp.GetRequiredService<ConversationState>().Property<DialogState>("dialogState"),
            new DialogRunnerOptions { FlowVersion = builder.Configuration["SalesBot:Dialogs:FlowVersion"] ?? "1" },
            sp.GetRequiredService<ILogger<DialogRunner>>()));
        services.AddSingleton<IBot, Bots.SalesBot>();
        services.AddHealthChecks();
        builder.AddWebChat();
        builder.AddHandoff();
        // Turn and ordering telemetry, readiness (/readyz) and the shutdown timeout; OTLP export when configured.
        builder.AddObservability();
        // Last: the fast reply path and the load-test baselines decorate what is registered above.
        builder.AddPerformance();
        return builder;
    }

    /// <summary>
    /// The one settings file sits at the repository root and is copied next to the host's binaries; load it
    /// first so that environment-specific files, environment variables and the command line override it.
    /// </summary>
    private static void AddSettingsFile(this WebApplicationBuilder builder)
    {
        var source = new JsonConfigurationSource
        {
            Path = "appsettings.json",
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        builder.Configuration.Sources.Insert(0, source);
    }

    private static void UseDefaultUrl(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) &&
            string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_HTTP_PORTS"]) &&
            string.IsNullOrEmpty(builder.Configuration["Kestrel:Endpoints:Http:Url"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }

    /// <summary>
    /// The proxy in front (deployment/nginx) says which scheme, host and client address the customer used. The host
    /// matters where a proxy rewrites Host (a CDN or front door in front of App Service): the Web Chat page's Direct Line
    /// address and stream URL are built from it.
    /// </summary>
    internal static void ConfigureForwardedHeaders(ForwardedHeadersOptions forwarded, HostOptions host)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        foreach (var proxy in host.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()))
        {
            if (System.Net.IPNetwork.TryParse(proxy, out var network) && proxy.Contains('/', StringComparison.Ordinal))
            {
                forwarded.KnownIPNetworks.Add(network);
            }
            else if (System.Net.IPAddress.TryParse(proxy, out var address))
            {
                forwarded.KnownProxies.Add(address);
            }
        }
    }

    private static bool IsProxyAddress(string proxy) =>
        string.IsNullOrWhiteSpace(proxy)
        || (proxy.Contains('/', StringComparison.Ordinal) ? System.Net.IPNetwork.TryParse(proxy.Trim(), out _) : System.Net.IPAddress.TryParse(proxy.Trim(), out _));

    private static TimeProvider CreateClock(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ClockOptions>>().Value;
        return options.TryGetPinnedNow(out var now) ? new PinnedTimeProvider(now, TimeProvider.System) : TimeProvider.System;
    }

    internal static string ResolveConnectionString(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource) && !Path.IsPathRooted(builder.DataSource))
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }

        return builder.ToString();
    }
}
