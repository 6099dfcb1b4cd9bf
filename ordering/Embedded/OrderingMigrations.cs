using System.Reflection;
using DbUp;
using DbUp.Builder;

namespace My8x8.SalesBot.Ordering.Embedded;

/// <summary>
/// The ordering database's schema, as numbered SQL scripts per dialect (<c>Embedded/Migrations/Sqlite</c>,
/// <c>Embedded/Migrations/Postgres</c>) applied by DbUp, which records each applied script in its journal table
/// (<c>schemaversions</c>). A database made by any earlier release is brought up to date at start-up; a change
/// to the schema is a new script in both folders, never an edit of one that has shipped.
/// </summary>
internal static class OrderingMigrations
{
    private static readonly Assembly Scripts = typeof(OrderingMigrations).Assembly;

    /// <summary>Applies the SQLite scripts not yet applied to the file behind <paramref name="connectionString"/>.</summary>
    public static IReadOnlyList<string> UpgradeSqlite(string connectionString) =>
        Run(DeployChanges.To.SqliteDatabase(connectionString), ".Embedded.Migrations.Sqlite.");

    /// <summary>Applies the PostgreSQL scripts not yet applied to the connection string's (search path) schema.</summary>
    public static IReadOnlyList<string> UpgradePostgres(string connectionString) =>
        Run(DeployChanges.To.PostgresqlDatabase(connectionString), ".Embedded.Migrations.Postgres.");

    /// <summary>The script names of one dialect, in the order they apply.</summary>
    public static IReadOnlyList<string> ScriptNames(string dialect) =>
        [.. Scripts.GetManifestResourceNames().Where(n => n.Contains($".Embedded.Migrations.{dialect}.", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static List<string> Run(UpgradeEngineBuilder builder, string folder)
    {
        var engine = builder
            .WithScriptsEmbeddedInAssembly(Scripts, name => name.Contains(folder, StringComparison.Ordinal))
            // Each script and its journal row commit together, so a failed upgrade leaves the last good version.
            .WithTransactionPerScript()
            // The scripts hold no $variables$; leave any dollar sign alone.
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();
        var result = engine.PerformUpgrade();
        return result.Successful
            ? [.. result.Scripts.Select(s => s.Name)]
            : throw new InvalidOperationException($"The ordering database could not be upgraded at script {result.ErrorScript?.Name}: {result.Error.Message}", result.Error);
    }
}
