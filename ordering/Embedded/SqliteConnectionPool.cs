using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace My8x8.SalesBot.Ordering.Embedded;

/// <summary>
/// Open SQLite connections kept for reuse together with their prepared statements. Microsoft.Data.Sqlite prepares
/// every command's SQL anew (parsing and planning it in SQLite) and finalizes it when the command or the connection
/// is closed, so a call that runs five statements pays for five preparations; here a connection stays open and each
/// distinct statement is prepared once per connection and then only reset and re-bound.
/// </summary>
internal sealed class SqliteConnectionPool(string connectionString, Func<SqliteConnection, Task> configure, int maxIdle = 8) : IDisposable
{
    private readonly ConcurrentBag<PreparedConnection> _idle = [];
    private int _idleCount;
    private volatile bool _disposed;

    public async Task<PreparedConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var idle))
        {
            Interlocked.Decrement(ref _idleCount);
            return idle;
        }

        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await configure(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return new PreparedConnection(connection);
    }

    /// <summary>
    /// Gives a connection back. One that failed with a database error is closed instead, as is any beyond the
    /// idle bound or after <see cref="Clear"/>.
    /// </summary>
    public void Return(PreparedConnection connection, bool healthy)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (healthy && !_disposed && Interlocked.Increment(ref _idleCount) <= maxIdle)
        {
            _idle.Add(connection);
            return;
        }

        if (healthy && !_disposed)
        {
            Interlocked.Decrement(ref _idleCount);
        }

        connection.Dispose();
    }

    /// <summary>Closes the idle connections (so the file can be deleted, or after a failure).</summary>
    public void Clear()
    {
        while (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            connection.Dispose();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        Clear();
    }
}

/// <summary>An open connection and the commands prepared on it, by SQL text. Used by one operation at a time.</summary>
internal sealed class PreparedConnection(SqliteConnection connection) : IDisposable
{
    // A bound on distinct statements per connection, in case SQL were ever built dynamically.
    private const int MaxCommands = 128;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>The command for <paramref name="sql"/>, prepared on first use, with no parameters; null when the cache is full.</summary>
    public DbCommand? Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
            return command;
        }

        if (_commands.Count >= MaxCommands)
        {
            return null;
        }

        command = connection.CreateCommand();
        command.CommandText = sql;
        _commands[sql] = command;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }
}
