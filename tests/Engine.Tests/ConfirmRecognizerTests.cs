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
    [InlineData("I agree, no changes")]
    [InlineData("i agree no changes.")]
    [InlineData("Agree & Buy")]
    [InlineData("that would be great")]
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

    [Theory]
    [InlineData("maybe", ConfirmAnswer.Unclear)]
    [InlineData("yes no", ConfirmAnswer.Unclear)]
    [InlineData("sure, but first remove the headset", ConfirmAnswer.Unclear)]
    [InlineData("what does it cost", ConfirmAnswer.None)]
    [InlineData("tell me more, then yes", ConfirmAnswer.None)]
    [InlineData("no changes", ConfirmAnswer.None)]
    [InlineData("", ConfirmAnswer.None)]
    public void Mixed_answers_are_told_apart_from_messages_with_no_answer_in_them(string input, ConfirmAnswer expected)
        => Assert.Equal(expected, ConfirmRecognizer.Read(input));

    [Theory]
    [InlineData("no thanks", ConfirmAnswer.No)]
    [InlineData("yes please", ConfirmAnswer.Yes)]
    [InlineData("no, I want 3 lines", ConfirmAnswer.None)]
    [InlineData("yes add a headset", ConfirmAnswer.None)]
    public void As_a_whole_message_only_an_answer_alone_counts(string input, ConfirmAnswer expected)
        => Assert.Equal(expected, ConfirmRecognizer.Read(input, wholeMessage: true));

    [Theory]
    [InlineData("I agree", true)]
    [InlineData("yes, I accept", true)]
    [InlineData("confirmed", true)]
    [InlineData("ok", false)]
    [InlineData("yes", false)]
    public void An_agreement_to_buy_has_to_name_the_agreement(string input, bool names)
        => Assert.Equal(names, ConfirmRecognizer.NamesAgreement(input));
}
