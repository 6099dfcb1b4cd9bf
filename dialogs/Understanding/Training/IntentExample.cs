namespace My8x8.SalesBot.Dialogs.Understanding.Training;

/// <summary>One example utterance for an intent, with where it was written (for error messages and reports).</summary>
internal sealed record IntentExample(Intent Intent, string Text, string Source, int Line)
{
    public string Normalized { get; } = TextNormalizer.Normalize(Text);
}
