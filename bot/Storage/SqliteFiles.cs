using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Sqlite;

namespace My8x8.SalesBot.Storage;

/// <summary>What every SQLite store of the host does first: pooled connections, and the file's folder created on first run.</summary>
internal static class SqliteFiles
{
    // The native connections already set to synchronous = NORMAL. The pool hands the same native connection back
    // on every open, and the setting stays with it, so it is applied once instead of as one more statement per open.
    private static readonly ConditionalWeakTable<object, object> Tuned = [];

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Writers = new(StringComparer.Ordinal);

    /// <summary>
    /// The one queue of this process's writers to the file of <paramref name="connectionString"/>, whichever store
    /// writes it (the conversation state and the order notices share the state file). SQLite has one writer at a
    /// time: two stores queueing apart would meet in its lock, and Microsoft.Data.Sqlite's busy handling retries with
    /// 150 ms sleeps (placing an order recorded its conversation that way: p99 of that turn 626 ms under load).
    /// </summary>
    public static SemaphoreSlim Writer(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var file = builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:"
            ? builder.DataSource
            : Path.GetFullPath(builder.DataSource);
        return Writers.GetOrAdd(file, static _ => new SemaphoreSlim(1, 1));
    }

    public static string Prepare(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource))
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// WAL lets readers run beside the single writer. The setting is stored in the file; it cannot change inside a
    /// transaction, so it is set before the migrations run (each in its own).
    /// </summary>
    public static void UseWriteAheadLog(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Opens a pooled connection with synchronous = NORMAL: with WAL, NORMAL syncs at checkpoints instead of on
    /// every commit. A crash cannot corrupt the file; a power cut can lose the last commits.
    /// </summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ConfigureAsync(connection);
        return connection;
    }

    /// <summary>Connections kept open with their prepared statements, for the statements every turn runs.</summary>
    public static SqliteConnectionPool Pool(string connectionString) => new(connectionString, ConfigureAsync);

    private static async Task ConfigureAsync(SqliteConnection connection)
    {
        if (connection.Handle is { } handle && !Tuned.TryGetValue(handle, out _))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous = NORMAL";
            await command.ExecuteNonQueryAsync();
            Tuned.AddOrUpdate(handle, handle);
        }
    }
}
