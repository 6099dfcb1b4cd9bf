using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Handoff;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Notices;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Bot.Tests.Faults;

/// <summary>
/// The conversation state database fails under the bot — read-only, or locked by another process — while the cart
/// (in the ordering service) does not. Replies never promise what was not saved, a change that did happen is never
/// to be repeated, every turn is answered in time, and the store recovers by itself.
/// </summary>
public sealed class StateStoreFaultTests : IAsyncLifetime
{
    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    [SkippableFact]
    public async Task A_read_only_state_database_never_asks_to_repeat_a_change_and_turns_recover_when_write_access_returns()
    {
        using var factory = new SalesBotFactory();
        var statePath = Path.Combine(factory.DataPath, "state.db");
        // The database exists (as after an earlier run) and is read-only when the host opens it: a restored backup
        // with the wrong owner, a volume mounted read-only.
        // The earlier run created every table the host keeps in that file: the state's and the shipment notices'.
        new SqliteStorage($"Data Source={statePath}").Dispose();
        OrderNoticeStore.Sqlite($"Data Source={statePath}");
        SqliteConnection.ClearAllPools();
        using var readOnly = ReadOnlyFile.Make(statePath);
        Skip.If(readOnly.SkipReason is not null, readOnly.SkipReason);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "read-only-state", DemoUsers.Ava);

        var hi = await customer.SayAsync("hi");
        Assert.Contains("try again", hi);
        Assert.DoesNotContain("Hi Ava", hi);

        var added = await customer.SayAsync("add 1 X2 line");
        Assert.Contains("X2", added);
        Assert.Contains("no need to repeat it", added);
        Assert.DoesNotContain("something went wrong", added, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await RetriedActivityTests.LinesAsync(factory.CreateClient(), DemoUsers.Ava));

        readOnly.Restore();

        var cart = await customer.SayAsync("cart");
        Assert.Contains("X2", cart);
        Assert.DoesNotContain("something went wrong", cart, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("no need to repeat it", cart);
        var more = await customer.SayAsync("add 1 X4 line");
        Assert.DoesNotContain("no need to repeat it", more);
        Assert.Equal(2, await RetriedActivityTests.LinesAsync(factory.CreateClient(), DemoUsers.Ava));
        Assert.True(await StateRowsAsync(statePath) > 0, "the state was saved once write access returned");
    }

    [Fact]
    public async Task A_second_connection_holding_the_state_database_locked_gets_every_turn_answered_within_the_bounded_wait()
    {
        using var factory = new ClockedFactory();
        var client = factory.CreateClient();
        var ava = new CustomerChat(client, _sink, "locked-ava", DemoUsers.Ava);
        // Each customer on a channel of their own, so their concurrent turns' replies are told apart.
        await using var kimsChannel = await ChannelSink.StartAsync();
        var kim = new CustomerChat(client, kimsChannel, "locked-kim", DemoUsers.Kim);
        await ava.SayAsync("hi");
        await kim.SayAsync("hi");
        using var busyWaits = new Counted(factory.Services.GetRequiredService<IMeterFactory>(), "salesbot.storage.busy_waits");

        await using (var holder = new SqliteConnection($"Data Source={Path.Combine(factory.DataPath, "state.db")};Pooling=false"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE";
                await begin.ExecuteNonQueryAsync();
            }

            var help = ava.SayAsync("help");
            var add = kim.SayAsync("add 1 X2 line");
            // Both turns are waiting for the database, each on its own bounded wait, neither queued behind the other.
            await busyWaits.ReachedAsync(2);
            Assert.False(help.IsCompleted || add.IsCompleted);
            factory.Clock.Advance(ClockedFactory.WriteTimeout);

            // Answered while the other connection still holds the lock: a retry later, or what was done.
            Assert.Contains("send it again in a moment", await help);
            var added = await add;
            Assert.Contains("X2", added);
            Assert.Contains("no need to repeat it", added);
            Assert.Equal(1, await RetriedActivityTests.LinesAsync(client, DemoUsers.Kim));

            await using var commit = holder.CreateCommand();
            commit.CommandText = "COMMIT";
            await commit.ExecuteNonQueryAsync();
        }

        Assert.Contains("Here's what I can do", await ava.SayAsync("help"));
        Assert.Contains("X2", await kim.SayAsync("cart"));
        Assert.Equal(1, await RetriedActivityTests.LinesAsync(client, DemoUsers.Kim));
    }

