using System.Globalization;
using Npgsql;

namespace My8x8.SalesBot.Load;

/// <summary>
/// A schema of its own for one load run on the throwaway test server (SALESBOT_TEST_POSTGRES, the one the PostgreSQL
/// tests use), selected with Search Path and dropped at the end, so runs never see each other's or the tests' tables.
/// </summary>
internal sealed class PostgresSchema : IAsyncDisposable
{
    public const string Variable = "SALESBOT_TEST_POSTGRES";

    private readonly string _server;

    private PostgresSchema(string server, string name)
    {
        _server = server;
        Name = name;
        // The application name tells this run's sessions apart in pg_stat_activity (wait events while profiling).
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = name, ApplicationName = "salesbot-load" }.ConnectionString;
    }

    public string Name { get; }

    /// <summary>The server's connection string with Search Path set to this run's schema.</summary>
    public string ConnectionString { get; }

    public static string? Server => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static async Task<PostgresSchema> CreateAsync(string server, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"load_{Guid.NewGuid():N}");
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"CREATE SCHEMA {name}", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new PostgresSchema(server, name);
    }

    public async ValueTask DisposeAsync()
    {
        // The host has exited by now; its pooled connections are gone with it, so nothing holds the schema.
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Name} CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }
}
