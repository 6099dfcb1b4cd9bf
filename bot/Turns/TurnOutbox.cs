using System.Net;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace My8x8.SalesBot.Turns;

/// <summary>
/// Holds a turn's replies until <see cref="ReleaseAsync"/>, at the adapter's last step before the channel
/// (<see cref="Adapter.SalesBotAdapter"/>): every send handler of the turn (transcript, handoff, Teams privacy,
/// typing) has already seen and shaped each reply, in the order the bot sent it, exactly as without the outbox; only
/// the delivery to the channel waits until the turn's state is saved. Typing indicators are not held.
/// </summary>
internal sealed class TurnOutbox
{
    // Short: the SDK's turn state compares keys culture-aware (ICU), at a cost that grows with the key's length.
    private const string Key = "turn.outbox";

    private readonly List<Held> _held = [];
    private bool _holding = true;

    private TurnOutbox()
    {
    }

    /// <summary>The outbox of <paramref name="turnContext"/>'s turn, once the commit middleware opened it; read after the turn to learn whether its replies got through.</summary>
    public static TurnOutbox? Of(ITurnContext turnContext) => turnContext?.TurnState.Get<TurnOutbox>(Key);

    /// <summary>Starts holding the replies of <paramref name="turnContext"/>.</summary>
    public static TurnOutbox Open(ITurnContext turnContext)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        var outbox = new TurnOutbox();
        turnContext.TurnState[Key] = outbox;
        return outbox;
    }

    /// <summary>
    /// Called by the adapter for activities on their way to the channel: when the turn's outbox is holding, it keeps
    /// them with <paramref name="send"/> and answers for the channel (which has not assigned ids yet; nothing in the
    /// bot reads them); otherwise null, and the caller sends them now.
    /// </summary>
    public static ResourceResponse[]? TryHold(ITurnContext turnContext, Activity[] activities, Func<Task<ResourceResponse[]>> send)
    {
        if (turnContext.TurnState.Get<TurnOutbox>(Key) is not { _holding: true } outbox
            || Array.TrueForAll(activities, a => a.Type == ActivityTypes.Typing))
        {
            return null;
        }

        outbox._held.Add(new Held([.. activities], send, outbox.Redelivering));
        return [.. activities.Select(_ => new ResourceResponse())];
    }

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

            if (await TrySendAsync(held, failed) is { } stopped)
            {
                StoppedBy = stopped;
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

    /// <summary>Sends, once more on a failure that may pass; returns the failure that stopped it, or null once sent.</summary>
    private static async Task<Exception?> TrySendAsync(Held held, Action<Exception> failed)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await held.Send();
                return null;
            }
#pragma warning disable CA1031 // A reply that cannot be sent must not turn a saved, successful turn into an error.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failed(ex);
                if (attempt == 2 || !MayPass(ex))
                {
                    return ex;
                }
            }
        }
    }

    /// <summary>The failure that stopped delivery in <see cref="ReleaseAsync"/>, if any.</summary>
    public Exception? StoppedBy { get; private set; }

    /// <summary>
    /// Whether <paramref name="exception"/> stopped the delivery of this turn's replies because the activity's
    /// serviceUrl does not answer at all (nothing listens there, the name does not resolve): the caller gave an
    /// address no channel has, which the messages endpoint answers as a client error.
    /// </summary>
    public static bool StoppedDelivery(ITurnContext turnContext, Exception exception) =>
        turnContext?.TurnState.Get<TurnOutbox>(Key) is { StoppedBy: { } stopped } && ReferenceEquals(stopped, exception);

    /// <summary>The serviceUrl does not answer at all, as opposed to a channel that answered badly or dropped the line.</summary>
    internal static bool IsUnreachable(Exception exception) => exception is HttpRequestException
    {
        HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
    } or HttpRequestException { InnerException: System.Net.Sockets.SocketException };

    /// <summary>Failures a second attempt may get past: the channel's 5xx, 429 or 408, and transport failures.</summary>
    internal static bool MayPass(Exception exception) => exception switch
    {
        ErrorResponseException { Response.StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout } => true,
        Microsoft.Rest.HttpOperationException { Response.StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout } => true,
        HttpRequestException or IOException or TaskCanceledException or TimeoutException => true,
        _ => false,
    };

    private sealed record Held(List<Activity> Activities, Func<Task<ResourceResponse[]>> Send, bool Redelivery);
}
