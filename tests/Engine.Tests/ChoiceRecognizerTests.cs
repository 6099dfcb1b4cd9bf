using My8x8.SalesBot.Dialogs.Engine.Prompts;

namespace My8x8.SalesBot.Dialogs.Tests.Engine;

public class ChoiceRecognizerTests
{
    private static readonly Choice[] Shipping =
    [
        new("Ground", ["standard shipping"]),
        new("Second day air", ["2 day"]),
        new("Overnight", ["next day", "express"]),
    ];

    [Theory]
    [InlineData("ground", 0, 1.0)]
    [InlineData("Ground, please", 0, 1.0)]
    [InlineData("express", 2, 1.0)]
    [InlineData("next day", 2, 1.0)]
    [InlineData("3", 2, 1.0)]
    [InlineData("option 1", 0, 1.0)]
    [InlineData("the first one", 0, 1.0)]
    [InlineData("the third", 2, 1.0)]
    [InlineData("last", 2, 1.0)]
    [InlineData("day air", 1, 0.67)]
    public void Recognizes_a_choice(string input, int index, double score)
    {
        var found = ChoiceRecognizer.Recognize(input, Shipping);

        Assert.NotNull(found);
        Assert.Equal(index, found.Index);
        Assert.Equal(Shipping[index].Value, found.Value);
        Assert.Equal(score, found.Score, 2);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("pigeon")]
    [InlineData("the fifth one")]
    [InlineData("0")]
    [InlineData("day")] // "2 day" and "next day"
    [InlineData("2 day next day")]
    [InlineData("overnight shipping")] // "shipping" belongs to ground's synonym
    public void Ambiguous_or_unknown_input_is_not_guessed(string input)
        => Assert.Null(ChoiceRecognizer.Recognize(input, Shipping));

    [Fact]
    public void An_ordinal_that_points_at_one_choice_while_its_words_point_at_another_is_not_guessed()
    {
        // "second" is the second choice by position, but also a word of the first choice's title.
        Choice[] choices = [new("Second line"), new("Main line")];

        Assert.Null(ChoiceRecognizer.Recognize("second", choices));
    }

    [Fact]
    public void A_number_that_points_at_one_choice_while_a_title_names_another_is_not_guessed()
    {
        Choice[] plans = [new("Plan 2"), new("Plan 1")];

        Assert.Null(ChoiceRecognizer.Recognize("1", plans));
    }

    [Fact]
    public void Two_choices_sharing_a_synonym_are_ambiguous()
    {
        Choice[] choices = [new("Poly VVX 250", ["poly"]), new("Poly VVX 450", ["poly"])];

        Assert.Null(ChoiceRecognizer.Recognize("poly", choices));
    }

    [Fact]
    public void A_quantity_is_not_mistaken_for_a_position()
    {
        Choice[] phones = [new("Poly VVX 250"), new("Yealink T54W")];

        Assert.Null(ChoiceRecognizer.Recognize("2 of them", phones));
    }

    [Fact]
    public void Plural_words_match_singular_titles()
    {
        Choice[] items = [new("Desk phone"), new("Headset")];

        Assert.Equal("Headset", ChoiceRecognizer.Recognize("headsets", items)?.Value);
    }
}
