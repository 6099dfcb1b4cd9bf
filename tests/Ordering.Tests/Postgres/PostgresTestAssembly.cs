// PostgreSQL tests skip, saying how to run them, when no server is configured (tests/Shared/Postgres).
[assembly: TestFramework("My8x8.SalesBot.Tests.Postgres.PostgresTestFramework", "My8x8.SalesBot.Ordering.Tests")]
