using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>
/// The handoff transcripts again for a customer whose channel says es-US: after hours (the hours and the phone from
/// non-default settings) the closed notice and a callback — phone, a time said in Spanish, a time proposed inside the
/// hours and answered — and, within hours, the queue, the agent joining, speaking and leaving. Every reply is Spanish.
/// </summary>
public sealed class SpanishHandoffTests : IAsyncLifetime
{
    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private CustomerChat Chat(HandoffBotFactory factory, string conversationId) =>
        new(factory.CreateClient(), _sink, conversationId, DemoUsers.Ava) { Locale = "es-US" };

    private static Task<IReadOnlyList<CallbackRequest>> CallbacksAsync(HandoffBotFactory factory) =>
        factory.Services.GetRequiredService<IHandoffStore>().ListCallbacksAsync(CancellationToken.None);

    [Fact]
    public async Task After_hours_a_spanish_customer_hears_when_sales_opens_and_books_a_callback_for_el_lunes_a_las_9()
    {
        using var factory = new SaturdayShortHoursFactory();
        var customer = Chat(factory, "es-after-hours");
        Assert.Contains("¡Hola, Ava!", await customer.SayAsync("hola"));
        Assert.Contains("12 líneas", await customer.SayAsync("agrega 12 líneas X4"));

        var closed = await customer.SayAsync("agente");
        Assert.Contains("Nuestro equipo de ventas no está disponible en este momento; abrimos de nuevo el lunes a las 7:00 a. m.", closed);
        Assert.Contains("Puede llamar al 1-800-555-0199 entonces, o puedo pedir a ventas que le devuelvan la llamada.", closed);
        Assert.Contains("¿A qué número de teléfono debe llamar nuestro equipo de ventas?", closed);
        Assert.DoesNotContain("Pacific", closed);

        var askTime = await customer.SayAsync("llámenme al (408) 555-0100");
        Assert.Contains("Gracias, llamaremos al (408) 555-0100. ¿Cuándo le conviene? Ventas llama", askTime);
        Assert.Contains("de 7:00 a. m. a 3:30 p. m.", askTime);
        Assert.Contains("\"mañana a las 9\"", askTime);

        var proposal = await customer.SayAsync("mañana a las 9");
        Assert.Contains("Ventas no atiende", proposal);
        Assert.Contains("La hora más cercana que puedo reservar es el lunes a las 7:00 a. m.", proposal);
        Assert.Contains("¿La reservo? (sí/no)", proposal);

        var again = await customer.SayAsync("no");
        Assert.Contains("¿Cuándo", again);
        Assert.Empty(await CallbacksAsync(factory));

        var booked = await customer.SayAsync("el lunes a las 9");
        Assert.Contains("Listo, ventas le llamará al (408) 555-0100 el lunes a las 9:00 a. m.", booked);
        Assert.Contains("Si nos necesita antes, llame al 1-800-555-0199. Volvamos a donde estábamos:", booked);
        Assert.DoesNotContain("Done", booked);

        var callback = Assert.Single(await CallbacksAsync(factory));
        // Monday, March 9, 2026, 9:00 a.m. Pacific daylight time.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 16, 0, 0, TimeSpan.Zero), callback.PreferredAt);
        Assert.Contains("Su carrito", await customer.SayAsync("carrito"));
    }

