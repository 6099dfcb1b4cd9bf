namespace My8x8.SalesBot.Handoff;

/// <summary>
/// The words of the agent desk's work tools (callbacks worked to an outcome, transfers, quick replies): agents read
/// these, the API keeps the codes beside them. Kept apart from <see cref="AgentConsoleTexts"/> so each stays short.
/// </summary>
public static class AgentDeskTexts
{
    public static string Outcome(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Reached => "Reached the customer",
        CallOutcome.NoAnswer => "No answer",
        CallOutcome.LeftVoicemail => "Left a voicemail",
        CallOutcome.WrongNumber => "Wrong number",
        _ => AgentConsoleTexts.Words(outcome.ToString()),
    };

    /// <summary>Where a callback stands: "Open", "Claimed by Lee Park", "Done by Dana Reyes: No answer".</summary>
    public static string CallbackStatus(CallbackRequest callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var who = callback.ClaimedBy?.Name ?? callback.DoneBy;
        return callback.Done
            ? (who, callback.Outcome) switch
            {
                ({ } name, { } outcome) => $"Done by {name}: {Outcome(outcome)}",
                ({ } name, null) => $"Done by {name}",
                _ => "Done",
            }
            : callback.ClaimedBy is { } agent ? $"Claimed by {agent.Name}" : "Open";
    }

    public static string ClaimedByOther(AgentIdentity agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return $"{agent.Name} is working on this callback.";
    }

    public const string CallbackAlreadyDone = "This callback is already done.";

    public static readonly string OutcomeRequired =
        $"Say how the call went: one of {string.Join(", ", Enum.GetNames<CallOutcome>())}.";

    public const string RescheduleTimeRequired =
        "Send the new time: an ISO 8601 date and time, with an offset, or without one for a time in the sales time zone (2026-03-04T09:30).";

    public const string RescheduleInThePast = "Pick a time that is still to come.";

    /// <summary>Why a time was refused, naming the hours from the setting and the nearest time that would do.</summary>
    public static string OutsideSalesHours(string hours, string nearest) =>
        $"Callbacks are made during sales hours ({hours}). The nearest time inside them is {nearest}.";
}
