using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Resources;

/// <summary>
/// What the host itself says to customers (the welcome, the turn error handler, Teams-only texts):
/// <c>HostTexts.resx</c> in English, the neutral culture, and <c>HostTexts.es.resx</c> in Spanish.
/// </summary>
public sealed class HostTexts
{
    private HostTexts()
    {
    }

    public static TextResources Texts { get; } = new(typeof(HostTexts));
}
