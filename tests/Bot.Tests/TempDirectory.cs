using Microsoft.Data.Sqlite;

namespace My8x8.SalesBot.Bot.Tests;

/// <summary>A folder for one test's SQLite files, removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("salesbot-tests-").FullName;

    public void Dispose()
    {
        // Pooled connections keep the files open until the pool lets go of them.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
