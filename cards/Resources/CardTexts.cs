using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Cards.Resources;

/// <summary>
/// The cards' texts and their text fallbacks, and the words lists are joined with: <c>CardTexts.resx</c> in English
/// (the neutral culture) and <c>CardTexts.es.resx</c> in Spanish.
/// </summary>
public sealed class CardTexts
{
    private CardTexts()
    {
    }

    public static TextResources Texts { get; } = new(typeof(CardTexts));
}
