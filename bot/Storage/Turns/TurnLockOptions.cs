using System.ComponentModel.DataAnnotations;

namespace My8x8.SalesBot.Turns;

/// <summary>Settings under "SalesBot:Turns".</summary>
public sealed class TurnLockOptions
{
    public const string Section = "SalesBot:Turns";

    /// <summary>
    /// How long a turn waits for the previous turn of its conversation (on any instance) before it is refused with a
    /// "still working on your previous message" reply. Below the channels' 15 s retry window.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// How long a processed activity's id is remembered with its conversation, so a channel's retry of it (same
    /// channel, conversation and activity id) is answered without a second effect. Channels retry within seconds to
    /// minutes; older ids are dropped from the conversation's state whenever it is saved.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DeduplicationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many activity ids are remembered per conversation (the newest), keeping its state small.</summary>
    [Range(1, 200)]
    public int DeduplicationMaxActivities { get; set; } = 16;
}
