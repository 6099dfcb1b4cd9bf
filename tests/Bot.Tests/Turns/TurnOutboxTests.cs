using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Turns;

namespace My8x8.SalesBot.Bot.Tests.Turns;

/// <summary>The outbox holds a turn's replies at the adapter until the turn's state is saved, then delivers them in order.</summary>
public sealed class TurnOutboxTests : IDisposable
{
    private readonly List<string> _delivered = [];
    private readonly List<Exception> _failures = [];
    private readonly TurnContext _turn = new(new TestAdapter(), new Activity(ActivityTypes.Message, text: "hi"));

    private Func<Task<ResourceResponse[]>> Channel(Activity reply, params Exception[] refusals)
    {
        var attempts = 0;
        return () =>
        {
            if (attempts < refusals.Length)
            {
                throw refusals[attempts++];
            }

            _delivered.Add(reply.Text);
            return Task.FromResult(new[] { new ResourceResponse("sent") });
        };
    }

    private ResourceResponse[]? Send(string text, params Exception[] refusals)
    {
        var reply = MessageFactory.Text(text);
        return TurnOutbox.TryHold(_turn, [reply], Channel(reply, refusals));
    }

    private static ErrorResponseException Status(HttpStatusCode status) => new($"Operation returned an invalid status code '{status}'")
    {
        Response = new Microsoft.Rest.HttpResponseMessageWrapper(new HttpResponseMessage(status), ""),
    };

    [Fact]
    public async Task Replies_wait_for_the_release_and_then_go_out_in_order_while_typing_goes_out_at_once()
    {
        var outbox = TurnOutbox.Open(_turn);

        Assert.Null(TurnOutbox.TryHold(_turn, [new Activity(ActivityTypes.Typing)], () => throw new InvalidOperationException("sent by the caller")));
        Assert.NotNull(Send("first"));
        Assert.NotNull(Send("second"));
        Assert.Empty(_delivered);

        var undelivered = await outbox.ReleaseAsync(_failures.Add);

        Assert.Empty(undelivered);
        Assert.Equal(["first", "second"], _delivered);
        // After the release, replies are the caller's to send at once.
        Assert.Null(Send("later"));
    }

    [Fact]
    public void Without_an_open_outbox_nothing_is_held()
    {
        Assert.Null(Send("straight out"));

        var outbox = TurnOutbox.Open(_turn);
        outbox.Discard();

        Assert.Null(Send("the error handler's apology"));
    }

    [Fact]
    public async Task A_reply_the_channel_refuses_once_with_a_passing_fault_is_sent_again()
    {
        var outbox = TurnOutbox.Open(_turn);
        Send("confirmation", Status(HttpStatusCode.ServiceUnavailable));
        Send("what next", new HttpRequestException("The response ended prematurely."));

        var undelivered = await outbox.ReleaseAsync(_failures.Add);

        Assert.Empty(undelivered);
        Assert.Equal(["confirmation", "what next"], _delivered);
        Assert.Equal(2, _failures.Count);
    }

    [Fact]
    public async Task A_reply_refused_twice_is_returned_with_every_reply_after_it_so_none_arrives_out_of_order()
    {
        var outbox = TurnOutbox.Open(_turn);
        Send("added");
        Send("confirmation", Status(HttpStatusCode.BadGateway), Status(HttpStatusCode.BadGateway));
        Send("what next");

        var undelivered = await outbox.ReleaseAsync(_failures.Add);

        Assert.Equal(["added"], _delivered);
        Assert.Equal(["confirmation", "what next"], undelivered.Select(a => a.Text));
    }

    [Fact]
    public async Task A_refusal_that_cannot_pass_is_not_sent_again()
    {
        var outbox = TurnOutbox.Open(_turn);
        Send("confirmation", Status(HttpStatusCode.Forbidden), Status(HttpStatusCode.Forbidden));

        var undelivered = await outbox.ReleaseAsync(_failures.Add);

        Assert.Single(_failures);
        Assert.Equal(["confirmation"], undelivered.Select(a => a.Text));
    }

    [Fact]
    public async Task Replies_sent_again_from_an_earlier_turn_are_not_kept_a_second_time()
    {
        var outbox = TurnOutbox.Open(_turn);
        outbox.Redelivering = true;
        Send("earlier confirmation", Status(HttpStatusCode.ServiceUnavailable), Status(HttpStatusCode.ServiceUnavailable));
        outbox.Redelivering = false;
        Send("this turn's reply", Status(HttpStatusCode.ServiceUnavailable), Status(HttpStatusCode.ServiceUnavailable));

        var undelivered = await outbox.ReleaseAsync(_failures.Add);

        Assert.Equal(["this turn's reply"], undelivered.Select(a => a.Text));
    }

    public void Dispose() => _turn.Dispose();
}
