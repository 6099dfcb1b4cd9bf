using Microsoft.Extensions.Logging.Abstractions;
using My8x8.SalesBot.Ordering.Postgres;
using My8x8.SalesBot.Tests.Postgres;

namespace My8x8.SalesBot.Ordering.Tests.Postgres;

/// <summary>The whole ordering contract against the embedded service on PostgreSQL (a schema of its own per test).</summary>
public sealed class PostgresOrderingContractTests : OrderingContractTests, IAsyncLifetime
{
    private PostgresTestDatabase? _database;

    protected override async Task<OrderingHarness> CreateHarnessAsync()
    {
        _database = await PostgresTestDatabase.CreateAsync();
        var connectionString = _database.ConnectionString;
        return await OrderingHarness.EmbeddedAsync((options, time) =>
        {
            options.PostgresConnectionString = connectionString;
            return new PostgresOrderingService(Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<PostgresOrderingService>.Instance);
        });
    }

    [SkippableFact]
    public async Task Two_services_on_one_database_see_one_cart_and_place_one_order_for_one_idempotency_key()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        var options = new OrderingOptions { PostgresConnectionString = _database!.ConnectionString };
        using var other = new PostgresOrderingService(Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<PostgresOrderingService>.Instance);
        var (cart, quote) = await ReadyAsync(DemoUsers.Ava, ("X2-LINE", 2));
        Assert.Equal(cart.Id, (await other.GetOpenCartAsync(DemoUsers.Ava, Ct)).Id);
        var request = RequestFor(DemoUsers.Ava, cart, quote);
        var key = NewKey();

        var orders = await Task.WhenAll(
            Task.Run(() => Ordering.PlaceOrderAsync(request, key, Ct)),
            Task.Run(() => other.PlaceOrderAsync(request, key, Ct)));

        Assert.Equal(orders[0].Number, orders[1].Number);
        Assert.Single(await other.GetOrdersAsync(DemoUsers.Ava, Ct));
    }

    [SkippableFact]
    public async Task Two_services_running_the_schedule_together_move_an_order_once()
    {
        Skip.If(PostgresTestDatabase.SkipReason is not null, PostgresTestDatabase.SkipReason);
        var options = new OrderingOptions { PostgresConnectionString = _database!.ConnectionString };
        using var other = new PostgresOrderingService(Microsoft.Extensions.Options.Options.Create(options), Time, NullLogger<PostgresOrderingService>.Instance);
        var order = await PlaceAsync(DemoUsers.Ava, ("X2-LINE", 1), ("YEA-T54W", 1));
        Time.Advance(Harness.Options.Lifecycle.ProcessingAfter);

        var moved = await Task.WhenAll(
            Task.Run(() => Harness.Embedded.AdvanceDueOrdersAsync(Ct)),
            Task.Run(() => other.AdvanceDueOrdersAsync(Ct)));

        Assert.Equal(1, moved.Sum());
        Assert.Equal([OrderStatus.Placed, OrderStatus.Processing], (await other.GetOrderAsync(order.Number, Ct))!.History.Select(h => h.Status));
    }

    Task IAsyncLifetime.InitializeAsync() => InitializeAsync();

    // Re-implemented so the test's schema is dropped after the base has disposed the harness.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
