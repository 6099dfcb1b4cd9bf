using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Ordering.Embedded;

namespace My8x8.SalesBot.Ordering.Postgres;

/// <summary>
/// The embedded ordering service on PostgreSQL, for several bot instances sharing one database: the same rules and
/// SQL as <see cref="SqliteOrderingService"/>, with the schema created and seeded at first use.
/// </summary>
public sealed class PostgresOrderingService(IOptions<OrderingOptions> options, TimeProvider time, ILogger<PostgresOrderingService> logger)
    : EmbeddedOrderingService(
        options.Value,
        new PostgresOrderingDatabase(
            options.Value.PostgresConnectionString is { Length: > 0 } connectionString
                ? connectionString
                : throw new InvalidOperationException("SalesBot:Ordering:PostgresConnectionString (or ConnectionStrings:SalesBot) is not set."),
            options.Value.LoadTestUsers),
        time,
        logger)
{
    /// <summary>Checks that the database answers and the schema is in place (readiness).</summary>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => ((PostgresOrderingDatabase)Database).IsReadyAsync(cancellationToken);
}
