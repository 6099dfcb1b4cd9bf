namespace My8x8.SalesBot.Storage;

/// <summary>
/// Creates the PostgreSQL schema when the host starts, so a misconfigured database shows up in the first log lines.
/// A database that is down does not stop the host: it stays not ready (/readyz) and the schema is created on first use.
/// </summary>
internal sealed class PostgresSchemaInitializer(PostgresSchema schema, ILogger<PostgresSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await schema.EnsureCreatedAsync(cancellationToken);
            logger.LogInformation("PostgreSQL schema is up to date");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            logger.LogError(ex, "PostgreSQL is unreachable at start-up; the host is not ready until it is (the schema is created on first use)");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
