namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>How a <see cref="ChoicePrompt"/> writes its choices into the prompt text (the text fallback every channel shows).</summary>
public enum ChoiceListStyle
{
    /// <summary>"Which plan? (1) Basic, (2) Standard, or (3) Premium".</summary>
    Inline,

    /// <summary>One numbered choice per line.</summary>
    List,

    /// <summary>The prompt text as given (it already names the choices).</summary>
    None,
}
