using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Funnel;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Handoff;

internal static class SalesFunnelExtensions
{
    /// <summary>The funnel's SQLite store (funnel.db beside the handoff database) unless a shared one (PostgreSQL) was registered before.</summary>
    public static IServiceCollection AddSalesFunnelStore(this IServiceCollection services, string contentRoot)
    {
        services.TryAddSingleton<ISalesFunnelStore>(sp => new SqliteSalesFunnelStore(ConnectionString(HandoffExtensions.ConnectionString(
            sp.GetRequiredService<IOptions<HandoffOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            contentRoot), contentRoot)));
        return services;
    }

    /// <summary>funnel.db in the handoff database's folder (the content root's data folder when that one is in memory).</summary>
    internal static string ConnectionString(string handoffConnectionString, string contentRoot)
    {
        var handoff = new SqliteConnectionStringBuilder(handoffConnectionString);
        var folder = handoff.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(handoff.DataSource) || handoff.DataSource == ":memory:"
            ? Path.Combine(contentRoot, "data")
            : Path.GetDirectoryName(Path.GetFullPath(handoff.DataSource)) ?? contentRoot;
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "funnel.db") }.ToString();
    }
}
