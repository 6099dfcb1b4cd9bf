namespace My8x8.SalesBot.Handoff;

/// <summary>What an agent (or the timeout sweep) asks of a handoff.</summary>
public enum HandoffCommandKind
{
    Accept,
    Reply,
    End,
    Timeout,

    /// <summary>The agent sends the customer the cart they prepared: the agent leaves and the bot takes the customer to it.</summary>
    SendCart,

    /// <summary>The agent hands the conversation to another signed-in agent (<see cref="HandoffCommand.Target"/>), with a note for them.</summary>
    Transfer,
}

/// <summary>How a <see cref="HandoffCommand"/> went.</summary>
public enum HandoffCommandOutcome
{
    /// <summary>The conversation's turn did not run (the channel could not be reached).</summary>
    NotRun,
    Done,
    NotFound,
    /// <summary>The handoff is not in a state that allows it (already accepted, already ended…).</summary>
    Conflict,
    /// <summary>The handoff belongs to another agent.</summary>
    Forbidden,
}

/// <summary>
/// An agent's action, carried in-process into the customer's conversation as the value of a proactive turn, so it
/// runs under the conversation's turn lock like every other change to the conversation. Never read from the wire.
/// </summary>
public sealed class HandoffCommand(HandoffCommandKind kind, string sessionId)
{
    /// <summary>The name of the event activity that carries a command into the conversation's turn.</summary>
    public const string Event = "salesbot.handoff.command";

    public HandoffCommandKind Kind { get; } = kind;

    public string SessionId { get; } = sessionId;

    public string? AgentId { get; init; }

    public string? AgentName { get; init; }

    public string? Text { get; init; }

    public string? Note { get; init; }

    /// <summary>For <see cref="HandoffCommandKind.Transfer"/>: the agent who takes over, as their presence record names them.</summary>
    public AgentIdentity? Target { get; init; }

    /// <summary>For <see cref="HandoffCommandKind.End"/>: resume the step the customer was at (true) or start fresh.</summary>
    public bool Resume { get; init; } = true;

    public HandoffCommandOutcome Outcome { get; set; } = HandoffCommandOutcome.NotRun;
}
