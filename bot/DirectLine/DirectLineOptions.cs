using System.ComponentModel.DataAnnotations;

namespace My8x8.SalesBot.DirectLine;

/// <summary>Settings under <c>SalesBot:DirectLine</c>: which Direct Line the website chat uses, and the embedded one's limits.</summary>
public sealed class DirectLineOptions : IValidatableObject
{
    public const string Section = "SalesBot:DirectLine";

    /// <summary>
    /// The Azure Bot Service Direct Line secret. When set, the page's token endpoint exchanges it server-side with Azure
    /// (production) and the embedded Direct Line is not served. Never sent to a browser.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>Azure's Direct Line base address (regional endpoints differ).</summary>
    public Uri Endpoint { get; set; } = new("https://directline.botframework.com/v3/directline");

    /// <summary>Origins Azure should accept the issued token from (Direct Line enhanced authentication); optional.</summary>
    public string[] TrustedOrigins { get; set; } = [];

    /// <summary>Serve the embedded Direct Line when no secret is set (only ever with channel authentication off).</summary>
    public bool EmbeddedEnabled { get; set; } = true;

    /// <summary>
    /// Base64 HMAC key (at least 32 bytes) that keys the connector address the bot replies to and the proof of who sent a
    /// delivered activity. Unset: a random key per process. Visitors' tokens do not use it: they are Data Protection
    /// payloads, valid wherever the host's key ring is shared (PostgreSQL or SalesBot:DataProtection:KeysPath).
    /// </summary>
    public string? SigningKey { get; set; }

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// This host's base address as the bot reaches it (the embedded channel's <c>serviceUrl</c> is built on it).
    /// Unset: the address Kestrel listens on, with wildcard hosts replaced by loopback.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    [Required]
    public string BotId { get; set; } = "salesbot";

    [Required]
    public string BotName { get; set; } = "My 8x8 Sales";

    /// <summary>Serve the conversation stream over WebSocket (what Web Chat uses by default); polling always works.</summary>
    public bool WebSocket { get; set; } = true;

    [Range(1, 1_000_000)]
    public int MaxConversations { get; set; } = 1_000;

    [Range(10, 100_000)]
    public int MaxActivitiesPerConversation { get; set; } = 500;

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan ConversationIdleTimeout { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often conversations idle past <see cref="ConversationIdleTimeout"/> are removed from memory.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(SigningKey) && !DirectLineKeys.TryDecodeKey(SigningKey, out _))
        {
            yield return new ValidationResult("SalesBot:DirectLine:SigningKey must be base64 of at least 32 bytes.", [nameof(SigningKey)]);
        }
    }
}
