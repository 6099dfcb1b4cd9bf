namespace My8x8.SalesBot.Handoff;

/// <summary>An agent signed in to the console.</summary>
public sealed record AgentIdentity(string Id, string Name);
