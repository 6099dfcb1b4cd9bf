using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace My8x8.SalesBot.Sqlite;

/// <summary>
/// Open SQLite connections kept for reuse together with their prepared statements (used by the embedded ordering
/// database and by the host's SQLite stores). Microsoft.Data.Sqlite prepares
/// every command's SQL anew (parsing and planning it in SQLite) and finalizes it when the command or the connection
/// is closed, so a call that runs five statements pays for five preparations; here a connection stays open and each
/// distinct statement is prepared once per connection and then only reset and re-bound.
/// </summary>
public sealed class SqliteConnectionPool(string connectionString, Func<SqliteConnection, Task> configure, int maxIdle = 8) : IDisposable
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
    /// Runs <paramref name="work"/> on one of the pool's connections. An exception from the work itself (a refusal,
    /// a cancellation) leaves the connection good for reuse once the work's transaction has rolled back; one that
    /// failed with a database error is closed rather than reused.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<PreparedConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var connection = await RentAsync(cancellationToken);
        var healthy = false;
        try
        {
            var result = await work(connection);
            healthy = true;
            return result;
        }
        catch (Exception ex) when (ex is not SqliteException)
        {
            healthy = true;
            throw;
        }
        catch (SqliteException ex) when (IsFileFailure(ex))
        {
            // The file itself failed under this connection (made read-only, unreadable, replaced): every open handle
            // to it, here and in Microsoft.Data.Sqlite's own pool, may be just as stale — one opened while the file was
            // read-only stays read-only for good. All are closed, so the next use opens the file afresh and the store
            // recovers by itself once access returns.
            Clear();
            SqliteConnection.ClearPool(connection.Connection);
            throw;
        }
        finally
        {
            Return(connection, healthy);
        }
    }

    private static bool IsFileFailure(SqliteException exception) => exception.SqliteErrorCode is
        3 /* SQLITE_PERM */ or 8 /* SQLITE_READONLY */ or 10 /* SQLITE_IOERR */ or 11 /* SQLITE_CORRUPT */ or 14 /* SQLITE_CANTOPEN */ or 26 /* SQLITE_NOTADB */;

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Func<PreparedConnection, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync<bool>(async connection =>
        {
            await work(connection);
            return true;
        }, cancellationToken);
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

/// <summary>
/// An open connection and the commands prepared on it, by SQL text. Used by one operation at a time. The SQL must be
/// constant text (values go in parameters), so the number of distinct commands stays that of the code's statements.
/// </summary>
public sealed class PreparedConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection => connection;

    /// <summary>
    /// The command for <paramref name="sql"/> in <paramref name="transaction"/> (or none), prepared on first use,
    /// with its parameters cleared. It belongs to this connection: execute it, do not dispose it.
    /// </summary>
    public SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            command.Parameters.Clear();
        }
        else
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = transaction;
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
