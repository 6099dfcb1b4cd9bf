using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Turns;

/// <summary>
/// Holds a turn's replies until <see cref="ReleaseAsync"/>: registered last, so the transcript and typing handlers
/// before it see each reply as the bot sends it, and the channel gets it only once the turn's state is saved.
/// </summary>
internal sealed class TurnOutbox
{
    private readonly List<Held> _held = [];
    private bool _holding = true;

    public TurnOutbox(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.OnSendActivities(OnSendAsync);
    }

    /// <summary>Whether replies are waiting.</summary>
    public bool Any => _held.Count > 0;

    /// <summary>Marks the replies held from now on as a second attempt (undelivered in an earlier turn): if they fail again they are dropped.</summary>
    public bool Redelivering { get; set; }

    /// <summary>Drops the held replies (the turn failed before anything was saved); later sends go straight out.</summary>
    public void Discard()
    {
        _holding = false;
        _held.Clear();
    }

    /// <summary>
    /// Sends the held replies in order; from now on replies go straight out. A reply the channel fails to accept for a
    /// reason that may pass (5xx, 429, a dropped connection, a timeout) is sent once more. Returns the replies that
    /// still did not get through — the one that failed and every one after it, except second attempts — so the caller
    /// can keep them for the next turn; nothing here throws, because the turn's work is already done and saved.
    /// </summary>
    public async Task<List<Activity>> ReleaseAsync(Action<Exception> failed)
    {
        ArgumentNullException.ThrowIfNull(failed);
        _holding = false;
        var undelivered = new List<Activity>();
        for (var i = 0; i < _held.Count; i++)
        {
            var held = _held[i];
            if (undelivered.Count > 0)
            {
                // The channel is not taking replies: the rest waits too, in order, rather than arriving out of order.
                Keep(held, undelivered);
                continue;
            }

            if (!await TrySendAsync(held, failed))
            {
                Keep(held, undelivered);
            }
        }

        _held.Clear();
        return undelivered;
    }

    private static void Keep(Held held, List<Activity> undelivered)
    {
        if (!held.Redelivery)
        {
            undelivered.AddRange(held.Activities);
        }
    }

    private static async Task<bool> TrySendAsync(Held held, Action<Exception> failed)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await held.Send();
                return true;
            }
#pragma warning disable CA1031 // A reply that cannot be sent must not turn a saved, successful turn into an error.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failed(ex);
                if (attempt == 2 || !MayPass(ex))
                {
                    return false;
                }
            }
        }
    }

    /// <summary>Failures a second attempt may get past: the channel's 5xx, 429 or 408, and transport failures.</summary>
    internal static bool MayPass(Exception exception) => exception switch
    {
        ErrorResponseException { Response.StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout } => true,
        Microsoft.Rest.HttpOperationException { Response.StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout } => true,
        HttpRequestException or IOException or TaskCanceledException or TimeoutException => true,
        _ => false,
    };

    private Task<ResourceResponse[]> OnSendAsync(ITurnContext context, List<Activity> activities, Func<Task<ResourceResponse[]>> next)
    {
        if (!_holding)
        {
            return next();
        }

        _held.Add(new Held(activities, next, Redelivering));
        // The channel has not assigned ids yet; nothing in the bot reads them.
        return Task.FromResult(activities.Select(_ => new ResourceResponse()).ToArray());
    }

    private sealed record Held(List<Activity> Activities, Func<Task<ResourceResponse[]>> Send, bool Redelivery);
}
