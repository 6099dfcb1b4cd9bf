using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>
/// The intent model in the conversation: phrasings no shortcut knows are understood, the confidence bands act, ask or
/// re-prompt (with the thresholds from settings), and one yes/no recognizer answers every yes-or-no question.
/// </summary>
public sealed class UnderstandingTests : IDisposable
{
    private const string Sorry = "didn't catch that";
    private readonly SalesWorld _world = new();

    private SalesConversation Chat(string user = DemoUsers.Ava, double? actAbove = null, double? askAbove = null)
    {
        var settings = new Dictionary<string, string?>();
        if (actAbove is { } act)
        {
            settings["SalesBot:Understanding:ActAbove"] = act.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (askAbove is { } ask)
        {
            settings["SalesBot:Understanding:AskAbove"] = ask.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new SalesConversation(user, world: _world, settings: settings);
    }

    [Theory]
    [InlineData("I want to talk to a sales person")]
    [InlineData("I'd like a representative")]
    [InlineData("is there a real person?")]
    [InlineData("I wanna speak with someone")]
    [InlineData("real human")]
    public async Task Asking_for_a_person_in_other_words_brings_in_a_sales_agent(string ask)
    {
        using var chat = Chat();
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync(ask);

        Assert.DoesNotContain(Sorry, reply.AllText());
        var handoff = Assert.Single(chat.Handoffs);
        Assert.Equal(HandoffReason.CustomerAsked, handoff.Reason);
    }

    [Theory]
    [InlineData("I want to talk to a sales person")]
    [InlineData("is there a real person?")]
    public async Task Asking_for_a_person_as_the_first_message_or_mid_checkout_brings_in_an_agent(string ask)
    {
        using (var first = Chat())
        {
            await first.SayAsync(ask);
            Assert.Equal(HandoffReason.CustomerAsked, Assert.Single(first.Handoffs).Reason);
        }

        using var checkout = Chat();
        await checkout.SayAllAsync("hi", "add 1 X2 line and 1 Poly VVX 250", "checkout", "use it");
        await checkout.SayAsync(ask);
        Assert.Equal(HandoffReason.CustomerAsked, Assert.Single(checkout.Handoffs).Reason);
    }

    [Theory]
    [InlineData("what's the status of my order?")]
    [InlineData("where are my phones")]
    public async Task Order_status_questions_are_answered_with_the_customers_order_and_its_status(string ask)
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 1 X2 line", "checkout", "use it", "continue", "I agree");
        var order = await chat.LastOrderAsync();

        var reply = await chat.SayAsync(ask);

        Assert.DoesNotContain(Sorry, reply.AllText());
        Assert.Contains($"Order {order!.Number}: Placed", reply.AllText());
        Assert.Contains("1 × X2 line", reply.AllText());
        Assert.Empty(chat.Handoffs);
    }

    [Fact]
    public async Task Plan_advice_in_words_no_rule_knows_starts_the_plan_advisor()
    {
        using var chat = Chat();
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync("is x6 worth it");

        Assert.DoesNotContain(Sorry, reply.AllText());
        Assert.Contains("A few quick questions", reply.AllText());
        Assert.Contains("other countries", reply.AllText());
        Assert.Empty(chat.Handoffs);
        Assert.Empty((await chat.CartAsync()).Items);
    }

    [Fact]
    public async Task Plan_advice_at_a_checkout_step_says_where_to_choose_and_the_step_continues()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 Poly VVX 250", "checkout", "use it");

        var reply = await chat.SayAsync("which plan should we get?");

        Assert.Contains("say \"change cart\", then \"which plan do I need?\"", reply.AllText());
        Assert.Contains("Ground", reply.AllText());
        Assert.Empty(chat.Handoffs);
    }

    [Fact]
    public async Task Upgrading_existing_service_mid_checkout_is_offered_to_an_agent_and_the_step_continues()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 Poly VVX 250", "checkout", "use it");

        var reply = await chat.SayAsync("could we move our current users to a better edition");

