using Microsoft.Data.Sqlite;

namespace My8x8.SalesBot.Tests.Sqlite;

/// <summary>
/// A statement a test runs on a database file directly, beside the code under test: to change what a store holds, or
/// to make it refuse a write. Its own connection, not pooled, so nothing of the test's stays open on the file.
/// </summary>
internal static class SqliteFile
{
    /// <summary>Runs <paramref name="sql"/> on the file at <paramref name="path"/>; returns the rows it changed.</summary>
    public static async Task<int> ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }
}
