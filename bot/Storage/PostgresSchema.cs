using Npgsql;

namespace My8x8.SalesBot.Storage;

/// <summary>
/// Creates (and later migrates) the bot's PostgreSQL tables: state, handoffs. Runs once per process, at start-up
/// (<see cref="PostgresSchemaInitializer"/>) and again on first use if the database was unreachable then. Several
/// instances starting together are serialized by a transaction-scoped advisory lock, so the DDL never races.
/// </summary>
public sealed class PostgresSchema(NpgsqlDataSource dataSource, IEnumerable<PostgresSchemaPart> parts) : IDisposable
{
    // An arbitrary constant: the advisory lock key that serializes schema changes of every instance.
    private const long MigrationLockKey = 0x5A1E5B07_0000_0001;

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
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
            {
                lockCommand.Parameters.Add(new NpgsqlParameter { Value = MigrationLockKey });
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            foreach (var part in parts)
            {
                await using var command = new NpgsqlCommand(part.Sql, connection, transaction);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            _created = true;
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>A piece of the bot's PostgreSQL schema (idempotent DDL), contributed by a store that needs it.</summary>
public sealed record PostgresSchemaPart(string Name, string Sql);
