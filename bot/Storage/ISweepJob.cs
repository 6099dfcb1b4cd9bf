namespace My8x8.SalesBot.Storage;

/// <summary>
/// Something the host's one sweep loop (<see cref="SweepLoop"/>) runs when it is due: forgetting conversation state,
/// Direct Line conversations and transcripts past their retention, offering a callback to customers nobody accepted.
/// A job removes what it removes in small batches, so turns never wait long behind it.
/// </summary>
public interface ISweepJob
{
    /// <summary>What the job sweeps, for the log ("conversation state").</summary>
    string Name { get; }

    /// <summary>How often the job runs, on the host's clock.</summary>
    TimeSpan Interval { get; }

    /// <summary>One pass; returns how many items it removed or acted on.</summary>
    Task<int> SweepAsync(CancellationToken cancellationToken);
}
