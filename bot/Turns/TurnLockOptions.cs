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
}
