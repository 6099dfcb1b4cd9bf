using My8x8.SalesBot.Dialogs.Engine.Prompts;

namespace My8x8.SalesBot.Dialogs.Tests.Engine;

public class ConfirmRecognizerTests
{
    [Theory]
    [InlineData("yes")]
    [InlineData("y")]
    [InlineData("yeah")]
    [InlineData("yep")]
    [InlineData("yup")]
    [InlineData("sure")]
    [InlineData("ok")]
    [InlineData("okay")]
    [InlineData("I agree")]
    [InlineData("of course")]
    [InlineData("go ahead")]
    [InlineData("Sounds good!")]
    [InlineData("yes please")]
    [InlineData("thanks, yes")]
    [InlineData("Yes, I agree to the terms and conditions")]
    public void Yes_variants_confirm(string input)
    {
        Assert.True(ConfirmRecognizer.TryRecognize(input, out var confirmed));
        Assert.True(confirmed);
    }

    [Theory]
    [InlineData("no")]
    [InlineData("n")]
    [InlineData("nope")]
    [InlineData("nah")]
    [InlineData("not now")]
    [InlineData("not yet")]
    [InlineData("no thank you")]
    [InlineData("maybe later")]
    [InlineData("I don't agree")]
    [InlineData("I do not agree")]
    [InlineData("I don’t think so")]
    [InlineData("I disagree")]
    public void No_variants_decline(string input)
    {
        Assert.True(ConfirmRecognizer.TryRecognize(input, out var confirmed));
        Assert.False(confirmed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("maybe")]
    [InlineData("not sure")]
    [InlineData("I'm not sure")]
    [InlineData("yes no")]
    [InlineData("sure, but first remove the headset")]
    [InlineData("what does it cost")]
    [InlineData("tell me more, then yes")]
    public void Unsure_mixed_or_unrelated_answers_are_not_recognized(string input)
        => Assert.False(ConfirmRecognizer.TryRecognize(input, out _));
}
