using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Adapter;

/// <summary>
/// Shows "typing…" while a slow turn works: when a message turn has not answered within <c>delay</c>, a typing
/// activity is sent, then again every <c>period</c>, until the bot sends its first message or the turn ends.
/// Quick turns send nothing extra.
/// </summary>
/// <remarks>
/// Does what the SDK's <c>ShowTypingMiddleware</c> does, without its cost on every turn: that one runs a
/// cancellable <c>Task.Delay</c> loop that ends each turn by throwing and catching a <see cref="TaskCanceledException"/>
/// (about two exceptions per turn under load); this one arms one timer and disarms it.
/// Typing activities go straight to the adapter, like the SDK's, so they are not recorded in the transcript and
/// do not mark the turn as responded.
/// </remarks>
public sealed class TypingIndicatorMiddleware(TimeSpan delay, TimeSpan period, TimeProvider clock) : Microsoft.Bot.Builder.IMiddleware
{
    public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(next);
        if (turnContext.Activity.Type != ActivityTypes.Message)
        {
            await next(cancellationToken);
            return;
        }

        var indicator = new Indicator(turnContext, period);
        indicator.Start(clock, delay);
        turnContext.OnSendActivities(async (context, activities, nextSend) =>
        {
            if (activities.Exists(a => a.Type == ActivityTypes.Message))
            {
                indicator.Stop();
            }

            return await nextSend();
        });

        try
        {
            await next(cancellationToken);
        }
        finally
        {
            await indicator.StopAsync();
        }
    }

    /// <summary>One turn's timer; its callbacks never overlap and nothing is sent once it is stopped.</summary>
    private sealed class Indicator(ITurnContext turnContext, TimeSpan period)
    {
        private readonly Lock _lock = new();
        private ITimer? _timer;
        private Task _sending = Task.CompletedTask;
        private bool _stopped;

        public void Start(TimeProvider clock, TimeSpan delay)
        {
            var timer = clock.CreateTimer(static state => ((Indicator)state!).Tick(), this, delay, Timeout.InfiniteTimeSpan);
            lock (_lock)
            {
                if (_stopped)
                {
                    timer.Dispose();
                    return;
                }

                _timer = timer;
            }
        }

        public void Stop()
        {
            lock (_lock)
            {
                _stopped = true;
                _timer?.Dispose();
                _timer = null;
            }
        }

        /// <summary>Stops, then waits for a typing activity already on its way, so none arrives after the turn.</summary>
        public Task StopAsync()
        {
            Stop();
            lock (_lock)
            {
                return _sending;
            }
        }

        private void Tick()
        {
            lock (_lock)
            {
                if (_stopped)
                {
                    return;
                }

                _sending = SendAsync();
            }
        }

        private async Task SendAsync()
        {
            try
            {
                var typing = new Activity { Type = ActivityTypes.Typing, RelatesTo = turnContext.Activity.RelatesTo };
                typing.ApplyConversationReference(turnContext.Activity.GetConversationReference());
                await turnContext.Adapter.SendActivitiesAsync(turnContext, [typing], CancellationToken.None);
            }
#pragma warning disable CA1031 // A typing indicator that cannot be sent must not fail the turn it decorates.
            catch (Exception)
            {
            }
#pragma warning restore CA1031
            finally
            {
                lock (_lock)
                {
                    _timer?.Change(period, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }
}
