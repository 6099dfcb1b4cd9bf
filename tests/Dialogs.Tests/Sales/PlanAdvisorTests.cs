using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Ordering;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>
/// The plan advisor: a few needs questions (clicked or typed, skippable) lead to a line plan with its reasons from
/// the catalog's features; plans are compared side by side; the chosen plan goes into the cart in the same turn.
/// </summary>
public sealed class PlanAdvisorTests : IDisposable
{
    private readonly SalesWorld _world = new();

    private SalesConversation Chat(string user = DemoUsers.Ava, string channelId = "test") => new(user, channelId, world: _world);

    [Theory]
    [InlineData("tell me about the X4 plan")]
    [InlineData("what's included in X6?")]
    [InlineData("what's the difference between X2 and X4?")]
    [InlineData("I need international calling")]
    [InlineData("is the X6 worth it?")]
    public async Task Asking_about_plans_changes_nothing_in_the_cart(string question)
    {
        using var chat = Chat();
        await chat.SayAsync("hi");

        await chat.SayAsync(question);

        Assert.Empty((await chat.CartAsync()).Items);
    }

    [Theory]
    // Nothing beyond calling, chat and voicemail: the cheapest plan.
    [InlineData(new[] { "which plan do I need?", "no", "no", "no", "4" }, "X2 line", "4 × $24.00 = $96.00")]
    // Calls abroad: X4, and the video question is not asked (X4 has video meetings).
    [InlineData(new[] { "I need international calling", "no", "3" }, "X4 line", "3 × $44.00 = $132.00")]
    // Video meetings without calls abroad: X4 again.
    [InlineData(new[] { "which plan should we get?", "nope", "yes", "no", "skip" }, "X4 line", "add 3 of those")]
    // A contact center: X6.
    [InlineData(new[] { "help me choose a plan", "no", "no", "yes we do", "eight" }, "X6 line", "8 × $85.00 = $680.00")]
    public async Task The_advisor_recommends_the_plan_that_fits_the_needs(string[] answers, string plan, string amount)
    {
        using var chat = Chat();
        await chat.SayAsync("hi");

        var reply = await chat.SayAllAsync(answers);

        Assert.Contains($"I'd recommend the {plan}", reply.AllText());
        Assert.Contains(amount, reply.AllText());
        Assert.Empty((await chat.CartAsync()).Items);
    }

    [Fact]
    public async Task The_recommendation_gives_its_reasons_from_the_catalog_features()
    {
        using var chat = Chat();
        await chat.SayAsync("hi");

        var reply = await chat.SayAllAsync("I need international calling", "no", "skip");

        var text = reply.AllText();
        Assert.Contains("International calling: unlimited to 48 countries.", text);
        Assert.Contains("The X2 line doesn't include international calling.", text);
        Assert.Contains("You don't need contact-center queues, which the X6 line adds for $85.00 per line per month.", text);
    }

    [Fact]
    public async Task Only_questions_that_could_change_the_plan_are_asked()
    {
        using var chat = Chat();
        await chat.SayAsync("hi");

        var first = await chat.SayAsync("I need international calling");

        Assert.Contains("Got it — international calling.", first.AllText());
        Assert.Contains("contact center", first.AllText());
        Assert.DoesNotContain("video", first.AllText(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(["Yes", "No", "Skip"], first.Suggestions());
    }

    [Fact]
    public async Task Every_question_takes_a_click_or_words_and_at_most_three_suggested_actions()
    {
        using var chat = Chat();
        await chat.SayAsync("hi");

        var questions = new List<IReadOnlyList<Activity>> { await chat.SayAsync("which plan do I need?") };
        questions.Add(await chat.SayAsync("No"));
        questions.Add(await chat.SayAsync("not sure"));
        questions.Add(await chat.SayAsync("Skip"));
        var recommendation = await chat.SayAsync("just me");

        Assert.All(questions, q => Assert.InRange(q.Suggestions().Count, 1, 3));
        Assert.Contains("How many people need a line?", questions[^1].AllText());
        Assert.Contains("For 1 person that's 1 × $24.00", recommendation.AllText());
        Assert.InRange(recommendation.Suggestions().Count, 1, 3);
        Assert.Equal(["Add 1 X2 line", "Compare plans", "No thanks"], recommendation.Suggestions());
    }

    [Fact]
    public async Task Yes_adds_the_recommended_plan_for_the_people_heard_in_the_same_turn()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "I need international calling", "no", "4");

        var reply = await chat.SayAsync("yes");

        Assert.Contains("Added 4 × X4 line", reply.AllText());
        Assert.Equal([("X4-LINE", 4)], (await chat.CartAsync()).Items.Select(i => (i.Sku, i.Quantity)));
    }

