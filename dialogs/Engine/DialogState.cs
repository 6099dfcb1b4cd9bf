using Newtonsoft.Json;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// The persisted dialog stack of one conversation (top of the stack first), stamped with the
/// flow version of the release that started it.
/// </summary>
public sealed class DialogState
{
    /// <summary>The stack; index 0 is the active dialog.</summary>
    public List<DialogInstance> DialogStack { get; } = [];

    /// <summary>The <see cref="DialogRunnerOptions.FlowVersion"/> in force when the stack was started.</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public string? FlowVersion { get; set; }
}
