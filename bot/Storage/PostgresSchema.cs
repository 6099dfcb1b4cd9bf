using Npgsql;

namespace My8x8.SalesBot.Storage;

/// <summary>
/// Brings the bot's PostgreSQL tables (state, handoffs, Data Protection keys, order notices) up to date with their migrations
/// (<see cref="StoreMigrations"/>). Runs once per process, at start-up (<see cref="PostgresSchemaInitializer"/>) and
/// again on first use if the database was unreachable then. Instances starting together migrate one after the other:
/// a session advisory lock (one per schema) is held while the scripts run, so each script runs once.
/// </summary>
public sealed class PostgresSchema(NpgsqlDataSource dataSource) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _created;

    public bool IsCreated => _created;

    public void Dispose() => _gate.Dispose();

    public async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_created)
            {
                return;
            }

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_lock(hashtext('salesbot-bot-schema:' || current_schema()))", connection))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            try
            {
                // DbUp is synchronous and runs on connections of its own; this happens once per process.
                await Task.Run(() =>
                {
                    foreach (var migrations in StoreMigrations.All)
                    {
                        migrations.UpgradePostgres(dataSource);
                    }
                }, cancellationToken);
            }
            finally
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtext('salesbot-bot-schema:' || current_schema()))", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }

            _created = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}
