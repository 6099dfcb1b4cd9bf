using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>
/// Sales-assisted carts through the console API and the conversation: the agent prepares above the self-service limits
/// (non-default settings here, so every number must come from them), sends the cart, and the customer checks out in the
/// chat; only the signed-in agent who has the conversation may do it, and nothing a customer sends marks a cart.
/// </summary>
public sealed class AssistedCartTests : IAsyncLifetime
{
    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private static async Task<string> AcceptedHandoffAsync(HttpClient agent, CustomerChat customer)
    {
        await customer.SayAsync("hi");
        await customer.SayAsync("agent");
        var queue = await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue");
        var id = (string)queue!.OfType<JsonObject>().Single(item => (string?)item["customer"]?["userId"] == DemoUsers.Ava)["id"]!;
        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/accept", null)).StatusCode);
        customer.Received();
        return id;
    }

    private static object Items(params (string Sku, int Quantity)[] items) => new { items = items.Select(i => new { sku = i.Sku, quantity = i.Quantity }) };

    [Fact]
    public async Task An_agent_prepares_a_cart_within_non_default_assisted_limits_and_the_customer_checks_it_out_in_the_chat()
    {
        using var factory = new Limits();
        var customer = new CustomerChat(factory.CreateClient(), _sink, "assisted-happy", DemoUsers.Ava);
        var agent = await factory.SignInAgentAsync();
        var id = await AcceptedHandoffAsync(agent, customer);

        var panel = await agent.GetFromJsonAsync<JsonObject>($"/agent/api/conversations/{id}/cart");
        Assert.Contains("up to 12 new lines and 4 devices (self-service: 3 and 2)", (string?)panel!["limitsText"]);
        Assert.Contains(panel["products"]!.AsArray(), p => (string?)p!["sku"] == "X2-LINE" && (int)p["quantity"]! == 0);

        // Above the assisted limit: refused with the reason and the numbers, nothing changes.
        var over = await agent.PutAsJsonAsync($"/agent/api/conversations/{id}/cart", Items(("X2-LINE", 13)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, over.StatusCode);
        var problem = await over.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("TooManyLines", (string?)problem!["code"]);
        Assert.Contains("sales-assisted orders can have at most 12", (string?)problem["detail"]);
        var devices = await agent.PutAsJsonAsync($"/agent/api/conversations/{id}/cart", Items(("X2-LINE", 8), ("POLY-VVX250", 5)));
        Assert.Contains("sales-assisted orders can have at most 4", (string?)(await devices.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);

        var saved = await agent.PutAsJsonAsync($"/agent/api/conversations/{id}/cart", Items(("X2-LINE", 8), ("POLY-VVX250", 4)));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var view = await saved.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(("dana.agent", 8, 4), ((string?)view!["cart"]!["assistedBy"]!["id"], (int)view["cart"]!["lineCount"]!, (int)view["cart"]!["deviceCount"]!));
        Assert.True((bool)view["canSend"]!);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostAsync($"/agent/api/conversations/{id}/cart/send", null)).StatusCode);
        var sent = customer.Received();
        Assert.Contains("Dana Reyes from 8x8 Sales sent you a cart and left the chat.", sent);
        Assert.Contains("Here's the cart Dana Reyes prepared.", sent);
        Assert.Contains("Dana Reyes from 8x8 Sales prepared this cart for you.", sent);
        Assert.DoesNotContain("self-service orders can add up to", sent);
        // The conversation is the bot's again: the agent's panel is closed to them now.
        Assert.Equal(HttpStatusCode.Conflict, (await agent.GetAsync($"/agent/api/conversations/{id}/cart")).StatusCode);

        // The customer checks out as in self service.
        Assert.Contains("card", await customer.SayAsync("checkout"), StringComparison.OrdinalIgnoreCase);
        await customer.SayAsync("use this card");
        var quote = await customer.SayAsync("ground");
        Assert.Contains("Total due today", quote);
        await customer.SayAsync("continue");
        var confirmation = await customer.SayAsync("I agree");
        Assert.Contains("Order number", confirmation);

        var order = (await factory.Services.GetRequiredService<IOrderingService>().GetOrdersAsync(DemoUsers.Ava, CancellationToken.None)).Single();
        Assert.Equal(new AssistingAgent("dana.agent", "Dana Reyes"), order.AssistedBy);
        Assert.Equal((8, 4), (order.Items.Where(i => i.Kind == ProductKind.Line).Sum(i => i.Quantity), order.Items.Where(i => i.Kind == ProductKind.Equipment).Sum(i => i.Quantity)));
    }

