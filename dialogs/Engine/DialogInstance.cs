namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// One entry of the dialog stack: which dialog runs and its persisted state.
/// The state is stored as JSON with the conversation, so after a reload its values are Newtonsoft
/// <c>JToken</c>s; dialogs convert them back to their own types.
/// </summary>
/// <param name="id">The id of the dialog this entry runs.</param>
public sealed class DialogInstance(string id)
{
    /// <summary>The id of the dialog this entry runs.</summary>
    public string Id { get; } = id;

    /// <summary>The dialog's persisted state. Keep it small: it is saved with every turn.</summary>
    public IDictionary<string, object?> State { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
