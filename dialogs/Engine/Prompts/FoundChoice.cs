namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>The choice the user picked.</summary>
/// <param name="Value">The choice's <see cref="Choice.Value"/>.</param>
/// <param name="Index">Its zero-based position in the list.</param>
/// <param name="Score">1 for an exact title, synonym, number or ordinal; below 1 for a partial-word match.</param>
public sealed record FoundChoice(string Value, int Index, double Score);