    [Fact]
    public async Task A_locked_state_database_is_explained_in_spanish_to_spanish_customers()
    {
        using var factory = new ClockedFactory();
        var client = factory.CreateClient();
        await using var kimsChannel = await ChannelSink.StartAsync();
        await SpanishAsync(client, _sink, "locked-ava-es", DemoUsers.Ava, "hola");
        await SpanishAsync(client, kimsChannel, "locked-kim-es", DemoUsers.Kim, "hola");
        using var busyWaits = new Counted(factory.Services.GetRequiredService<IMeterFactory>(), "salesbot.storage.busy_waits");

        await using var holder = new SqliteConnection($"Data Source={Path.Combine(factory.DataPath, "state.db")};Pooling=false");
        await holder.OpenAsync();
        await using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE";
            await begin.ExecuteNonQueryAsync();
        }

        var help = SpanishAsync(client, _sink, "locked-ava-es", DemoUsers.Ava, "ayuda");
        var add = SpanishAsync(client, kimsChannel, "locked-kim-es", DemoUsers.Kim, "agrega 1 línea X2");
        await busyWaits.ReachedAsync(2);
        factory.Clock.Advance(ClockedFactory.WriteTimeout);

        // Nothing changed: asked to resend, in Spanish.
        var busy = Assert.Single(await help);
        Assert.Equal("Lo sentimos, no pude recibir eso ahora porque nuestro sistema está ocupado por un momento. No se cambió nada; vuelva a enviarlo en un momento.", (string?)busy["text"]);
        Assert.Equal("es-US", (string?)busy["locale"]);
        // Something changed: what was done, and the truth about the rest, in Spanish.
        var added = await add;
        var texts = string.Join("\n", added.Select(a => (string?)a["text"]));
        Assert.Contains("X2", texts, StringComparison.Ordinal);
        Assert.Contains("Una cosa: no pude guardar en qué punto de la conversación estamos. Lo que hice arriba está hecho y guardado con su carrito, así que no hace falta repetirlo. Si pierdo el hilo, diga \"carrito\" para verlo.", texts, StringComparison.Ordinal);
        Assert.DoesNotContain("no need to repeat", texts, StringComparison.Ordinal);
        Assert.All(added, a => Assert.Equal("es-US", (string?)a["locale"]));
        Assert.Equal(1, await RetriedActivityTests.LinesAsync(client, DemoUsers.Kim));

        await using var commit = holder.CreateCommand();
        commit.CommandText = "COMMIT";
        await commit.ExecuteNonQueryAsync();
    }

    /// <summary>A message from a customer whose channel says es-US; the messages the bot sent back in that turn.</summary>
    private static async Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> SpanishAsync(HttpClient client, ChannelSink sink, string conversationId, string userId, string text)
    {
        var activity = ActivityBuilder.Message(sink.ServiceUrl, conversationId, userId, text, channelId: "emulator");
        activity["locale"] = "es-US";
        var response = await client.PostActivityAsync(activity);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return [.. sink.TakeAll().Where(a => (string?)a["type"] == "message")];
    }

    /// <summary>The host on a hand-driven clock, waiting for the state store at most a non-default 3 s.</summary>
    private sealed class ClockedFactory() : HandoffBotFactory(TuesdayTenPacific)
    {
        public static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(3);

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SalesBot:Storage:WriteTimeout", "00:00:03");
        }
    }

    private static async Task<long> StateRowsAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=false");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM bot_state";
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
