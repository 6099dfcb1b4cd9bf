using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace My8x8.SalesBot.Ordering.Embedded;

/// <summary>The embedded ordering service on a SQLite file (the default): created and seeded on first use.</summary>
public sealed class SqliteOrderingService(IOptions<OrderingOptions> options, TimeProvider time, ILogger<SqliteOrderingService> logger)
    : EmbeddedOrderingService(options.Value, new SqliteOrderingDatabase(options.Value.DatabasePath, options.Value.LoadTestUsers), time, logger)
{
    internal string DatabasePath => ((SqliteOrderingDatabase)Database).Path;

    internal void ReleaseDatabaseFile() => ((SqliteOrderingDatabase)Database).ClearPool();
}
