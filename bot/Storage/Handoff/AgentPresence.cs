namespace My8x8.SalesBot.Handoff;

/// <summary>
/// An agent whose console was last connected at <see cref="LastSeen"/>: online while that is within the presence
/// timeout (<see cref="HandoffOptions.AgentPresenceTimeout"/>).
/// </summary>
public sealed record AgentPresence(string Id, string Name, DateTimeOffset LastSeen)
{
    public AgentIdentity Agent => new(Id, Name);

    public bool IsOnline(DateTimeOffset now, TimeSpan timeout) => now - LastSeen <= timeout;
}