    [Fact]
    public async Task After_hours_a_spanish_yes_books_the_time_proposed_inside_the_hours()
    {
        using var factory = new SaturdayShortHoursFactory();
        var customer = Chat(factory, "es-after-hours-yes");
        await customer.SayAsync("hola");
        Assert.Contains("no está disponible en este momento", await customer.SayAsync("hablar con una persona"));
        Assert.Contains("¿Cuándo le conviene?", await customer.SayAsync("408-555-0100"));
        Assert.Contains("La hora más cercana que puedo reservar es el lunes a las 7:00 a. m.", await customer.SayAsync("el domingo a las 10"));

        var booked = await customer.SayAsync("sí");

        Assert.Contains("Listo, ventas le llamará al 408-555-0100 el lunes a las 7:00 a. m.", booked);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 14, 0, 0, TimeSpan.Zero), Assert.Single(await CallbacksAsync(factory)).PreferredAt);
    }

    [Fact]
    public async Task Within_hours_a_spanish_customer_is_queued_joined_answered_and_handed_back_in_spanish()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "es-in-hours");
        await customer.SayAsync("hola");
        Assert.Contains("2 líneas", await customer.SayAsync("agrega 2 líneas X4"));

        var queued = await customer.SayAsync("agente");
        Assert.Contains("Pedí a un agente de ventas que se una a este chat. Usted es el número 1 en la fila; la espera estimada es de unos 2 minutos.", queued);
        Assert.DoesNotContain("I've asked", queued);

        var agent = await factory.SignInAgentAsync();
        var queue = await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue");
        var id = (string)queue!.OfType<JsonObject>().Single(item => (string?)item["customer"]?["userId"] == DemoUsers.Ava)["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        Assert.Contains("Dana Reyes, de Ventas de 8x8, se unió al chat.", customer.Received());

        Assert.Equal("", await customer.SayAsync("¿Me pueden hacer un descuento?"));
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/messages", new { text = "Sí, un 10 %." })).StatusCode);
        Assert.Contains("Dana Reyes: Sí, un 10 %.", customer.Received());

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsJsonAsync($"/agent/api/conversations/{id}/end", new { note = "Descuento aplicado.", resume = true })).StatusCode);
        var handedBack = customer.Received();
        Assert.Contains("Dana Reyes: Descuento aplicado.\nDana Reyes, de Ventas de 8x8, salió del chat.", handedBack);
        Assert.Contains("Ya estoy de vuelta; sigamos donde estábamos:", handedBack);
        Assert.DoesNotContain("has left the chat", handedBack);
        Assert.Contains("Su carrito", await customer.SayAsync("carrito"));
        Assert.Equal(2, (await factory.Services.GetRequiredService<IOrderingService>().GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None)).LineCount);
    }

    [Fact]
    public async Task When_no_agent_accepts_within_the_set_time_a_spanish_customer_is_offered_a_callback_and_books_it()
    {
        using var factory = new QuickTimeoutFactory();
        var customer = Chat(factory, "es-handoff-timeout");
        await customer.SayAsync("hola");
        Assert.Contains("Pedí a un agente de ventas que se una a este chat.", await customer.SayAsync("agente"));
        var agent = await factory.SignInAgentAsync();
        var sweeper = factory.Services.GetRequiredService<HandoffSweeper>();

        // Within the two minutes this team set (the default is five): still waiting in the queue.
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await sweeper.SweepAsync(CancellationToken.None);
        Assert.Single((await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!);

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await sweeper.SweepAsync(CancellationToken.None);

        var offer = CustomerChat.Messages([await _sink.NextMessageAsync()]);
        Assert.Contains("Lo siento, ningún agente de ventas quedó libre a tiempo. Puede llamar al 1-800-555-0199", offer);
        Assert.Contains("¿A qué número de teléfono debe llamar nuestro equipo de ventas?", offer);
        Assert.DoesNotContain("no sales agent", offer);
        Assert.Contains("¿Cuándo le conviene?", await customer.SayAsync("408-555-0100"));
        var booked = await customer.SayAsync("mañana a las 9");
        Assert.Contains("Listo, ventas le llamará al 408-555-0100 mañana a las 9:00 a. m., hora del Pacífico", booked);
        Assert.Contains("Si nos necesita antes, llame al 1-800-555-0199.", booked);

        Assert.Empty((await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!);
        var callback = Assert.Single(await CallbacksAsync(factory));
        // Wednesday, March 4, 2026, 9:00 a.m. Pacific standard time.
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 17, 0, 0, TimeSpan.Zero), callback.PreferredAt);
    }

    /// <summary>Tuesday within hours, with an accept timeout and a sales phone other than the defaults.</summary>
    private sealed class QuickTimeoutFactory() : HandoffBotFactory(TuesdayTenPacific)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SalesBot:Handoff:AcceptTimeout", "00:02:00");
            builder.UseSetting("SalesBot:SalesHours:Phone", "1-800-555-0199");
        }
    }

    /// <summary>Saturday morning, with sales hours and the sales phone other than the defaults.</summary>
    private sealed class SaturdayShortHoursFactory() : HandoffBotFactory(SaturdayTenPacific)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SalesBot:SalesHours:Opens", "07:00");
            builder.UseSetting("SalesBot:SalesHours:Closes", "15:30");
            builder.UseSetting("SalesBot:SalesHours:Phone", "1-800-555-0199");
        }
    }
}
