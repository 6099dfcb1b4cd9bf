using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>
/// What the console's API gives an agent to read, in the real host: words beside the codes, waits that follow the
/// clock, and a handoff summary built from the account, the cards, the cart and the bot's own failed turns.
/// </summary>
public sealed partial class AgentConsoleReadingTests : IAsyncLifetime
{
    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    [Fact]
    public async Task A_handoff_above_the_line_limit_is_summarised_with_the_account_cards_cart_and_step_in_words()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "reading-over-limit", DemoUsers.Ben);
        await customer.SayAllAsync("hi", "add 12 X4 lines", "agent");
        var agent = await factory.SignInAgentAsync();
        var item = (await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!.Single()!;

        var view = (await agent.GetFromJsonAsync<JsonObject>($"/agent/api/conversations/{item["id"]}"))!;

        Assert.Equal("OverSelfServiceLimits", (string?)item["reason"]);
        Assert.Equal("Cart over the self-service limits", (string?)item["reasonText"]);
        Assert.Equal("Waiting for an agent", (string?)item["statusText"]);
        var summary = view["summary"]!;
        Assert.Equal("Cart over the self-service limits", (string?)summary["reason"]);
        Assert.Contains("This order has 12 new lines; self-service orders can have at most 10.", Strings(summary["reasonFacts"]));
        Assert.Equal("Choosing lines and phones", (string?)summary["stepReached"]);
        Assert.Empty(Strings(summary["notUnderstood"]));
        var ben = (await factory.Services.GetRequiredService<IOrderingService>().GetUserAsync(DemoUsers.Ben, default))!;
        var account = Facts(summary["account"]);
        Assert.Equal("Customer Community QTC Admin", account["Profile"]);
        Assert.Equal("Editions", account["Product family"]);
        Assert.Equal("United States", account["Country"]);
        Assert.Equal("Invoice", account["Payment method"]);
        Assert.Equal(ben.Account.Lines.ToString(System.Globalization.CultureInfo.InvariantCulture), account["Lines on account"]);
        Assert.Equal(ben.Account.LinesWithDevice.ToString(System.Globalization.CultureInfo.InvariantCulture), account["Lines with a phone"]);
        Assert.Equal(ben.Account.LinesWithoutDevice.ToString(System.Globalization.CultureInfo.InvariantCulture), account["Lines without a phone"]);
        Assert.Equal("Eligible for self-service", (string?)summary["eligibility"]);
        Assert.Contains("This order has 12 new lines; self-service orders can have at most 10.", Strings(view["cartAtHandoff"]!["problems"]));
        await AssertCardsAsync(factory, DemoUsers.Ben, summary);
    }

    [Fact]
    public async Task A_customer_who_asked_for_a_person_after_a_misunderstood_message_is_summarised_with_what_the_bot_missed()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "reading-not-understood", DemoUsers.Kim);
        await customer.SayAllAsync("hi", "add 2 X2 lines");
        Assert.Contains("didn't catch that", await customer.SayAsync("purple giraffes"));
        await customer.SayAsync("talk to a person");
        var agent = await factory.SignInAgentAsync();
        var item = (await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!.Single()!;

        var json = await agent.GetStringAsync($"/agent/api/conversations/{item["id"]}");
        var summary = JsonNode.Parse(json)!["summary"]!;

        Assert.Equal("Asked for a person", (string?)summary["reason"]);
        Assert.Equal(["purple giraffes"], Strings(summary["notUnderstood"]));
        Assert.Equal("Choosing lines and phones", (string?)summary["stepReached"]);
        Assert.Equal("Customer Community QTC Admin", Facts(summary["account"])["Profile"]);
        Assert.Equal("Credit card", Facts(summary["account"])["Payment method"]);
        await AssertCardsAsync(factory, DemoUsers.Kim, summary);
        Assert.False(LongDigitRun().IsMatch(json), "The console API shows a run of digits as long as a card number.");
    }

    [Fact]
    public async Task A_spanish_customer_is_shown_as_spanish_and_summarised_in_the_desks_words_with_what_the_bot_missed()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "reading-spanish", DemoUsers.Ben) { Locale = "es-US" };
        var said = await customer.SayAllAsync("hola", "agrega 12 líneas X4", "jirafas moradas", "agente");
        Assert.Contains("agente", said, StringComparison.OrdinalIgnoreCase);
        var agent = await factory.SignInAgentAsync();
        var item = (await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!.Single()!;

        var view = (await agent.GetFromJsonAsync<JsonObject>($"/agent/api/conversations/{item["id"]}"))!;

        Assert.Equal("Spanish", (string?)item["languageText"]);
        var summary = view["summary"]!;
        Assert.Equal("Spanish", (string?)summary["language"]);
        // The customer's language is shown; the summary itself stays in the desk's words.
        Assert.Equal("Cart over the self-service limits", (string?)summary["reason"]);
        Assert.Contains("This order has 12 new lines; self-service orders can have at most 10.", Strings(summary["reasonFacts"]));
        Assert.Equal("Choosing lines and phones", (string?)summary["stepReached"]);
        Assert.Equal("Customer Community QTC Admin", Facts(summary["account"])["Profile"]);
        // The bot's Spanish "I didn't catch that" is recognised as well as its English one.
        Assert.Equal(["jirafas moradas"], Strings(summary["notUnderstood"]));
    }

    [Fact]
    public async Task An_english_customer_is_shown_as_english()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "reading-english", DemoUsers.Ben) { Locale = "en-US" };
        await customer.SayAllAsync("hi", "agent");
        var agent = await factory.SignInAgentAsync();
        var item = (await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!.Single()!;

        var view = (await agent.GetFromJsonAsync<JsonObject>($"/agent/api/conversations/{item["id"]}"))!;

        Assert.Equal("English", (string?)item["languageText"]);
        Assert.Equal("English", (string?)view["summary"]!["language"]);
    }

    [Fact]
    public async Task Waits_follow_the_clock_and_stop_when_an_agent_accepts()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = new CustomerChat(factory.CreateClient(), _sink, "reading-wait", DemoUsers.Ava);
        await customer.SayAllAsync("hi", "agent");
        var agent = await factory.SignInAgentAsync();

        factory.Clock.Advance(TimeSpan.FromSeconds(185));
        var waiting = (await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!.Single()!;
        Assert.Equal(185, (int)waiting["waitingSeconds"]!);
        Assert.True((bool)waiting["isWaiting"]!);

        await agent.PostAsync($"/agent/api/conversations/{waiting["id"]}/accept", null);
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        var talking = (await agent.GetFromJsonAsync<JsonArray>("/agent/api/queue"))!.Single()!;

        Assert.Equal(185, (int)talking["waitingSeconds"]!);
        Assert.False((bool)talking["isWaiting"]!);
        Assert.Equal("With Dana Reyes", (string?)talking["statusText"]);
    }

    /// <summary>Every card on file appears by brand and last four digits, valid or expired, and nothing more of it.</summary>
    private static async Task AssertCardsAsync(HandoffBotFactory factory, string userId, JsonNode summary)
    {
        var cards = await factory.Services.GetRequiredService<IOrderingService>().GetCardsAsync(userId, default);
        var shown = Strings(summary["cards"]);
        Assert.NotEmpty(cards);
        Assert.Equal(cards.Count, shown.Count);
        foreach (var card in cards)
        {
            Assert.Contains(shown, s => s.StartsWith($"{card.Brand} ending {card.Last4}, {(card.IsValid ? "expires" : "expired")}", StringComparison.Ordinal));
        }
    }

    private static List<string> Strings(JsonNode? array) => [.. array!.AsArray().Select(n => (string)n!)];

    private static Dictionary<string, string> Facts(JsonNode? array) =>
        array!.AsArray().ToDictionary(f => (string)f!["label"]!, f => (string)f!["value"]!);

    [GeneratedRegex(@"\d{13,19}")]
    private static partial Regex LongDigitRun();
}
