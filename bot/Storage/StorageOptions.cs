using System.ComponentModel.DataAnnotations;

namespace My8x8.SalesBot.Storage;

/// <summary>Where conversation and user state live.</summary>
public sealed class StorageOptions
{
    public const string Section = "SalesBot:Storage";

    /// <summary>SQLite connection string; a relative data source is resolved against the host's content root.</summary>
    [Required]
    public string ConnectionString { get; set; } = "Data Source=data/salesbot-state.db";

    /// <summary>
    /// The longest a turn waits to save its state (SQLite or PostgreSQL) — for example while another process holds the
    /// SQLite file locked. Past it the customer is answered in time: "please send that again in a moment", or, when the
    /// turn already changed their cart, what changed. With the turn lock's wait it stays inside the channels' 15 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(4);
}
