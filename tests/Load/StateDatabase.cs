using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace My8x8.SalesBot.Load;

/// <summary>
/// Reads the host's conversation state where the host keeps it (the SQLite file or the run's PostgreSQL schema), for
/// the state-size probe. Read-only: the generator never changes what the host stores.
/// </summary>
internal abstract class StateDatabase
{
    /// <summary>Bytes a key's state takes (the value, its key and ETag), summed over the key and the keys under it.</summary>
    protected abstract string SizeSql { get; }

    protected abstract string AverageSql { get; }

    protected abstract string DataSql { get; }

    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    protected abstract void Add(DbCommand command, string name, string value);

    public async Task<long> BytesAsync(string key, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(SizeSql, cancellationToken, ("key", key), ("prefix", key + "/%")), CultureInfo.InvariantCulture);

    public async Task<string?> JsonAsync(string key, CancellationToken cancellationToken) =>
        await ScalarAsync(DataSql, cancellationToken, ("key", key)) as string;

    public async Task<double> AverageBytesAsync(string pattern, CancellationToken cancellationToken) =>
        Convert.ToDouble(await ScalarAsync(AverageSql, cancellationToken, ("pattern", pattern)), CultureInfo.InvariantCulture);

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params (string Name, string Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        return await command.ExecuteScalarAsync(cancellationToken);
    }
}

/// <summary>The host's SQLite state file, opened read-only.</summary>
internal sealed class SqliteStateDatabase(string path) : StateDatabase
{
    protected override string SizeSql => "SELECT COALESCE(SUM(length(CAST(data AS BLOB)) + length(key) + length(etag)), 0) FROM bot_state WHERE key = $key OR key LIKE $prefix";

    protected override string AverageSql => "SELECT COALESCE(AVG(length(CAST(data AS BLOB))), 0) FROM bot_state WHERE key LIKE $pattern";

    protected override string DataSql => "SELECT data FROM bot_state WHERE key = $key";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override void Add(DbCommand command, string name, string value) => ((SqliteCommand)command).Parameters.AddWithValue("$" + name, value);
}

/// <summary>The run's PostgreSQL schema (values measured as their text, as the host writes them).</summary>
internal sealed class PostgresStateDatabase(string connectionString) : StateDatabase
{
    protected override string SizeSql => "SELECT COALESCE(SUM(octet_length(data::text) + octet_length(key) + octet_length(etag)), 0) FROM bot_state WHERE key = @key OR key LIKE @prefix";

    protected override string AverageSql => "SELECT COALESCE(AVG(octet_length(data::text)), 0) FROM bot_state WHERE key LIKE @pattern";

    protected override string DataSql => "SELECT data::text FROM bot_state WHERE key = @key";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    protected override void Add(DbCommand command, string name, string value) => ((NpgsqlCommand)command).Parameters.AddWithValue(name, value);
}
