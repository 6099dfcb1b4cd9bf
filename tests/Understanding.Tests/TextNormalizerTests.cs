using My8x8.SalesBot.Dialogs.Understanding;

namespace My8x8.SalesBot.Understanding.Tests;

public sealed class TextNormalizerTests
{
    [Theory]
    [InlineData("What's the status of my order?", "whats the status of my order ?")]
    [InlineData("WHAT’S   in my\tcart", "whats in my cart")]
    [InlineData("I agree, no changes.", "i agree no changes")]
    [InlineData("add 12 X4 lines & 3 T54W phones", "add 0 x0 lines 0 t0w phones")]
    [InlineData("order #10023", "order 0")]
    [InlineData("¿Puedo hablar con un agente?", "? puedo hablar con un agente ?")]
    [InlineData("  ", "")]
    [InlineData("!!!", "")]
    [InlineData(null, "")]
    public void Text_is_lowered_and_stripped_to_words_digit_runs_and_question_marks(string? text, string expected) =>
        Assert.Equal(expected, TextNormalizer.Normalize(text));

    [Theory]
    [InlineData("?", false)]
    [InlineData("? ?", false)]
    [InlineData("", false)]
    [InlineData("0", true)]
    [InlineData("help ?", true)]
    public void Only_letters_or_digits_make_something_to_classify(string normalized, bool expected) =>
        Assert.Equal(expected, TextNormalizer.HasWords(normalized));
}
