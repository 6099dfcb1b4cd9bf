using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Handoff;

/// <summary>The callback capture as the customer meets it: phone, time inside sales hours, confirmation, limits and ways out.</summary>
public sealed class CallbackDialogTests : IAsyncLifetime
{
    private ChannelSink _sink = null!;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private CustomerChat Chat(HandoffBotFactory factory, string conversationId) => new(factory.CreateClient(), _sink, conversationId, DemoUsers.Ava);

    private static Task<IReadOnlyList<CallbackRequest>> CallbacksAsync(HandoffBotFactory factory) =>
        factory.Services.GetRequiredService<IHandoffStore>().ListCallbacksAsync(CancellationToken.None);

    [Fact]
    public async Task A_callback_asks_each_question_at_most_three_times_then_gives_the_sales_number_and_hands_back_to_the_bot()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "callback-limit");
        await customer.SayAsync("hi");
        await customer.SayAsync("add 2 X4 lines");
        Assert.Contains("What phone number should our sales team call?", await customer.SayAsync("call me back"));

        Assert.Contains("couldn't find a full phone number", await customer.SayAsync("hello?"));
        Assert.Contains("couldn't find a full phone number", await customer.SayAsync("my office"));
        var gaveUp = await customer.SayAsync("the usual one");

        Assert.Contains("no callback was booked", gaveUp);
        Assert.Contains("1-866-879-8647", gaveUp);
        Assert.Contains("6:00 a.m.–5:00 p.m. Pacific", gaveUp);
        Assert.Empty(await CallbacksAsync(factory));
        Assert.Null(await factory.Services.GetRequiredService<IHandoffStore>().GetActiveAsync("test/callback-limit", CancellationToken.None));
        Assert.Contains("Your cart", await customer.SayAsync("cart"));
        Assert.Equal(2, (await factory.Services.GetRequiredService<IOrderingService>().GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None)).LineCount);
    }

    [Fact]
    public async Task The_time_question_has_its_own_limit_after_the_phone_number_was_taken()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "callback-time-limit");
        await customer.SayAsync("hi");
        await customer.SayAsync("call me back");
        Assert.Contains("couldn't find a full phone number", await customer.SayAsync("hmm"));
        Assert.Contains("When suits you?", await customer.SayAsync("408-555-0100"));

        Assert.Contains("When should we call?", await customer.SayAsync("whenever"));
        Assert.Contains("When should we call?", await customer.SayAsync("any time really"));
        Assert.Contains("no callback was booked", await customer.SayAsync("you pick"));
        Assert.Empty(await CallbacksAsync(factory));
    }

    [Fact]
    public async Task A_time_outside_non_default_sales_hours_is_proposed_again_inside_them_and_a_no_asks_for_another()
    {
        using var factory = new ShortHoursFactory();
        var customer = Chat(factory, "callback-short-hours");
        await customer.SayAsync("hi");
        await customer.SayAsync("call me back");

        var askTime = await customer.SayAsync("408-555-0100");
        Assert.Contains("Sales calls 8:30 a.m.–1:30 p.m. Pacific", askTime);
        var proposal = await customer.SayAsync("tomorrow at 3 pm");
        Assert.Contains("Sales isn't working tomorrow at 3:00 p.m. Pacific (8:30 a.m.–1:30 p.m. Pacific", proposal);
        Assert.Contains("The nearest time I can book is Thursday at 8:30 a.m. Pacific. Shall I book that?", proposal);
        Assert.Contains("When should we call?", await customer.SayAsync("no"));
        var booked = await customer.SayAsync("tomorrow at 9");

        Assert.Contains("Done — sales will call you at 408-555-0100 tomorrow at 9:00 a.m. Pacific", booked);
        Assert.Contains("If you need us sooner, call 1-800-555-0199", booked);
        var callback = Assert.Single(await CallbacksAsync(factory));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 17, 0, 0, TimeSpan.Zero), callback.PreferredAt);
        Assert.Equal("CustomerAsked", callback.Reason.ToString());
    }

    [Fact]
    public async Task An_unclear_answer_to_a_proposed_time_is_asked_again_as_the_yes_or_no_it_is()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "callback-unclear-yes");
        await customer.SayAsync("hi");
        await customer.SayAsync("call me back");
        Assert.Contains("Shall I book that?", await customer.SayAsync("408-555-0100 on Saturday at 10"));

        var again = await customer.SayAsync("hmm, not sure");

        Assert.Contains("Please answer \"yes\" to book that time, \"no\" to pick another, or tell me another time.", again);
        Assert.DoesNotContain("When should we call?", again);
        Assert.Empty(await CallbacksAsync(factory));
        Assert.Contains("Done — sales will call you at 408-555-0100", await customer.SayAsync("yes"));
    }

    [Fact]
    public async Task A_new_time_in_place_of_a_yes_is_proposed_or_booked_and_a_phone_with_a_time_books_at_once()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "callback-new-time");
        await customer.SayAsync("hi");
        await customer.SayAsync("call me back");
        Assert.Contains("Shall I book that?", await customer.SayAsync("408-555-0100 on Saturday at 10"));
        var booked = await customer.SayAsync("tomorrow at 11");
        Assert.Contains("Done — sales will call you at 408-555-0100 tomorrow at 11:00 a.m. Pacific", booked);

        var other = Chat(factory, "callback-at-once");
        await other.SayAsync("hi");
        await other.SayAsync("call me back");
        Assert.Contains("Done — sales will call you at 650-555-0123 tomorrow at 9:00 a.m. Pacific", await other.SayAsync("650-555-0123 tomorrow at 9"));
        Assert.Equal(2, (await CallbacksAsync(factory)).Count);
    }

    [Fact]
    public async Task Cancel_at_the_time_question_books_nothing_and_the_step_the_customer_was_at_is_asked_again()
    {
        using var factory = new HandoffBotFactory(HandoffBotFactory.TuesdayTenPacific);
        var customer = Chat(factory, "callback-cancel");
        await customer.SayAsync("hi");
        await customer.SayAsync("add 2 X4 lines");
        await customer.SayAsync("call me back");
        await customer.SayAsync("408-555-0100");

        var cancelled = await customer.SayAsync("cancel");

        Assert.Contains("no callback was booked. Back to where we were:", cancelled);
        Assert.Empty(await CallbacksAsync(factory));
        Assert.Contains("Your cart", await customer.SayAsync("cart"));
        Assert.Equal(2, (await factory.Services.GetRequiredService<IOrderingService>().GetOpenCartAsync(DemoUsers.Ava, CancellationToken.None)).LineCount);
        // A second request starts again at the phone number, not where the first one stopped.
        Assert.Contains("What phone number", await customer.SayAsync("call me back"));
        Assert.Contains("When suits you?", await customer.SayAsync("408-555-0100"));
    }

    /// <summary>Sales hours and phone number other than the defaults, so the texts must read them from the settings.</summary>
    private sealed class ShortHoursFactory() : HandoffBotFactory(TuesdayTenPacific)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("SalesBot:SalesHours:Opens", "08:30");
            builder.UseSetting("SalesBot:SalesHours:Closes", "13:30");
            builder.UseSetting("SalesBot:SalesHours:Phone", "1-800-555-0199");
        }
    }
}
