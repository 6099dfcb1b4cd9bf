using Microsoft.Bot.Builder;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Ordering.Postgres;
using My8x8.SalesBot.Turns;
using Npgsql;

namespace My8x8.SalesBot.Storage;

internal static class PostgresServiceExtensions
{
    /// <summary>
    /// When "ConnectionStrings:SalesBot" is set, puts conversation and user state, the turn lock and the handoff store,
    /// the agent console's live feed and sign-in keys on PostgreSQL (the embedded ordering service follows the same
    /// setting, see AddOrdering) and returns true; otherwise
    /// registers nothing and returns false, and the embedded SQLite defaults apply.
    /// </summary>
    public static bool AddPostgresWhenConfigured(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(OrderingServiceCollectionExtensions.PostgresConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return false;
        }

        var services = builder.Services;
        services.AddSingleton(_ => PostgresDataSources.Create(connectionString, ""));
        services.AddSingleton<PostgresSchema>();
        services.AddHostedService<PostgresSchemaInitializer>();
        services.AddSingleton<IStorage>(sp => new PostgresStorage(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<PostgresSchema>(), sp.GetRequiredService<SalesBotMetrics>()));
        // The turn lock holds a connection for the whole turn while the turn opens others for its state, ordering and
        // handoff. From one pool, once as many turns were in flight as the pool has connections, every connection held
        // a lock and waited for a second one: no turn could finish until the pool's timeout failed them all. Its own
        // pool (same server and settings) lets the turns holding locks always get their other connections. Its waits
        // put lock_timeout back themselves, so it skips Npgsql's reset like the other pools.
        services.AddSingleton(_ => new TurnLockDataSource(PostgresDataSources.Create(connectionString, "-turn-locks")));
        services.AddSingleton<IConversationTurnLock>(sp => new PostgresConversationTurnLock(
            sp.GetRequiredService<TurnLockDataSource>().DataSource,
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TurnLockOptions>>(),
            sp.GetRequiredService<SalesBotMetrics>(),
            sp.GetRequiredService<ILogger<PostgresConversationTurnLock>>()));
        services.AddPostgresHandoff();
        return true;
    }
}

/// <summary>The turn lock's own connection pool (see AddPostgresWhenConfigured), disposed with the host.</summary>
internal sealed class TurnLockDataSource(NpgsqlDataSource dataSource) : IDisposable, IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    // Both, so a container disposed synchronously (some test hosts) does not refuse an async-only singleton.
    public void Dispose() => DataSource.Dispose();

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
