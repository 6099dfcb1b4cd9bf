using My8x8.SalesBot.Ordering.Payments;

namespace My8x8.SalesBot.Ordering.Tests;

public sealed class CardValidationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 17, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("4242424242424242", "Visa")]
    [InlineData("5555555555554444", "Mastercard")]
    [InlineData("2223003122003222", "Mastercard")]
    [InlineData("378282246310005", "Amex")]
    [InlineData("6011111111111117", "Discover")]
    public void Test_card_numbers_pass_Luhn_and_get_their_brand(string number, string brand)
    {
        Assert.True(CardValidation.PassesLuhn(number));
        Assert.Equal(brand, CardValidation.BrandOf(number));
    }

    [Theory]
    [InlineData("4242424242424241")]
    [InlineData("1234567812345678")]
    public void Numbers_failing_Luhn_are_rejected(string number) => Assert.False(CardValidation.PassesLuhn(number));

    [Theory]
    [InlineData("03/26", true)]
    [InlineData("02/26", false)]
    [InlineData("12/2030", true)]
    public void A_card_is_valid_through_its_expiry_month(string expiry, bool valid)
    {
        Assert.True(CardValidation.TryParseExpiry(expiry, out var month, out var year));
        Assert.Equal(valid, CardValidation.IsValidOn(month, year, Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0429")]
    [InlineData("00/29")]
    [InlineData("4/2")]
    public void Malformed_expiry_dates_are_rejected(string expiry) => Assert.False(CardValidation.TryParseExpiry(expiry, out _, out _));

    [Fact]
    public void Spaces_and_dashes_in_the_number_are_accepted_and_only_the_last_four_survive()
    {
        var result = CardValidation.Validate("4242 4242-4242 4242", "04/29", "1234", "Ava Martinez", "95113-1234", Now);

        Assert.Empty(result.Errors);
        Assert.Equal(new ValidatedCard("Visa", "4242", 4, 2029), result.Card);
    }

    [Fact]
    public void Missing_name_and_zip_are_reported()
    {
        var result = CardValidation.Validate("4242424242424242", "04/29", "123", " ", "ABCDE", Now);

        Assert.Null(result.Card);
        Assert.Equal(["name", "zip"], result.Errors.Keys.Order());
    }
}
