namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>Settings of a <see cref="DialogRunner"/>.</summary>
public sealed record DialogRunnerOptions
{
    /// <summary>
    /// The version of the conversation flow. Saved stacks are stamped with it; change it in a release whose
    /// dialogs, steps or state no longer match what older releases saved, and those conversations restart.
    /// </summary>
    public string FlowVersion { get; init; } = "1";

    /// <summary>Told to a customer whose saved conversation could not be resumed, before the flow starts again.</summary>
    public string RestartMessage { get; init; } =
        "Sorry, we've updated this service since we last spoke, so I couldn't pick up exactly where we left off. Let's start again.";
}
