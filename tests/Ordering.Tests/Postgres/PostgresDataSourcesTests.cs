using My8x8.SalesBot.Ordering.Postgres;
using My8x8.SalesBot.Tests.Postgres;
using Npgsql;

namespace My8x8.SalesBot.Ordering.Tests.Postgres;

/// <summary>
/// The bot's pools on PostgreSQL: statements prepared once per connection and kept, no reset on return unless a pool
/// asks to keep it; and an operator's connection string keeps the say over each of these.
/// </summary>
public sealed class PostgresDataSourcesTests
{
    private const string Server = "Host=127.0.0.1;Port=5432;Username=salesbot;Password=x;Database=postgres";

    [Fact]
    public void The_bots_pools_prepare_what_they_run_often_and_skip_the_reset_unless_asked_to_keep_it()
    {
        using var pooled = PostgresDataSources.Create(Server, "-ordering");
        using var resetting = PostgresDataSources.Create(Server, "-resetting", resetOnClose: true);

        var settings = new NpgsqlConnectionStringBuilder(pooled.ConnectionString);
        Assert.Equal(PostgresDataSources.MaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal(PostgresDataSources.AutoPrepareMinUsages, settings.AutoPrepareMinUsages);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("my8x8-salesbot-ordering", settings.ApplicationName);

        var resetSettings = new NpgsqlConnectionStringBuilder(resetting.ConnectionString);
        Assert.False(resetSettings.NoResetOnClose);
        Assert.Equal("my8x8-salesbot-resetting", resetSettings.ApplicationName);
    }

    [Fact]
    public void A_connection_string_that_sets_the_pool_settings_keeps_its_own_values_whatever_their_spelling()
    {
        using var own = PostgresDataSources.Create(
            Server + ";max auto prepare=0;AutoPrepareMinUsages=7;No Reset On Close=false;Application Name=ops-west", "-ordering");

        var settings = new NpgsqlConnectionStringBuilder(own.ConnectionString);
        Assert.Equal(0, settings.MaxAutoPrepare);
        Assert.Equal(7, settings.AutoPrepareMinUsages);
        Assert.False(settings.NoResetOnClose);
        Assert.Equal("ops-west-ordering", settings.ApplicationName);
    }

    [SkippableFact]
    public async Task A_connection_goes_back_to_the_pool_with_its_prepared_statements_and_a_pool_asked_to_reset_still_resets_its_settings()
    {
        var server = PostgresTestDatabase.SkipUnlessConfigured();
        // One connection per pool, so the second open gets the same server session back.
        var single = new NpgsqlConnectionStringBuilder(server) { MaxPoolSize = 1 }.ConnectionString;

        // Skipping the reset shows as a session setting that outlives the borrower; auto-prepare as the statement
        // still prepared on the server for the next one.
        await using (var pooled = PostgresDataSources.Create(single, "-test"))
        {
            var (pid, _) = await UseAsync(pooled, "SELECT 1 WHERE $1 = 1", then: "SET lock_timeout = 1234");
            var (samePid, prepared) = await UseAsync(pooled, "SHOW lock_timeout", expect: "1234ms");
            Assert.Equal(pid, samePid);
            Assert.Contains("SELECT 1 WHERE $1 = 1", prepared);
        }

        await using var resetting = PostgresDataSources.Create(single, "-test", resetOnClose: true);
        long firstPid;
        await using (var connection = await resetting.OpenConnectionAsync())
        {
            firstPid = connection.ProcessID;
            await using var set = new NpgsqlCommand("SET lock_timeout = 1234", connection);
            await set.ExecuteNonQueryAsync();
        }

        await using (var connection = await resetting.OpenConnectionAsync())
        {
            await using var show = new NpgsqlCommand("SHOW lock_timeout", connection);
            Assert.Equal("0", (string?)await show.ExecuteScalarAsync());
            Assert.Equal(firstPid, connection.ProcessID);
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> three times on a pooled connection (checking its answer against <paramref name="expect"/>
    /// if given), then <paramref name="then"/>; returns its server session and what that session holds prepared.
    /// </summary>
    private static async Task<(int Pid, List<string> Prepared)> UseAsync(NpgsqlDataSource dataSource, string sql, string? expect = null, string? then = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var i = 0; i < 3; i++)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            if (sql.Contains("$1", StringComparison.Ordinal))
            {
                command.Parameters.Add(new NpgsqlParameter { Value = 1 });
            }

            var answer = await command.ExecuteScalarAsync();
            if (expect is not null)
            {
                Assert.Equal(expect, answer);
            }
        }

        var prepared = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT statement FROM pg_prepared_statements", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                prepared.Add(reader.GetString(0));
            }
        }

        if (then is not null)
        {
            await using var command = new NpgsqlCommand(then, connection);
            await command.ExecuteNonQueryAsync();
        }

        return (connection.ProcessID, prepared);
    }
}
