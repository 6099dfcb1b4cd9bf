using My8x8.SalesBot.Migrations;

namespace My8x8.SalesBot.Ordering.Embedded;

/// <summary>
/// The ordering database's schema: the scripts in <c>Embedded/Migrations/Sqlite</c> and <c>Embedded/Migrations/Postgres</c>,
/// journaled in <c>schemaversions</c> (see <see cref="SchemaMigrations"/>).
/// </summary>
internal static class OrderingMigrations
{
    private static readonly SchemaMigrations Scripts =
        new(typeof(OrderingMigrations).Assembly, ".Embedded.Migrations", "schemaversions", "ordering database");

    /// <summary>Applies the SQLite scripts not yet applied to the file behind <paramref name="connectionString"/>.</summary>
    public static IReadOnlyList<string> UpgradeSqlite(string connectionString) => Scripts.UpgradeSqlite(connectionString);

    /// <summary>Applies the PostgreSQL scripts not yet applied to the connection string's (search path) schema.</summary>
    public static IReadOnlyList<string> UpgradePostgres(string connectionString) => Scripts.UpgradePostgres(connectionString);

    /// <summary>The script names of one dialect, in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNames(string dialect) => Scripts.ScriptNames(dialect);
}
