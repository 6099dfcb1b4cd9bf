using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Dialogs.Resources;

/// <summary>
/// The conversation's texts (sales, refusals, handoff and callbacks): <c>DialogTexts.resx</c> in English, the neutral
/// culture, and <c>DialogTexts.es.resx</c> in Spanish, which es-US and every other Spanish culture read.
/// </summary>
public sealed class DialogTexts
{
    private DialogTexts()
    {
    }

    public static TextResources Texts { get; } = new(typeof(DialogTexts));
}
