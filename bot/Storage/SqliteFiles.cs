using Microsoft.Data.Sqlite;

namespace My8x8.SalesBot.Storage;

/// <summary>What every SQLite store of the host does first: pooled connections, and the file's folder created on first run.</summary>
internal static class SqliteFiles
{
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
}
