namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>One option of a <see cref="ChoicePrompt"/>.</summary>
/// <param name="Value">The title shown to the user and returned when it is picked.</param>
/// <param name="Synonyms">Other words the user may type for it.</param>
public sealed record Choice(string Value, IReadOnlyList<string>? Synonyms = null);
