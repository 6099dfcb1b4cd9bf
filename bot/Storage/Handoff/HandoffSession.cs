using System.Text.Json.Serialization;
using My8x8.SalesBot.Dialogs.Handoff;

namespace My8x8.SalesBot.Handoff;

/// <summary>Where a handoff stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HandoffStatus>))]
public enum HandoffStatus
{
    /// <summary>Waiting in the console queue for an agent to accept.</summary>
    Queued,
    /// <summary>An agent accepted and is talking to the customer.</summary>
    WithAgent,
    /// <summary><c>handoff.initiate</c> was sent; waiting for the hub's <c>handoff.status</c>.</summary>
    WaitingForHub,
    /// <summary>The hub accepted; its agent has the conversation.</summary>
    WithHubAgent,
    /// <summary>The bot is asking for a callback phone number and time (<c>CallbackDialog</c>; its answers so far are in the conversation state).</summary>
    CapturingCallback,
    Ended,
}

/// <summary>Who the customer is, as the agent needs it.</summary>
public sealed record CustomerSnapshot(string? UserId, string? Name, string? Email, string? AccountId, string? AccountName);

/// <summary>One cart line.</summary>
public sealed record CartLineSnapshot(string Sku, string Name, int Quantity, string Kind, decimal UnitPrice);

/// <summary>The cart when the handoff started.</summary>
public sealed record CartSnapshot(
    string CartId,
    string Summary,
    IReadOnlyList<CartLineSnapshot> Lines,
    int NewLines,
    int Devices,
    decimal OneTimeSubtotal,
    decimal MonthlySubtotal,
    IReadOnlyList<string> Problems);

/// <summary>A card on file as agents may see it: brand, last four and expiry, never the number.</summary>
public sealed record CardOnFile(string Brand, string Last4, int ExpiryMonth, int ExpiryYear, bool IsValid);

/// <summary>The account as it stood when the handoff started, in the words agents read.</summary>
public sealed record AccountSnapshot(
    string Profile,
    string ProductFamily,
    string Country,
    bool IsWholesale,
    string PaymentMethod,
    int Lines,
    int LinesWithDevice,
    IReadOnlyList<CardOnFile> Cards)
{
    public int LinesWithoutDevice => Lines - LinesWithDevice;
}

/// <summary>A fact the eligibility check used ("Profile": "Customer Community Ordering").</summary>
public sealed record Fact(string Label, string Value);

/// <summary>The eligibility result, as facts an agent can read.</summary>
public sealed record EligibilitySnapshot(bool IsEligible, IReadOnlyList<string> FailedRules, IReadOnlyList<Fact> Facts);

/// <summary>Who said what, as recorded for agents (card numbers already removed).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TranscriptRole>))]
public enum TranscriptRole
{
    Customer,
    Bot,
    Agent,
}

/// <summary>One transcript line.</summary>
public sealed record TranscriptEntry(DateTimeOffset At, TranscriptRole Role, string Name, string Text);

/// <summary>
/// One conversation's handoff: kept small (ids, snapshots, a serialized conversation reference), one active per
/// conversation. Changed only inside that conversation's turns, so the turn lock serializes every change.
/// </summary>
public sealed class HandoffSession
{
    public required string Id { get; init; }

    /// <summary>"channelId/conversationId", the same key the turn lock uses.</summary>
    public required string ConversationKey { get; init; }

    public required string ChannelId { get; init; }

    /// <summary>The Bot Framework conversation reference (Newtonsoft JSON), for proactive messages.</summary>
    public required string Reference { get; init; }

    public HandoffStatus Status { get; set; }

    public HandoffMode Mode { get; set; }

    public HandoffReason Reason { get; set; }

    public string Detail { get; set; } = "";

    public CustomerSnapshot Customer { get; set; } = new(null, null, null, null, null);

    public CartSnapshot? Cart { get; set; }

    public EligibilitySnapshot? Eligibility { get; set; }

    public AccountSnapshot? Account { get; set; }

    /// <summary>The checkout step the bot had last asked about (<c>SalesSteps</c>), or null before shopping.</summary>
    public string? StepReached { get; set; }

    /// <summary>The facts behind <see cref="Reason"/> ("12 new lines; self-service allows up to 10"), in agents' words.</summary>
    public IReadOnlyList<string> ReasonFacts { get; set; } = [];

    /// <summary>The language the customer was being served in when they asked ("es-US"); null on older sessions (English).</summary>
    public string? CustomerLanguage { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? QueuedAt { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    public string? AgentId { get; set; }

    public string? AgentName { get; set; }

    public string? EndNote { get; set; }

    /// <summary>Every transfer from one agent to another, oldest first (the note is for agents only).</summary>
    public IReadOnlyList<HandoffTransfer> Transfers { get; set; } = [];

    /// <summary>The agent's id, or "customer", "callback", "timeout", "contact center".</summary>
    public string? EndedBy { get; set; }

    /// <summary>
    /// Whether the customer's chat shows who sent a message from its <c>channelData</c> (the website chat page says so on
    /// every activity it posts): then an agent's words go as they are, otherwise with the agent's name written in.
    /// </summary>
    public bool CustomerSeesSender { get; set; }

    /// <summary>Whether the customer was told once that their messages wait for the agent.</summary>
    public bool ToldStillQueued { get; set; }

    public bool IsActive => Status != HandoffStatus.Ended;

    /// <summary>The change <see cref="IHandoffStore.TryAcceptAsync"/> makes to a queued handoff.</summary>
    public void Accept(AgentIdentity agent, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(agent);
        Status = HandoffStatus.WithAgent;
        AgentId = agent.Id;
        AgentName = agent.Name;
        AcceptedAt = at;
        UpdatedAt = at;
    }

    /// <summary>Hands the conversation from its agent to <paramref name="to"/>, recording who, when and the note for them.</summary>
    public void Transfer(AgentIdentity to, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(to);
        var from = new AgentIdentity(AgentId ?? "", AgentName ?? AgentId ?? "");
        Transfers = [.. Transfers, new HandoffTransfer(from, to, note, at)];
        AgentId = to.Id;
        AgentName = to.Name;
        UpdatedAt = at;
    }
}

/// <summary>One agent handing a conversation to another, with a note for them (never shown to the customer).</summary>
public sealed record HandoffTransfer(AgentIdentity From, AgentIdentity To, string? Note, DateTimeOffset At);

/// <summary>A stored callback request, as agents see it when they start work.</summary>
public sealed record CallbackRequest(
    string Id,
    string ConversationKey,
    HandoffReason Reason,
    string Detail,
    CustomerSnapshot Customer,
    CartSnapshot? Cart,
    string Phone,
    string DialablePhone,
    DateTimeOffset PreferredAt,
    string PreferredTime,
    DateTimeOffset CreatedAt,
    IReadOnlyList<TranscriptEntry> Transcript,
    bool Done = false,
    string? DoneBy = null,
    AgentIdentity? ClaimedBy = null,
    DateTimeOffset? ClaimedAt = null,
    CallOutcome? Outcome = null,
    DateTimeOffset? DoneAt = null);

/// <summary>How a worked callback ended (the API's codes; the console shows words).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallOutcome>))]
public enum CallOutcome
{
    Reached,
    NoAnswer,
    LeftVoicemail,
    WrongNumber,
}

/// <summary>A callback request after <see cref="IHandoffStore.UpdateCallbackAsync"/>: as stored now, and whether this call changed it.</summary>
public sealed record CallbackUpdate(CallbackRequest Callback, bool Changed);