    [Theory]
    [InlineData("add 4 of those")]
    [InlineData("yes, 4 lines")]
    [InlineData("4 please")]
    [InlineData("we'll take four")]
    public async Task The_plan_and_quantity_said_together_go_into_the_cart_at_once(string answer)
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "which plan do I need?", "no", "yes", "no", "skip");

        var reply = await chat.SayAsync(answer);

        Assert.Contains("Added 4 × X4 line", reply.AllText());
        Assert.Equal([("X4-LINE", 4)], (await chat.CartAsync()).Items.Select(i => (i.Sku, i.Quantity)));
    }

    [Fact]
    public async Task Yes_without_a_number_asks_how_many_and_the_number_adds_them()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "which plan do I need?", "no", "no", "no", "skip");

        var asked = await chat.SayAsync("yes");
        Assert.Contains("How many X2 lines would you like?", asked.AllText());
        Assert.Empty((await chat.CartAsync()).Items);

        var added = await chat.SayAsync("3");
        Assert.Contains("Added 3 × X2 line", added.AllText());
        Assert.Equal([("X2-LINE", 3)], (await chat.CartAsync()).Items.Select(i => (i.Sku, i.Quantity)));
    }

    [Fact]
    public async Task More_people_than_one_order_may_add_are_refused_at_checkout_with_the_usual_explanation()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "which plan do I need?", "no", "no", "no");

        var recommendation = await chat.SayAsync("12");
        Assert.Contains("One self-service order adds up to 10 new lines", recommendation.AllText());

        var cart = await chat.SayAsync("yes");
        Assert.Contains("up to 10", cart.AllText());
        var checkout = await chat.SayAsync("checkout");
        Assert.Contains("self-service limits", checkout.AllText());
        Assert.Null(await chat.LastOrderAsync());
    }

    [Fact]
    public async Task No_thanks_to_a_recommendation_adds_nothing()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "which plan do I need?", "no", "no", "no", "2");

        var reply = await chat.SayAsync("no thanks");

        Assert.Contains("nothing was added", reply.AllText());
        Assert.Empty((await chat.CartAsync()).Items);
        // The offer lapsed: a later "yes" is a nod, not an order.
        await chat.SayAsync("yes");
        Assert.Empty((await chat.CartAsync()).Items);
    }

    [Fact]
    public async Task Nonsense_answers_are_asked_again_politely_and_change_nothing()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "which plan do I need?");

        var again = await chat.SayAsync("banana");
        Assert.Contains("Sorry, I didn't get that.", again.AllText());
        Assert.Contains("other countries", again.AllText());
        var people = await chat.SayAllAsync("yes", "no");
        Assert.Contains("How many people need a line?", people.AllText());
        var number = await chat.SayAsync("lots");
        Assert.Contains("a whole number of people", number.AllText());

        var recommendation = await chat.SayAsync("2");
        Assert.Contains("I'd recommend the X4 line", recommendation.AllText());
        Assert.Empty((await chat.CartAsync()).Items);
    }

    [Fact]
    public async Task Help_and_cart_in_the_middle_answer_and_ask_the_same_question_again()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "which plan do I need?");

        var help = await chat.SayAsync("help");
        Assert.Contains("Here's what I can do", help.AllText());
        Assert.Contains("other countries", help.AllText());
        var cart = await chat.SayAsync("cart");
        Assert.Contains("other countries", cart.AllText());

        var next = await chat.SayAsync("yes");
        Assert.Contains("contact center", next.AllText());
    }

    [Fact]
    public async Task Cancel_in_the_middle_stops_and_agent_brings_in_a_person()
    {
        using (var chat = Chat())
        {
            await chat.SayAllAsync("hi", "which plan do I need?", "no");
            var cancelled = await chat.SayAsync("cancel");
            Assert.Contains("I've stopped here", cancelled.AllText());
        }

        using var other = Chat(DemoUsers.Ben);
        await other.SayAllAsync("hi", "which plan do I need?");
        await other.SayAsync("agent");
        Assert.Equal(HandoffReason.CustomerAsked, Assert.Single(other.Handoffs).Reason);
    }

    [Fact]
    public async Task Telling_about_a_plan_describes_it_and_add_4_of_those_adds_it()
    {
        using var chat = Chat(channelId: "sms");
        await chat.SayAsync("hi");

        var described = await chat.SayAsync("tell me about the X4 plan");

        Assert.Contains("The X4 line plan: $44.00 per line per month", described.AllText());
        Assert.Contains("Not included: contact-center queues", described.AllText());
        Assert.Empty((await chat.CartAsync()).Items);
        var added = await chat.SayAsync("add 4 of those");
        Assert.Contains("Added 4 × X4 line", added.AllText());
        Assert.Equal([("X4-LINE", 4)], (await chat.CartAsync()).Items.Select(i => (i.Sku, i.Quantity)));
    }

    [Fact]
    public async Task The_comparison_card_shows_the_catalogs_prices_and_features_and_adds_from_its_boxes()
    {
        await ChangeCatalogAsync();
        using var chat = Chat();
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync("what's the difference between X2 and X4?");

        var card = (JObject)CardMessage.ContentOf(reply[^1].Attachments.Single())!;
        var json = card.ToString();
        Assert.Contains("$31.50 per month", json);
        Assert.Contains("$52.75 per month", json);
        Assert.Contains("Unlimited to 60 countries", json);
        Assert.DoesNotContain("$44.00", json);
        Assert.DoesNotContain("X6 line", json);
        Assert.NotNull(card.SelectToken("$..[?(@.id == 'qty.X4-LINE')]"));

        await chat.SubmitAsync(chat.SubmitData(CardActions.AddToCart, new Dictionary<string, string> { ["qty.X4-LINE"] = "3" }));
        Assert.Equal([("X4-LINE", 3)], (await chat.CartAsync()).Items.Select(i => (i.Sku, i.Quantity)));
    }

    [Fact]
    public async Task Without_cards_the_comparison_is_a_text_table_with_the_catalogs_prices()
    {
        await ChangeCatalogAsync();
        using var chat = Chat(channelId: "sms");
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync("compare plans");

        Assert.Empty(reply.SelectMany(a => a.Attachments ?? []));
        var text = reply.AllText();
        Assert.Contains("- X2 line: $31.50", text);
        Assert.Contains("- X4 line: $52.75", text);
        Assert.Contains("- X6 line: $85.00", text);
        Assert.Contains("- International calling: X2 line not included; X4 line unlimited to 60 countries; X6 line unlimited to 48 countries.", text);
        Assert.Contains("All of them include: calling in the US and Canada (unlimited)", text);
    }

    [Fact]
    public async Task Comparing_after_a_recommendation_marks_the_recommended_plan_and_those_are_asked_back()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "which plan do I need?", "yes", "no", "skip");

        var compared = await chat.SayAsync("compare plans");
        Assert.Contains("Recommended for you", CardMessage.ContentOf(compared[^1].Attachments.Single())!.ToString());

        var which = await chat.SayAsync("add 2 of those");
        Assert.Contains("Which one did you mean by \"those\"?", which.AllText());
        var added = await chat.SayAsync("the X4 line");
        Assert.Contains("Added 2 × X4 line", added.AllText());
    }

    [Fact]
    public async Task Plan_advice_as_the_first_message_greets_and_asks_the_first_question()
    {
        using var chat = Chat();

        var reply = await chat.SayAsync("Which plan do I need?");

        Assert.Contains("Hi Ava!", reply.AllText());
        Assert.Contains("A few quick questions", reply.AllText());
        Assert.Contains("other countries", reply.AllText());
    }

    [Fact]
    public async Task A_plan_with_nothing_that_fits_is_said_plainly_and_a_person_offered()
    {
        using (var connection = await OpenCatalogAsync())
        {
            await ExecuteAsync(connection, "UPDATE plan_features SET included = 0, value = 'Not included' WHERE code = 'contact-center'");
        }

        using var chat = Chat();
        var reply = await chat.SayAllAsync("hi", "we run a contact center, which plan do we need?");

        Assert.Contains("None of our self-service plans includes contact-center queues", reply.AllText());
        await chat.SayAsync("yes");
        Assert.Single(chat.Handoffs);
    }

    /// <summary>A catalog unlike the seed: other prices for X2 and X4, and X4 calling 60 countries.</summary>
    private async Task ChangeCatalogAsync()
    {
        using var connection = await OpenCatalogAsync();
        await ExecuteAsync(connection, "UPDATE products SET price_cents = 3150 WHERE sku = 'X2-LINE'");
        await ExecuteAsync(connection, "UPDATE products SET price_cents = 5275 WHERE sku = 'X4-LINE'");
        await ExecuteAsync(connection, "UPDATE plan_features SET value = 'Unlimited to 60 countries' WHERE sku = 'X4-LINE' AND code = 'international-calling'");
    }

    /// <summary>The world's ordering database, created and seeded by the service first.</summary>
    private async Task<SqliteConnection> OpenCatalogAsync()
    {
        using (var seeding = Chat())
        {
            await seeding.Ordering.GetCatalogAsync(CancellationToken.None);
        }

        var connection = new SqliteConnection($"Data Source={_world.OrderingDatabase};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync() > 0, sql);
    }

    public void Dispose() => _world.Dispose();
}
