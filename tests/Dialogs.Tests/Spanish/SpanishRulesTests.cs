using My8x8.SalesBot.Dialogs.Tests.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Spanish;

/// <summary>
/// The Spanish twins of the eligibility and cart-rule transcripts (EligibilityTests, CartRulesTests): every
/// ineligible customer, Express and an unknown user hear why in Spanish; the sales-assist offer, the device limit and
/// devices beyond the available lines read Spanish, with limits from settings other than the defaults. The channel
/// says es-US, as a Spanish Web Chat does; nothing else makes the turn Spanish.
/// </summary>
public sealed class SpanishRulesTests : IDisposable
{
    private readonly SalesWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Theory]
    [InlineData(DemoUsers.Dan, "Solo los administradores de cuenta con un perfil de pedidos", "ordering profile")]
    [InlineData(DemoUsers.Erin, "Las cuentas mayoristas hacen sus pedidos a través de su equipo de socios de 8x8", "Wholesale accounts")]
    [InlineData(DemoUsers.Felix, "solo están disponibles para cuentas con sede en EE. UU.", "US-based accounts only")]
    [InlineData(DemoUsers.Grace, "solo están disponibles para cuentas con sede en EE. UU.", "US-based accounts only")]
    [InlineData(DemoUsers.Leo, "requieren una cuenta que pague por factura, ACH o tarjeta de crédito", "invoice, ACH or credit card")]
    public async Task Each_ineligible_customer_hears_why_in_spanish_and_is_offered_a_sales_agent(string userId, string explanation, string english)
    {
        using var chat = new SalesConversation(userId, world: _world) { Locale = "es-US" };

        var reply = await chat.SayAsync("hola");

        Assert.Contains(explanation, reply.AllText());
        Assert.DoesNotContain(english, reply.AllText(), StringComparison.Ordinal);
        Assert.Contains("\"agente\"", reply.AllText());
        Assert.Contains("Agente", reply.Suggestions());

        var again = await chat.SayAsync("agrega 2 líneas X4");
        Assert.Contains(explanation, again.AllText());
        Assert.Empty(await chat.Ordering.GetOrdersAsync(userId, CancellationToken.None));
    }

    [Fact]
    public async Task An_express_customer_is_pointed_to_manager_express_in_spanish()
    {
        using var chat = new SalesConversation(DemoUsers.Hugo, world: _world) { Locale = "es-US" };

        var reply = await chat.SayAsync("hola");

        Assert.Contains("Su cuenta es de 8x8 Express, que no se pide a través de este asistente.", reply.AllText());
        // The product's own screen names stay as the product shows them.
        Assert.Contains("Manager Express", reply.AllText());
        Assert.Contains("Add licenses", reply.AllText());
    }

    [Fact]
    public async Task An_unknown_user_is_told_in_spanish_and_offered_sales()
    {
        using var chat = new SalesConversation("nadie.aqui", world: _world) { Locale = "es-US" };

        var reply = await chat.SayAsync("hola");

        Assert.Contains("No encontré una cuenta de My 8x8 a su nombre", reply.AllText());
        Assert.Contains("\"agente\"", reply.AllText());
        Assert.DoesNotContain("couldn't find", reply.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Above_the_sales_assist_threshold_from_the_settings_a_spanish_customer_is_offered_sales_and_can_still_buy()
    {
        // Not the default 5: the offer's number comes from the setting.
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world, settings: new Dictionary<string, string?>
        {
            ["SalesBot:Ordering:SalesAssistAboveLines"] = "3",
        }) { Locale = "es-US" };

        var cart = await chat.SayAllAsync("hola", "agrega 4 líneas X2");

        Assert.Contains("Está agregando 4 líneas. Para pedidos de más de 3 líneas, nuestro equipo de ventas puede ayudarle", cart.AllText());
        Assert.Empty(chat.Handoffs);
        await chat.SayAllAsync("pagar", "usar esa tarjeta", "continuar", "acepto");
        Assert.Equal(4, (await chat.LastOrderAsync())!.Items.Single().Quantity);
    }

    [Fact]
    public async Task Above_the_device_limit_from_the_settings_the_spanish_checkout_waits_and_nothing_is_ordered()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world, settings: new Dictionary<string, string?>
        {
            ["SalesBot:Ordering:MaxLinesPerOrder"] = "4",
            ["SalesBot:Ordering:MaxDevicesPerOrder"] = "2",
        }) { Locale = "es-US" };

        var cart = await chat.SayAllAsync("hola", "agrega 5 líneas X2 y 3 Yealink T54W");
        Assert.Contains("Su carrito tiene 5 líneas nuevas, y los pedidos de autoservicio pueden agregar hasta 4.", cart.AllText());
        Assert.Contains("Su carrito tiene 3 equipos, y los pedidos de autoservicio pueden incluir hasta 2.", cart.AllText());

        var checkout = await chat.SayAsync("pagar");

        Assert.Contains("Antes de pagar, su carrito debe ajustarse a los límites de autoservicio.", checkout.AllText());
        Assert.DoesNotContain("4242", checkout.AllText());
        Assert.DoesNotContain("self-service", checkout.AllText(), StringComparison.Ordinal);
        Assert.Null(await chat.LastOrderAsync());
    }

    [Fact]
    public async Task Phones_beyond_the_available_lines_are_explained_in_spanish_with_the_numbers()
    {
        using var chat = new SalesConversation(DemoUsers.Cara, world: _world) { Locale = "es-US" };

        var cart = await chat.SayAllAsync("hola", "agrega 1 línea X2 y 2 Yealink T54W");

        Assert.Contains("Cada teléfono se vincula a una línea antes de enviarse. Tiene 0 líneas sin teléfono y está agregando 1 línea nueva, así que caben hasta 1 teléfono; su carrito tiene 2.", cart.AllText());
        var checkout = await chat.SayAsync("pagar");
        Assert.Contains("Antes de pagar, hay que corregir una cosa.", checkout.AllText());

        await chat.SayAllAsync("agrega 1 línea X2", "pagar", "usar esa tarjeta", "terrestre", "continuar", "acepto");
        var order = await chat.LastOrderAsync();
        Assert.Equal(2, order!.Items.Single(i => i.Sku == "YEA-T54W").Quantity);
    }
}