        Assert.Contains("a sales agent can", reply.AllText());
        Assert.Contains("Ground", reply.AllText());
        Assert.Empty(chat.Handoffs);
        await chat.SayAsync("agent");
        Assert.Equal(HandoffReason.UpgradeRequest, Assert.Single(chat.Handoffs).Reason);
    }

    [Fact]
    public async Task Ok_thats_all_with_items_in_the_cart_goes_on_to_checkout()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 1 X2 line");

        var reply = await chat.SayAsync("ok that's all");

        Assert.DoesNotContain(Sorry, reply.AllText());
        Assert.Contains("Visa", reply.AllText());
        await chat.SayAllAsync("use it", "continue", "I agree");
        Assert.NotNull(await chat.LastOrderAsync());
    }

    [Fact]
    public async Task Add_a_card_before_checkout_gives_the_secure_card_page()
    {
        using var chat = Chat(DemoUsers.Jack);
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync("add a card");

        Assert.DoesNotContain(Sorry, reply.AllText());
        Assert.Contains("/payments/cards/new?token=", reply.AllText());
    }

    [Fact]
    public async Task Emptying_the_cart_in_other_words_empties_it()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 2 X2 lines");

        var reply = await chat.SayAsync("get rid of everything in my cart");

        Assert.Contains(SalesTexts.CartEmptied, reply.AllText());
        Assert.True((await chat.CartAsync()).IsEmpty);
    }

    [Fact]
    public async Task A_cart_change_that_names_a_product_stays_a_cart_change()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 headset");

        await chat.SayAsync("cancel the headset");

        var cart = await chat.CartAsync();
        Assert.Single(cart.Items);
        Assert.Equal(1, cart.LineCount);
    }

    [Fact]
    public async Task An_add_without_products_gets_a_specific_question_not_an_apology()
    {
        using var chat = Chat();
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync("I'd like more stuff");

        Assert.DoesNotContain(Sorry, reply.AllText());
        Assert.Contains("what would you like to add, and how many?", reply.AllText());
    }

    [Fact]
    public async Task In_the_middle_band_the_bot_asks_before_acting_and_yes_acts()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 2 X2 lines");

        var asked = await chat.SayAsync("can I get rid of everything");

        Assert.Contains("Did you want to empty your cart?", asked.AllText());
        Assert.Equal(["Yes", "No"], asked.Suggestions());
        Assert.Equal(2, (await chat.CartAsync()).LineCount);
        await chat.SayAsync("Yes");
        Assert.True((await chat.CartAsync()).IsEmpty);
    }

    [Fact]
    public async Task In_the_middle_band_no_changes_nothing_and_the_step_asks_again()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 2 X2 lines");
        await chat.SayAsync("can I get rid of everything");

        var no = await chat.SayAsync("no");

        Assert.Contains("Okay, I won't do that.", no.AllText());
        Assert.Equal(2, (await chat.CartAsync()).LineCount);
        await chat.SayAsync("yes");
        Assert.Equal(2, (await chat.CartAsync()).LineCount);
    }

    [Fact]
    public async Task A_question_the_customer_does_not_answer_lapses_and_their_message_is_read()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 2 X2 lines");
        await chat.SayAsync("can I get rid of everything");

        await chat.SayAsync("add 1 headset");
        await chat.SayAsync("yes");

        var cart = await chat.CartAsync();
        Assert.Equal(2, cart.LineCount);
        Assert.Equal(2, cart.Items.Count);
    }

    [Fact]
    public async Task The_act_threshold_is_a_setting_below_it_the_bot_asks_about_an_agent_and_yes_brings_one()
    {
        using var chat = Chat(actAbove: 0.9999, askAbove: 0.4);
        await chat.SayAsync("hi");

        var asked = await chat.SayAsync("I'd like a representative");

        Assert.Contains("Did you want to talk to a sales agent?", asked.AllText());
        Assert.Equal(["Yes", "No"], asked.Suggestions());
        Assert.Empty(chat.Handoffs);
        await chat.SayAsync("yes please");
        Assert.Equal(HandoffReason.CustomerAsked, Assert.Single(chat.Handoffs).Reason);
    }

    [Fact]
    public async Task The_ask_threshold_is_a_setting_below_it_the_step_re_prompts_in_its_own_way()
    {
        using var chat = Chat(actAbove: 0.9999, askAbove: 0.9999);
        await chat.SayAsync("hi");

        var reply = await chat.SayAsync("I'd like a representative");

        Assert.Contains(Sorry, reply.AllText());
        Assert.DoesNotContain("Did you want", reply.AllText());
        Assert.Empty(chat.Handoffs);
    }

    [Fact]
    public async Task Words_the_model_is_unsure_about_get_the_step_re_prompt_and_count_as_a_misunderstanding()
    {
        using var chat = Chat();
        await chat.SayAsync("hi");

        var first = await chat.SayAsync("people");
        Assert.Contains(Sorry, first.AllText());
        Assert.DoesNotContain("Did you want", first.AllText());

        await chat.SayAsync("purple monkey dishwasher");
        var third = await chat.SayAsync("asdf qwer");
        Assert.Contains("Would you like a sales agent", third.AllText());
        Assert.Empty(chat.Handoffs);
    }

    [Fact]
    public async Task At_a_checkout_step_low_confidence_words_get_that_steps_own_re_prompt()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 1 X2 line and 1 Poly VVX 250", "checkout", "use it");

        var reply = await chat.SayAsync("people");

        Assert.Contains("Please choose a shipping method", reply.AllText());
        Assert.Empty(chat.Handoffs);
    }

    [Theory]
    [InlineData("I agree, no changes")]
    [InlineData("I agree, no changes.")]
    [InlineData("yes, I accept")]
    [InlineData("I have read the terms and accept them")]
    public async Task An_agreement_in_the_customers_words_places_the_order(string agreement)
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 1 X2 line", "checkout", "use it", "continue");

        await chat.SayAsync(agreement);

        Assert.NotNull(await chat.LastOrderAsync());
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("yes")]
    [InlineData("I agree, or maybe not")]
    public async Task At_the_terms_a_bare_or_unsure_yes_is_not_an_agreement_to_buy(string answer)
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 1 X2 line", "checkout", "use it", "continue");

        var reply = await chat.SayAsync(answer);

        Assert.Contains("explicit agreement", reply.AllText());
        Assert.Null(await chat.LastOrderAsync());
    }

    [Theory]
    [InlineData("I don't agree")]
    [InlineData("I'd rather not")]
    [InlineData("I agree but remove the line first")]
    [InlineData("I have read them and do not agree")]
    public async Task At_the_terms_a_decline_goes_back_to_the_cart_and_orders_nothing(string answer)
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "add 1 X2 line", "checkout", "use it", "continue");

        var reply = await chat.SayAsync(answer);

        Assert.Contains("nothing was ordered", reply.AllText());
        Assert.Null(await chat.LastOrderAsync());
    }

    [Fact]
    public async Task An_offer_of_an_agent_is_accepted_by_a_yes_in_other_words()
    {
        using var chat = Chat();
        await chat.SayAllAsync("hi", "blue elephants", "purple giraffes", "green monkeys");

        await chat.SayAsync("sure why not");

        Assert.Equal(HandoffReason.RepeatedFailures, Assert.Single(chat.Handoffs).Reason);
    }

    public void Dispose() => _world.Dispose();
}
