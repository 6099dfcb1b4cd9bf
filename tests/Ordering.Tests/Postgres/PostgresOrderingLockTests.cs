using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Ordering.Payments;
using My8x8.SalesBot.Ordering.Postgres;
using My8x8.SalesBot.Tests.Postgres;
using Npgsql;

namespace My8x8.SalesBot.Ordering.Tests.Postgres;

/// <summary>
/// How ordering writes on PostgreSQL wait for each other: one account's writes one at a time, other accounts' beside
/// them, and the rules across accounts held by unique keys. The test holds the locks (or an uncommitted row) from a
/// session of its own and learns from the server when a write is waiting for it (<c>pg_blocking_pids</c>), so the races
/// happen in a known order, without sleeps.
/// </summary>
public sealed class PostgresOrderingLockTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(OrderingHarness.Start);
    private PostgresTestDatabase? _database;
    private PostgresOrderingService? _ordering;

    private PostgresOrderingService Ordering => _ordering!;

    private static CancellationToken Ct => CancellationToken.None;

    public async Task InitializeAsync()
    {
        if (PostgresTestDatabase.SkipReason is not null)
        {
            return;
        }

        _database = await PostgresTestDatabase.CreateAsync();
        _ordering = new PostgresOrderingService(
            Microsoft.Extensions.Options.Options.Create(new OrderingOptions { PostgresConnectionString = _database.ConnectionString }), _time,
            NullLogger<PostgresOrderingService>.Instance);
        // Schema and seed data in place before a test holds any lock.
        await _ordering.GetCatalogAsync(Ct);
    }

    public void Dispose() => _ordering?.Dispose();

    public async Task DisposeAsync()
    {
        // The service's pooled connections go first, so nothing holds the schema while it is dropped.
        _ordering?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task A_read_in_one_command_sees_one_snapshot_although_a_write_commits_between_its_statements()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        // Such a read's BEGIN and COMMIT are statements of its one command: only the REPEATABLE READ it begins keeps the
        // second statement from seeing what committed after the first.
        using var database = new PostgresOrderingDatabase(_database!.ConnectionString, loadTestUsers: 0);
        await using var holder = await HolderAsync();
        const long Gate = 0x5a1e5b07;
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({Gate})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        var read = database.ReadInOneCommandAsync(async s =>
        {
            await using var results = await s.QueryManyAsync(
                $"SELECT count(*) FROM terms; SELECT pg_advisory_xact_lock({Gate}); SELECT count(*) FROM terms");
            var before = (await results.ReadAsync(r => r.GetInt64(0)))[0];
            await results.ReadAsync(_ => 0);
            return (Before: before, After: (await results.ReadAsync(r => r.GetInt64(0)))[0]);
        }, Ct);
        await WaitUntilBlockedAsync(holder, 1, read);

        await using (var insert = new NpgsqlCommand(
            "INSERT INTO terms (version, effective_at, summary, body) VALUES ('2099-01', '2099-01-01T00:00:00.0000000+00:00', 'Later terms', 'Later terms.'); "
            + $"SELECT pg_advisory_unlock({Gate})", holder))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var (countBefore, countAfter) = await read.WaitAsync(Bound);
        Assert.Equal(countBefore, countAfter);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM terms", holder);
        Assert.Equal(countBefore + 1, (long)(await count.ExecuteScalarAsync())!);
    }

    [SkippableFact]
    public async Task A_refused_write_or_read_leaves_no_transaction_open_and_no_lock_held_on_its_pooled_connection()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        // A write's BEGIN is SQL of its first command, so a refusal after it leaves the rollback to the pool. One pooled
        // connection, so the next call gets that same session back.
        var single = new NpgsqlConnectionStringBuilder(_database!.ConnectionString) { MaxPoolSize = 1, ApplicationName = "refusal-test" }.ConnectionString;
        using var ordering = new PostgresOrderingService(
            Microsoft.Extensions.Options.Options.Create(new OrderingOptions { PostgresConnectionString = single }), _time, NullLogger<PostgresOrderingService>.Instance);
        var cart = await ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);

        var refused = await Assert.ThrowsAsync<OrderingException>(() => ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "NO-SUCH-SKU", 1, Ct));
        // A read refused halfway through its command (its BEGIN sent, its COMMIT not yet read) leaves nothing open either.
        var unknown = await Assert.ThrowsAsync<OrderingException>(() => ordering.GetCardsAsync("nobody-at-all", Ct));

        Assert.Equal(OrderingError.UnknownSku, refused.Error);
        Assert.Equal(OrderingError.UnknownUser, unknown.Error);
        await using var holder = await HolderAsync();
        await using (var open = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name LIKE 'refusal-test%' AND state LIKE 'idle in transaction%'", holder))
        {
            Assert.Equal(0L, (long)(await open.ExecuteScalarAsync())!);
        }

        await using (var tryLock = new NpgsqlCommand(
            $"SELECT pg_try_advisory_xact_lock({PostgresOrderingDatabase.AccountLockKeys.Replace("$user", "@user", StringComparison.Ordinal)})", holder))
        {
            tryLock.Parameters.AddWithValue("user", DemoUsers.Ava);
            Assert.True((bool)(await tryLock.ExecuteScalarAsync())!);
        }

        // The same session then writes for the account as usual.
        var added = await ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 1, Ct);
        Assert.Equal(1, Assert.Single(added.Items).Quantity);
    }

    [SkippableFact]
    public async Task Columns_a_later_release_adds_do_not_fail_the_statements_this_release_has_prepared()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        // A rolling upgrade: the new release's migration adds columns while this release's instances keep running with
        // their statements prepared. One pooled connection, and each call made three times, so they are prepared there.
        var single = new NpgsqlConnectionStringBuilder(_database!.ConnectionString) { MaxPoolSize = 1 }.ConnectionString;
        using var ordering = new PostgresOrderingService(
            Microsoft.Extensions.Options.Options.Create(new OrderingOptions { PostgresConnectionString = single }), _time, NullLogger<PostgresOrderingService>.Instance);
        async Task<Order> ShopAsync()
        {
            var cart = await ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);
            cart = await ordering.AddToCartAsync(DemoUsers.Ava, cart.Id, "X2-LINE", 1, Ct);
            await ordering.GetCatalogAsync(Ct);
            await ordering.CheckEligibilityAsync(DemoUsers.Ava, Ct);
            var card = (await ordering.GetCardsAsync(DemoUsers.Ava, Ct)).First(c => c.IsValid);
            var quote = await ordering.QuoteAsync(DemoUsers.Ava, cart.Id, card.Id, Ct);
            var terms = await ordering.GetTermsAsync(Ct);
            var order = await ordering.PlaceOrderAsync(
                new PlaceOrderRequest(DemoUsers.Ava, cart.Id, quote.Id, card.Id, terms.Version, _time.GetUtcNow()), Guid.NewGuid().ToString("N"), Ct);
            return await ordering.GetOrderForCartAsync(DemoUsers.Ava, cart.Id, Ct) ?? order;
        }

        for (var i = 0; i < 3; i++)
        {
            await ShopAsync();
        }

        await using (var holder = await HolderAsync())
        await using (var migrate = new NpgsqlCommand(
            string.Concat(new[] { "carts", "cart_items", "products", "cards", "quotes", "orders", "order_items", "order_events", "order_shipments", "shipping_methods", "terms", "plan_features" }
                .Select(table => $"ALTER TABLE {table} ADD COLUMN later_release text; ")), holder))
        {
            await migrate.ExecuteNonQueryAsync();
        }

        var after = await ShopAsync();
        Assert.Equal(OrderStatus.Placed, after.Status);
    }

    [SkippableFact]
    public async Task A_cart_change_of_one_account_does_not_wait_for_another_accounts_write()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        var avaCart = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);
        var kimCart = await Ordering.GetOpenCartAsync(DemoUsers.Kim, Ct);
        await using var holder = await HolderAsync();
        await LockAccountOfAsync(holder, DemoUsers.Ava);

        var avaAdds = Ordering.AddToCartAsync(DemoUsers.Ava, avaCart.Id, "X2-LINE", 1, Ct);
        await WaitUntilBlockedAsync(holder, 1, avaAdds);

        // Kim's account is another one: her change goes through while Ava's still waits.
        var kims = await Ordering.AddToCartAsync(DemoUsers.Kim, kimCart.Id, "X4-LINE", 2, Ct).WaitAsync(Bound);
        Assert.Equal(2, Assert.Single(kims.Items).Quantity);
        Assert.False(avaAdds.IsCompleted);

        await UnlockAllAsync(holder);
        Assert.Equal(1, Assert.Single((await avaAdds.WaitAsync(Bound)).Items).Quantity);
    }

    [SkippableFact]
    public async Task Two_first_looks_at_one_users_cart_that_race_open_one_cart()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        await using var holder = await HolderAsync();
        await LockAccountOfAsync(holder, DemoUsers.Ava);

        // Both see no cart in their read and go on to create one; both then wait for Ava's account.
        var first = Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);
        var second = Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);
        await WaitUntilBlockedAsync(holder, 2, first, second);
        await UnlockAllAsync(holder);

        var carts = await Task.WhenAll(first, second).WaitAsync(Bound);
        Assert.Equal(carts[0].Id, carts[1].Id);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM carts WHERE user_id = @u AND status = 'Open'", DemoUsers.Ava));
    }

    [SkippableFact]
    public async Task Two_orders_of_one_cart_that_race_place_one_order()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava);
        await using var holder = await HolderAsync();
        await LockAccountOfAsync(holder, DemoUsers.Ava);

        var attempts = new[] { Attempt(() => Ordering.PlaceOrderAsync(Request(DemoUsers.Ava, cart, quote), NewKey(), Ct)), Attempt(() => Ordering.PlaceOrderAsync(Request(DemoUsers.Ava, cart, quote), NewKey(), Ct)) };
        await WaitUntilBlockedAsync(holder, 2, attempts);
        await UnlockAllAsync(holder);

        var outcomes = await Task.WhenAll(attempts).WaitAsync(Bound);
        var placed = Assert.Single(outcomes, o => o.Order is not null).Order!;
        Assert.Equal(OrderingError.CartNotOpen, Assert.Single(outcomes, o => o.Order is null).Error);
        Assert.Equal(placed.Number, Assert.Single(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct)).Number);
        // The account grew once: two new lines, not four.
        Assert.Equal(10L, await ScalarAsync<long>("SELECT a.lines::bigint FROM accounts a JOIN users u ON u.account_id = a.id WHERE u.id = @u", DemoUsers.Ava));
    }

    [SkippableFact]
    public async Task An_idempotency_key_another_account_is_committing_is_refused_as_reused_and_nothing_is_ordered()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        var (kimCart, kimQuote) = await ReadyAsync(DemoUsers.Kim);
        var kimsOrder = await Ordering.PlaceOrderAsync(Request(DemoUsers.Kim, kimCart, kimQuote, "card-orchid-visa"), NewKey(), Ct);
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava);
        var key = NewKey();

        // Another account's order takes the key in a transaction not yet committed (the test plays that order's
        // transaction). Ava's order with the same key does not see it, writes everything and then waits on the key.
        await using var holder = await HolderAsync();
        await using var other = await holder.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO idempotency_keys (key, request_hash, order_number, created_at) VALUES (@k, 'another request', @n, '2026-03-10T17:00:00.0000000Z')", holder, other))
        {
            insert.Parameters.AddWithValue("k", key);
            insert.Parameters.AddWithValue("n", kimsOrder.Number);
            await insert.ExecuteNonQueryAsync();
        }

        var avas = Attempt(() => Ordering.PlaceOrderAsync(Request(DemoUsers.Ava, cart, quote), key, Ct));
        await WaitUntilBlockedAsync(holder, 1, avas);
        await other.CommitAsync();

        var outcome = await avas.WaitAsync(Bound);
        Assert.Equal(OrderingError.IdempotencyKeyReused, outcome.Error);
        Assert.Empty(await Ordering.GetOrdersAsync(DemoUsers.Ava, Ct));
        Assert.Equal(cart.Id, (await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct)).Id);
        Assert.Equal(8L, await ScalarAsync<long>("SELECT a.lines::bigint FROM accounts a JOIN users u ON u.account_id = a.id WHERE u.id = @u", DemoUsers.Ava));
    }

    [SkippableFact]
    public async Task A_write_beyond_one_account_and_the_accounts_writes_wait_for_each_other()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        var link = await Ordering.CreateCardSetupLinkAsync(DemoUsers.Ava, null, Ct);
        var token = System.Web.HttpUtility.ParseQueryString(link.Url.Query)["token"];
        var kimCart = await Ordering.GetOpenCartAsync(DemoUsers.Kim, Ct);
        await using var holder = await HolderAsync();

        // An account's write in progress holds the schema's lock shared: using a card link (any account) waits for it.
        await LockSchemaAsync(holder, "pg_advisory_lock_shared");
        var addCard = Ordering.AddCardWithSetupLinkAsync(token, new ValidatedCard("Visa", "4242", 12, 2031), Ct);
        await WaitUntilBlockedAsync(holder, 1, addCard);
        await UnlockAllAsync(holder);
        Assert.Equal(DemoUsers.Ava, (await addCard.WaitAsync(Bound)).UserId);

        // A schema-wide write in progress holds it exclusively: every account's write waits for it.
        await LockSchemaAsync(holder, "pg_advisory_lock");
        var kimAdds = Ordering.AddToCartAsync(DemoUsers.Kim, kimCart.Id, "X2-LINE", 1, Ct);
        await WaitUntilBlockedAsync(holder, 1, kimAdds);
        await UnlockAllAsync(holder);
        Assert.Equal(1, Assert.Single((await kimAdds.WaitAsync(Bound)).Items).Quantity);
    }

    [SkippableFact]
    public async Task The_order_schedule_waits_only_for_the_account_of_the_order_it_moves_and_holds_back_no_other_account()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        var (kimCart, kimQuote) = await ReadyAsync(DemoUsers.Kim);
        var kimsOrder = await Ordering.PlaceOrderAsync(Request(DemoUsers.Kim, kimCart, kimQuote, "card-orchid-visa"), NewKey(), Ct);
        var (avaCart, avaQuote) = await ReadyAsync(DemoUsers.Ava);
        var avasOrder = await Ordering.PlaceOrderAsync(Request(DemoUsers.Ava, avaCart, avaQuote), NewKey(), Ct);
        var avasNewCart = await Ordering.GetOpenCartAsync(DemoUsers.Ava, Ct);
        _time.Advance(new OrderingOptions().Lifecycle.ProcessingAfter);

        // A write of Kim's account is in progress (it holds the schema's lock shared and her account's lock).
        await using var holder = await HolderAsync();
        await LockSchemaAsync(holder, "pg_advisory_lock_shared");
        await LockAccountOfAsync(holder, DemoUsers.Kim);
        var schedule = Ordering.AdvanceDueOrdersAsync(Ct);
        await WaitUntilBlockedAsync(holder, 1, schedule);

        // The schedule waits for Kim's order only: Ava's turn is not held back behind it (a schema-wide write
        // waiting here would hold back every account's write). Both orders (lines only) then become active, once.
        var avaAdds = await Ordering.AddToCartAsync(DemoUsers.Ava, avasNewCart.Id, "X2-LINE", 1, Ct).WaitAsync(Bound);
        Assert.Equal(1, Assert.Single(avaAdds.Items).Quantity);
        Assert.False(schedule.IsCompleted);

        await UnlockAllAsync(holder);
        Assert.Equal(2, await schedule.WaitAsync(Bound));
        Assert.Equal(OrderStatus.Active, (await Ordering.GetOrderAsync(kimsOrder.Number, Ct))!.Status);
        Assert.Equal(OrderStatus.Active, (await Ordering.GetOrderAsync(avasOrder.Number, Ct))!.Status);
        Assert.Equal(0, await Ordering.AdvanceDueOrdersAsync(Ct));
    }

    private async Task<NpgsqlConnection> HolderAsync()
    {
        var connection = new NpgsqlConnection(_database!.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Takes the lock the ordering service's writes for <paramref name="userId"/>'s account take, for this session.</summary>
    private static async Task LockAccountOfAsync(NpgsqlConnection holder, string userId)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresOrderingDatabase.AccountLockKeys.Replace("$user", "@user", StringComparison.Ordinal)})", holder);
        command.Parameters.AddWithValue("user", userId);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task LockSchemaAsync(NpgsqlConnection holder, string function)
    {
        await using var command = new NpgsqlCommand($"SELECT {function}({PostgresOrderingDatabase.SchemaLockKey})", holder);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task UnlockAllAsync(NpgsqlConnection holder)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock_all()", holder);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Until the server reports <paramref name="count"/> sessions waiting for the holder's session. Each look is a
    /// round trip, nothing else paces it; a write that finishes instead of waiting fails the test at once.
    /// </summary>
    private static async Task WaitUntilBlockedAsync(NpgsqlConnection holder, int count, params Task[] writes)
    {
        var deadline = DateTime.UtcNow + Bound;
        await using var look = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE pg_backend_pid() = ANY(pg_blocking_pids(pid))", holder);
        while (Convert.ToInt64(await look.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) < count)
        {
            if (writes.FirstOrDefault(w => w.IsCompleted) is { } done)
            {
                await done;
                Assert.Fail("A write finished that should have waited for the lock held by the test.");
            }

            Assert.True(DateTime.UtcNow < deadline, $"Fewer than {count} writes waited for the test's session within {Bound}.");
        }
    }

    private async Task<T> ScalarAsync<T>(string sql, string userId)
    {
        await using var connection = await HolderAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("u", userId);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(Cart Cart, Quote Quote)> ReadyAsync(string userId)
    {
        var cart = await Ordering.GetOpenCartAsync(userId, Ct);
        cart = await Ordering.AddToCartAsync(userId, cart.Id, "X2-LINE", 2, Ct);
        return (cart, await Ordering.QuoteAsync(userId, cart.Id, null, Ct));
    }

    private PlaceOrderRequest Request(string userId, Cart cart, Quote quote, string? cardId = null) =>
        new(userId, cart.Id, quote.Id, cardId, "2025-11", _time.GetUtcNow());

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private static async Task<(Order? Order, OrderingError? Error)> Attempt(Func<Task<Order>> place)
    {
        try
        {
            return (await place(), null);
        }
        catch (OrderingException ex)
        {
            return (null, ex.Error);
        }
    }
}
