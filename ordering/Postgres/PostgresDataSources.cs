using System.Data.Common;
using Npgsql;

namespace My8x8.SalesBot.Ordering.Postgres;

/// <summary>
/// The connection pools the bot opens on PostgreSQL. A turn opens a pooled connection for each read and write (its
/// state, the ordering service, the handoff store: some twenty-five per sales turn), so two of Npgsql's defaults cost
/// the server more than the statements themselves: every open ran <c>DISCARD ALL</c> first, which also dropped the
/// connection's prepared statements, so each statement was parsed and planned again. The bot's pools therefore prepare
/// the statements they run often (<c>Max Auto Prepare</c>, <c>Auto Prepare Min Usages</c>) and skip the reset
/// (<c>No Reset On Close</c>): nothing the bot does leaves session state on a pooled connection — its advisory locks
/// are transaction-scoped or unlocked in a <c>finally</c>, and the turn lock's <c>lock_timeout</c> is reset in the
/// command that set it. A pool whose connections do leave session settings behind keeps the reset
/// (<c>resetOnClose</c>). A connection string that sets any of these keeps its own value.
/// </summary>
public static class PostgresDataSources
{
    /// <summary>Distinct statements a connection keeps prepared (the bot runs about a hundred; the rarest are evicted).</summary>
    public const int MaxAutoPrepare = 128;

    /// <summary>How often a statement runs on a connection before it is prepared there.</summary>
    public const int AutoPrepareMinUsages = 2;

    /// <summary>
    /// A data source on <paramref name="connectionString"/> with the bot's pool settings, its sessions named for what
    /// they serve: the string's Application Name (else "my8x8-salesbot") and <paramref name="suffix"/>.
    /// <paramref name="resetOnClose"/> keeps Npgsql's reset for a pool whose connections change session settings.
    /// </summary>
    public static NpgsqlDataSource Create(string connectionString, string suffix, bool resetOnClose = false)
    {
        var set = SetKeywords(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.ApplicationName = (string.IsNullOrEmpty(settings.ApplicationName) ? "my8x8-salesbot" : settings.ApplicationName) + suffix;

        if (!set.Contains("maxautoprepare"))
        {
            settings.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!set.Contains("autoprepareminusages"))
        {
            settings.AutoPrepareMinUsages = AutoPrepareMinUsages;
        }

        if (!set.Contains("noresetonclose"))
        {
            settings.NoResetOnClose = !resetOnClose;
        }

        return builder.Build();
    }

    /// <summary>The keywords the connection string sets, lower case and without spaces ("Max Auto Prepare" → maxautoprepare).</summary>
    private static HashSet<string> SetKeywords(string connectionString)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return [.. parsed.Keys.Cast<string>().Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())];
    }
}
