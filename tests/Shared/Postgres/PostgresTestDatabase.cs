using System.Globalization;
using Npgsql;

namespace My8x8.SalesBot.Tests.Postgres;

/// <summary>
/// A schema of its own on the test server (SALESBOT_TEST_POSTGRES), dropped afterwards: tests running in parallel
/// never see each other's tables. The connection string selects the schema with Search Path.
/// Without a server (SALESBOT_TEST_POSTGRES unset) the test that asks for one is skipped, saying how to run it: PostgreSQL
/// tests are <c>[SkippableFact]</c>s (Xunit.SkippableFact), including the contract suites they inherit.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    public const string Variable = "SALESBOT_TEST_POSTGRES";

    private PostgresTestDatabase(string schema, string connectionString)
    {
        Schema = schema;
        ConnectionString = connectionString;
    }

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string? SkipReason => ServerConnectionString is null
        ? $"No PostgreSQL server: {Variable} is not set. Run 'source .ci/postgres.sh' (installs Debian's postgresql if needed, starts a "
          + $"throwaway server on a free loopback port and sets {Variable}), or set {Variable} to a connection string of a database where tests may create schemas."
        : null;

    public string Schema { get; }

    /// <summary>The server's connection string with Search Path set to this test's schema.</summary>
    public string ConnectionString { get; }

    /// <summary>Skips the running test when no PostgreSQL server is configured.</summary>
    public static string SkipUnlessConfigured()
    {
        Skip.If(ServerConnectionString is null, SkipReason);
        return ServerConnectionString!;
    }

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var server = SkipUnlessConfigured();
        var schema = string.Create(CultureInfo.InvariantCulture, $"t_{Guid.NewGuid():N}");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema };
        return new PostgresTestDatabase(schema, builder.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var connection = new NpgsqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {Schema} CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // A schema left behind on a throwaway test server is harmless; failing the test for it would not be.
        }
    }
}
