using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Extensions;
using My8x8.SalesBot.Funnel;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Handoff;

internal static class HandoffExtensions
{
    /// <summary>Live-agent handoff: the store, the transcript, the handoff the dialogs call, the agent console's sign-in and the sweep.</summary>
    public static WebApplicationBuilder AddHandoff(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAgentQuickReplies();
        // SQLite unless a shared store (PostgreSQL) was registered before.
        services.TryAddSingleton<IHandoffStore>(sp => new SqliteHandoffStore(ConnectionString(
            sp.GetRequiredService<IOptions<HandoffOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            builder.Environment.ContentRootPath)));
        // In-process unless another instance must hear of changes (PostgreSQL LISTEN/NOTIFY, registered before).
        services.TryAddSingleton<IAgentFeedNotifier, SingleInstanceAgentFeedNotifier>();
        services.AddSingleton<AgentFeed>();
        services.AddSalesFunnelStore(builder.Environment.ContentRootPath);
        services.AddSingleton<ISweepJob, SalesFunnelSweeper>();
        services.AddSingleton<TranscriptMiddleware>();
        services.AddSingleton<TypingThrottle>();
        services.AddSingleton<TypingRelayMiddleware>();
        services.AddSingleton<HandoffContextBuilder>();
        services.AddSingleton<CallbackRecognizer>();
        services.AddSingleton<CallbackDialog>();
        // Beside the sales stack ("dialogState"), which stays as it was while the callback is taken.
        services.AddSingleton(sp => new CallbackCapture(
            sp.GetRequiredService<CallbackDialog>(),
            sp.GetRequiredService<ConversationState>().Property<DialogState>(CallbackCapture.StateProperty)));
        services.AddSingleton<LiveAgentHandoffService>();
        // Replaces the phone-only default that AddSalesDialogs registers.
        services.AddSingleton<IHandoffService>(sp => sp.GetRequiredService<LiveAgentHandoffService>());
        services.AddSingleton<HandoffTurnHandler>();
        services.AddSingleton<AgentDesk>();
        services.AddSingleton<HandoffSweeper>();
        services.AddSingleton<ISweepJob>(sp => sp.GetRequiredService<HandoffSweeper>());
        services.AddSingleton<AgentSignInThrottle>();
        // The console and its sign-in form are Razor components their endpoints render on the server.
        services.AddRazorComponents();
        services.AddAgentAuthentication(builder.Configuration, builder.Environment);
        return builder;
    }

    /// <summary>
    /// Several instances on one PostgreSQL database: handoffs, transcripts and callbacks in it, console changes announced
    /// to every instance with LISTEN/NOTIFY, and the Data Protection keys behind console cookies and antiforgery tokens
    /// kept in it (unless SalesBot:DataProtection:KeysPath names a shared folder). Called before <see cref="AddHandoff"/>.
    /// </summary>
    public static IServiceCollection AddPostgresHandoff(this IServiceCollection services)
    {
        services.AddSingleton<IHandoffStore, PostgresHandoffStore>();
        services.AddSingleton<ISalesFunnelStore, PostgresSalesFunnelStore>();

        services.AddSingleton<PostgresAgentFeedChannel>();
        services.AddSingleton<PostgresAgentFeedNotifier>();
        services.AddSingleton<IAgentFeedNotifier>(sp => sp.GetRequiredService<PostgresAgentFeedNotifier>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresAgentFeedNotifier>());
        services.AddSingleton<PostgresAgentFeedListener>();
        services.AddHostedService(sp => sp.GetRequiredService<PostgresAgentFeedListener>());

        // Registered before AddAgentAuthentication's PersistKeysToFileSystem, which therefore wins when a folder is configured.
        services.AddSingleton<PostgresDataProtectionKeys>();
        services.AddOptions<KeyManagementOptions>().Configure<PostgresDataProtectionKeys>((options, keys) => options.XmlRepository = keys);
        return services;
    }

    /// <summary>The configured connection string, or handoff.db beside the conversation state database.</summary>
    internal static string ConnectionString(HandoffOptions handoff, StorageOptions storage, string contentRoot)
    {
        if (!string.IsNullOrWhiteSpace(handoff.ConnectionString))
        {
            return SalesBotServiceExtensions.ResolveConnectionString(handoff.ConnectionString, contentRoot);
        }

        var state = new SqliteConnectionStringBuilder(SalesBotServiceExtensions.ResolveConnectionString(storage.ConnectionString, contentRoot));
        var folder = state.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(state.DataSource)
            ? Path.Combine(contentRoot, "data")
            : Path.GetDirectoryName(Path.GetFullPath(state.DataSource)) ?? contentRoot;
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "handoff.db") }.ToString();
    }

    /// <summary>The agent console at /agent and its API under /agent/api.</summary>
    public static WebApplication MapHandoff(this WebApplication app) => app.MapAgentConsole().MapSupervisor();
}
