using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Turns;

/// <summary>
/// What the host remembers about a conversation's recent turns, saved with its state (so it is exactly as durable as
/// the turns' effects on that state, and shared by every instance on the same store): the ids of the activities
/// already processed, and replies the channel did not accept.
/// </summary>
public sealed class TurnRecord
{
    /// <summary>Activities processed, oldest first; see <see cref="TurnLockOptions.DeduplicationWindow"/>.</summary>
    [JsonProperty("seen")]
    public List<SeenActivity> Seen { get; set; } = [];

    /// <summary>Replies of an earlier turn that never reached the customer, sent first in the next turn.</summary>
    [JsonProperty("undelivered", NullValueHandling = NullValueHandling.Ignore)]
    public List<JObject>? Undelivered { get; set; }

    public bool HasSeen(string activityId) => Seen.Exists(seen => seen.Id == activityId);

    /// <summary>Remembers <paramref name="activityId"/>, forgetting ids older than the window and the oldest beyond the limit.</summary>
    public void Remember(string activityId, DateTimeOffset now, TimeSpan window, int limit)
    {
        var oldest = (now - window).ToUnixTimeSeconds();
        Seen.RemoveAll(seen => seen.At < oldest);
        Seen.Add(new SeenActivity { Id = activityId, At = now.ToUnixTimeSeconds() });
        if (Seen.Count > limit)
        {
            Seen.RemoveRange(0, Seen.Count - limit);
        }
    }
}

/// <summary>A processed activity: its id and when it was processed (Unix seconds; short, as it is in every turn's state).</summary>
public sealed class SeenActivity
{
    [JsonProperty("id")]
    public string Id { get; set; } = "";

    [JsonProperty("at")]
    public long At { get; set; }
}
