using System.Reflection;
using DbUp;
using DbUp.Builder;
using DbUp.Postgresql;
using Npgsql;

namespace My8x8.SalesBot.Migrations;

/// <summary>
/// One database's schema as numbered SQL scripts per dialect, embedded in <paramref name="scripts"/> under
/// <c>{folder}.Sqlite.</c> and <c>{folder}.Postgres.</c>, applied by DbUp, which records each applied script in
/// <paramref name="journalTable"/>. The ordering database and the bot's stores each have their own folder and journal,
/// so the scripts of one are never taken for the other's where they share a database (PostgreSQL). A database made by
/// any earlier release is brought up to date at start-up; a change to a schema is a new script in both dialects, never
/// an edit of one that has shipped.
/// </summary>
/// <param name="scripts">The assembly the scripts are embedded in.</param>
/// <param name="folder">The scripts' resource folder, as it appears in their manifest names (<c>.Embedded.Migrations</c>).</param>
/// <param name="journalTable">The table that records which scripts have run.</param>
/// <param name="database">What the database is, for the error an operator reads when an upgrade fails.</param>
public sealed class SchemaMigrations(Assembly scripts, string folder, string journalTable, string database)
{
    public const string Sqlite = "Sqlite";

    public const string Postgres = "Postgres";

    public string JournalTable => journalTable;

    /// <summary>Applies the SQLite scripts not yet applied to the file behind <paramref name="connectionString"/>.</summary>
    public IReadOnlyList<string> UpgradeSqlite(string connectionString) =>
        Run(DeployChanges.To.SqliteDatabase(connectionString).JournalToSqliteTable(journalTable), Sqlite);

    /// <summary>
    /// Applies the PostgreSQL scripts not yet applied to the connection string's (search path) schema. Callers that
    /// may start together serialize this with an advisory lock of their own (DbUp takes none).
    /// </summary>
    public IReadOnlyList<string> UpgradePostgres(string connectionString) =>
        Run(DeployChanges.To.PostgresqlDatabase(connectionString), Postgres);

    /// <inheritdoc cref="UpgradePostgres(string)"/>
    public IReadOnlyList<string> UpgradePostgres(NpgsqlDataSource dataSource) =>
        Run(DeployChanges.To.PostgresqlDatabase(new PostgresqlConnectionManager(dataSource)), Postgres);

    /// <summary>The script names of one dialect (<see cref="Sqlite"/> or <see cref="Postgres"/>), in the order they apply.</summary>
    public IReadOnlyList<string> ScriptNames(string dialect) =>
        [.. scripts.GetManifestResourceNames().Where(n => n.Contains(Folder(dialect), StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private string Folder(string dialect) => $"{folder}.{dialect}.";

    private List<string> Run(UpgradeEngineBuilder builder, string dialect)
    {
        var path = Folder(dialect);
        if (ScriptNames(dialect).Count == 0)
        {
            // A build that lost the scripts (an EmbeddedResource glob that matches nothing) must not start on an empty schema.
            throw new InvalidOperationException($"The {database} has no {dialect} schema scripts embedded under {path} in {scripts.GetName().Name}.");
        }

        if (dialect == Postgres)
        {
            // No schema: the journal lives in the search path's first schema, beside the tables.
            builder = builder.JournalToPostgresqlTable(null, journalTable);
        }

        var engine = builder
            .WithScriptsEmbeddedInAssembly(scripts, name => name.Contains(path, StringComparison.Ordinal))
            // Each script and its journal row commit together, so a failed upgrade leaves the last good version.
            .WithTransactionPerScript()
            // The scripts hold no $variables$; leave any dollar sign alone.
            .WithVariablesDisabled()
            .LogToNowhere()
            .Build();
        var result = engine.PerformUpgrade();
        return result.Successful
            ? [.. result.Scripts.Select(s => s.Name)]
            : throw new InvalidOperationException($"The {database} could not be upgraded at script {result.ErrorScript?.Name}: {result.Error.Message}", result.Error);
    }
}