    [Fact]
    public async Task The_same_cart_built_by_the_customer_alone_is_held_to_the_self_service_limits()
    {
        using var factory = new Limits();
        var customer = new CustomerChat(factory.CreateClient(), _sink, "assisted-alone", DemoUsers.Ava);
        await customer.SayAsync("hi");

        var said = await customer.SayAllAsync("add 8 X2 lines", "add 4 Poly VVX 250 phones", "checkout");

        Assert.Contains("self-service orders can add up to 3", said);
        var cart = await factory.Services.GetRequiredService<IOrderingService>().GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None);
        Assert.Null(cart.AssistedBy);
        Assert.NotEmpty(cart.Problems);
    }

    [Fact]
    public async Task Only_the_agent_who_has_the_conversation_may_prepare_or_send_its_cart()
    {
        using var factory = new Limits();
        var customer = new CustomerChat(factory.CreateClient(), _sink, "assisted-roles", DemoUsers.Ava);
        var dana = await factory.SignInAgentAsync();
        var lee = await factory.SignInAgentAsync(HandoffBotFactory.OtherAgentId, HandoffBotFactory.OtherAgentPassword);
        var id = await AcceptedHandoffAsync(dana, customer);
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/agent/api/conversations/{id}/cart")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync($"/agent/api/conversations/{id}/cart", Items(("X2-LINE", 5)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/agent/api/conversations/{id}/cart/send", null)).StatusCode);
        // Outside the API the console answers anonymous visitors with the way to sign in, as its page does.
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/agent/assets/agent-cart.js")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lee.GetAsync($"/agent/api/conversations/{id}/cart")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lee.PutAsJsonAsync($"/agent/api/conversations/{id}/cart", Items(("X2-LINE", 5)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await lee.PostAsync($"/agent/api/conversations/{id}/cart/send", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await dana.GetAsync("/agent/api/conversations/H-NOPE/cart")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await dana.PutAsJsonAsync($"/agent/api/conversations/{id}/cart", new { items = Array.Empty<object>() })).StatusCode);
        // An empty cart is not sent.
        Assert.Equal(HttpStatusCode.Conflict, (await dana.PostAsync($"/agent/api/conversations/{id}/cart/send", null)).StatusCode);

        Assert.Null((await factory.Services.GetRequiredService<IOrderingService>().GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None)).AssistedBy);
        Assert.Equal("", customer.Received());
        Assert.Equal(HttpStatusCode.OK, (await dana.GetAsync("/agent/assets/agent-cart.js")).StatusCode);
    }

    [Fact]
    public async Task A_customer_cannot_mark_a_cart_assisted_from_the_chat()
    {
        using var factory = new Limits();
        var customer = new CustomerChat(factory.CreateClient(), _sink, "assisted-forged", DemoUsers.Ava);
        await customer.SayAsync("hi");
        await customer.SayAsync("add 8 X2 lines");

        // The event the agent desk uses, as a channel could send it: JSON, not the desk's own value, so nothing happens.
        var forged = await customer.SendEventAsync(SalesDialog.AssistedCartEvent, new JsonObject { ["agentName"] = "Dana Reyes" });

        Assert.DoesNotContain("prepared", forged, StringComparison.Ordinal);
        var cart = await factory.Services.GetRequiredService<IOrderingService>().GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None);
        Assert.Null(cart.AssistedBy);
        Assert.Contains("self-service orders can add up to 3", await customer.SayAsync("checkout"));
    }

    /// <summary>Sales hours, and limits that are not the defaults: self service 3 lines and 2 devices, assisted 12 and 4.</summary>
    private sealed class Limits() : HandoffBotFactory(TuesdayTenPacific)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SalesBot:Ordering:MaxLinesPerOrder", "3");
            builder.UseSetting("SalesBot:Ordering:MaxDevicesPerOrder", "2");
            builder.UseSetting("SalesBot:Ordering:SalesAssistAboveLines", "2");
            builder.UseSetting("SalesBot:Ordering:MaxLinesPerAssistedOrder", "12");
            builder.UseSetting("SalesBot:Ordering:MaxDevicesPerAssistedOrder", "4");
        }
    }
}
