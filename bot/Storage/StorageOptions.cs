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

    /// <summary>
    /// Conversation state not written for this long is deleted (with the channel activity ids kept in it against
    /// retries): a customer who comes back later starts a new conversation. As long as a cart lives
    /// (SalesBot:Ordering:CartIdleTimeout) and a website chat can be resumed: past both, nothing in the conversation's
    /// state can be taken up again. User state is kept.
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan ConversationRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often idle conversation state is looked for and deleted (in batches, between turns' writes).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}
