using Microsoft.Bot.Builder;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Observability;
using My8x8.SalesBot.Ordering;
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
        services.AddSingleton(_ =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            if (string.IsNullOrEmpty(dataSource.ConnectionStringBuilder.ApplicationName))
            {
                dataSource.ConnectionStringBuilder.ApplicationName = "my8x8-salesbot";
            }

            return dataSource.Build();
        });
        services.AddSingleton<PostgresSchema>();
        services.AddHostedService<PostgresSchemaInitializer>();
        services.AddSingleton<IStorage>(sp => new PostgresStorage(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<PostgresSchema>(), sp.GetRequiredService<SalesBotMetrics>()));
        services.AddSingleton<IConversationTurnLock, PostgresConversationTurnLock>();
        services.AddPostgresHandoff();
        return true;
    }
}
