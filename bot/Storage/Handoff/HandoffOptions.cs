using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace My8x8.SalesBot.Handoff;

/// <summary>Where a handoff goes: the built-in agent console, or a contact center that speaks the Bot Framework handoff protocol.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HandoffMode>))]
public enum HandoffMode
{
    Console,
    HandoffEvent,
}

/// <summary>Live-agent handoff settings under <c>SalesBot:Handoff</c>.</summary>
public sealed class HandoffOptions
{
    public const string Section = "SalesBot:Handoff";

    public HandoffMode Mode { get; set; } = HandoffMode.Console;

    /// <summary>
    /// Channels that cannot carry event activities to a hub (Teams) keep using the console in
    /// <see cref="HandoffMode.HandoffEvent"/> mode.
    /// </summary>
    public List<string> ConsoleOnlyChannels { get; set; } = ["msteams"];

    /// <summary>
    /// SQLite connection string for handoffs, transcripts and callback requests (a relative data source is under the
    /// content root). Empty: <c>handoff.db</c> in the same folder as the conversation state database.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long a customer waits for an agent (or the hub) to accept before the bot offers a callback.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan AcceptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Used for the expected wait the customer is told: this much per customer ahead, including them.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ExpectedWaitPerCustomer { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the background sweep looks for handoffs nobody accepted in time.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>A callback request the customer stops answering is dropped after this long, and the bot takes the conversation back.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan CallbackCaptureTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The last this-many transcript entries of a conversation are kept (the size cap).</summary>
    [Range(10, 5000)]
    public int TranscriptMaxEntries { get; set; } = 200;

    /// <summary>Longer messages are cut in the transcript.</summary>
    [Range(100, 20000)]
    public int TranscriptMaxCharacters { get; set; } = 2000;

    /// <summary>Transcripts of conversations idle longer than this are deleted.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan TranscriptRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Days of the sales funnel kept (the supervisor view shows today; the exported metrics keep the history): rows of
    /// older days are deleted by the sweep, so the funnel's table stays bounded.
    /// </summary>
    [Range(1, 3660)]
    public int FunnelRetentionDays { get; set; } = 30;

    /// <summary>
    /// An agent whose console has not been connected for this long is offline: not offered for transfers, and a transfer
    /// to them is refused. The console refreshes its agent's presence every third of this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:15", "01:00:00")]
    public TimeSpan AgentPresenceTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Agent accounts for the console's own sign-in (Development); passwords as PBKDF2 hashes only.</summary>
    public List<AgentAccountOptions> Agents { get; set; } = [];

    /// <summary>Outside Development the agent accounts above are ignored unless this is true (use OpenID Connect instead).</summary>
    public bool AllowAgentAccountsOutsideDevelopment { get; set; }

    /// <summary>After this many wrong passwords in a row for one agent id, that id is locked for <see cref="SignInLockoutDuration"/>.</summary>
    [Range(1, 100)]
    public int SignInLockoutFailures { get; set; } = 5;

    /// <summary>How long a locked agent id refuses every password, the right one included.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan SignInLockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Sign-in through an OpenID Connect provider (Entra ID); on when Authority and ClientId are set.</summary>
    public AgentOpenIdConnectOptions OpenIdConnect { get; set; } = new();
}

/// <summary>One agent who signs in to the console with a password.</summary>
public sealed class AgentAccountOptions
{
    [Required]
    public string Id { get; set; } = "";

    [Required]
    public string DisplayName { get; set; } = "";

    /// <summary>The password's hash as made by the agent console's <c>AgentPasswordHasher.Hash</c> (ASP.NET Core Identity's format); never the password itself.</summary>
    [Required]
    public string PasswordHash { get; set; } = "";

    /// <summary>Roles beyond answering customers: <c>supervisor</c> opens the supervisor view.</summary>
    public List<string> Roles { get; set; } = [];
}

/// <summary>OpenID Connect sign-in for agents (e.g. Entra ID: Authority https://login.microsoftonline.com/{tenant}/v2.0).</summary>
public sealed class AgentOpenIdConnectOptions
{
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Keep out of the settings file: set it from a secret store or an environment variable.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>When set, only users with this app role (the "roles" claim) may use the console.</summary>
    public string? RequiredRole { get; set; }

    /// <summary>The app role (the "roles" claim) that makes an agent a supervisor, who may open the supervisor view.</summary>
    public string SupervisorRole { get; set; } = "SalesSupervisor";

    public string CallbackPath { get; set; } = "/agent/signin-oidc";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}
