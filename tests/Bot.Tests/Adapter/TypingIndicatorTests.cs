using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Adapter;

namespace My8x8.SalesBot.Bot.Tests.Adapter;

/// <summary>"typing…" for slow turns only, stopped by the first reply and never sent after the turn.</summary>
public sealed class TypingIndicatorTests
{
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _clock = new();
    private readonly TestAdapter _adapter;

    public TypingIndicatorTests()
    {
        _adapter = new TestAdapter(TestAdapter.CreateConversation(nameof(TypingIndicatorTests)));
        _adapter.Use(new TypingIndicatorMiddleware(Delay, Period, _clock));
    }

    private List<IActivity> Sent() => [.. _adapter.ActiveQueue];

    [Fact]
    public async Task A_quick_turn_sends_no_typing_activity()
    {
        await _adapter.ProcessActivityAsync(_adapter.MakeActivity("hi"), (turn, ct) => turn.SendActivityAsync("Hello!", cancellationToken: ct), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal([ActivityTypes.Message], Sent().Select(a => a.Type));
    }

    [Fact]
    public async Task A_slow_turn_shows_typing_after_the_delay_and_every_period_until_the_first_reply()
    {
        var working = new TaskCompletionSource();
        var replied = new TaskCompletionSource();
        var turn = _adapter.ProcessActivityAsync(_adapter.MakeActivity("checkout"), async (context, ct) =>
        {
            await working.Task;
            await context.SendActivityAsync("Here is your quote.", cancellationToken: ct);
            await replied.Task;
        }, CancellationToken.None);

        _clock.Advance(Delay - TimeSpan.FromMilliseconds(1));
        Assert.Empty(Sent());
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([ActivityTypes.Typing], Sent().Select(a => a.Type));
        _clock.Advance(Period);
        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Typing], Sent().Select(a => a.Type));

        working.SetResult();
        _clock.Advance(Period * 3); // the reply went out: no more typing while the turn finishes
        replied.SetResult();
        await turn;
        _clock.Advance(Period * 3);

        Assert.Equal([ActivityTypes.Typing, ActivityTypes.Typing, ActivityTypes.Message], Sent().Select(a => a.Type));
        Assert.All(Sent(), a => Assert.Equal(nameof(TypingIndicatorTests), a.Conversation.Id));
    }

    [Fact]
    public async Task Nothing_is_sent_after_a_silent_turn_ends()
    {
        var working = new TaskCompletionSource();
        var turn = _adapter.ProcessActivityAsync(_adapter.MakeActivity("hi"), (_, _) => working.Task, CancellationToken.None);
        _clock.Advance(Delay);
        working.SetResult();
        await turn;
        _clock.Advance(Period * 5);

        Assert.Equal([ActivityTypes.Typing], Sent().Select(a => a.Type));
    }

    [Fact]
    public async Task Events_and_other_non_message_activities_never_show_typing()
    {
        var working = new TaskCompletionSource();
        var activity = (Activity)Activity.CreateEventActivity();
        activity.Name = "salesbot.cardAdded";
        activity.ApplyConversationReference(_adapter.Conversation, isIncoming: true);
        var turn = _adapter.ProcessActivityAsync(activity, (_, _) => working.Task, CancellationToken.None);
        _clock.Advance(Period * 3);
        working.SetResult();
        await turn;

        Assert.Empty(Sent());
    }
}
