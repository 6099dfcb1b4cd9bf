using Microsoft.Bot.Schema;
using My8x8.SalesBot.Redaction;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Bot.Tests.Redaction;

/// <summary>Card numbers as people really type them are removed, with the expiry and code said with them; other numbers stay.</summary>
public sealed class CardNumberRedactorTests
{
    public static TheoryData<string, string[]> CardNumbers => new()
    {
        { "4111111111111111", ["4111111111111111"] },
        { "my card is 4111 1111 1111 1111", ["4111", "1111 1111"] },
        { "4111-1111-1111-1111", ["4111-1111"] },
        { "4111.1111.1111.1111", ["4111.1111"] },
        { "4111  1111  1111  1111", ["4111  1111"] },
        { "4111\t1111\t1111\t1111", ["4111\t1111"] },
        { "4111 - 1111 - 1111 - 1111", ["1111 - 1111"] },
        { "4111 1111 1111 1111 12/29 123", ["4111", "12/29", "123"] },
        { "4111-1111-1111-1111 12/29 123", ["4111", "12/29", "123"] },
        { "4111111111111111 exp 12/2029 cvc 123", ["4111", "12/2029", "123"] },
        { "4111 1111 1111 1111, 12-29, 123", ["4111", "12-29", "123"] },
        { "4111 1111 1111 1111 12 29", ["4111 1111"] },
        { "amex 3782 822463 10005 exp 11/28 cid 1234", ["3782", "822463", "10005", "11/28", "1234"] },
        { "378282246310005", ["378282246310005"] },
        { "19 digits: 6011 0000 0000 0000 001", ["6011", "0000 001"] },
        { "card4111111111111111please", ["4111111111111111"] },
        { "number:5555555555554444.", ["5555555555554444"] },
        { "it's 5105 1051 0510 5100 and the CVV is 737", ["5105", "737"] },
    };

    [Theory]
    [MemberData(nameof(CardNumbers))]
    public void A_card_number_in_a_real_world_format_is_removed_with_its_expiry_and_code(string text, string[] mustBeGone)
    {
        var redacted = CardNumberRedactor.Redact(text, out var found);

        Assert.True(found, redacted);
        Assert.Contains(CardNumberRedactor.Replacement, redacted, StringComparison.Ordinal);
        Assert.All(mustBeGone, part => Assert.DoesNotContain(part, redacted, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("add 3 X4 lines and 2 Yealink T54W phones")]
    [InlineData("call me at 1-866-879-8647 tomorrow at 10")]
    [InlineData("my order SO-2026-48213 and invoice 2026112412345")]
    [InlineData("tenant a1a1a1a1-0000-4000-8000-000000000001 and 41111111-1111-1111-0000-000000000000")]
    [InlineData("4111 1111 1111 1112")]
    public void Other_numbers_are_left_alone(string text)
    {
        var redacted = CardNumberRedactor.Redact(text, out var found);

        Assert.False(found);
        Assert.Equal(text, redacted);
    }

    [Fact]
    public void Every_customer_written_part_of_an_activity_is_redacted()
    {
        var activity = new Activity(ActivityTypes.Message)
        {
            Text = "hi",
            From = new ChannelAccount("user-1", "Pat 4111 1111 1111 1111"),
            Value = JObject.Parse("""{"salesbot":{"inputs":{"note":"use 5555-5555-5555-4444 please"}}}"""),
            Attachments = [new Attachment("text/plain", name: "card 378282246310005.txt", content: JObject.Parse("""{"body":[{"text":"4111.1111.1111.1111"}]}"""))],
        };

        Assert.True(RedactionMiddleware.Redact(activity));

        var everything = Newtonsoft.Json.JsonConvert.SerializeObject(activity);
        Assert.DoesNotContain("4111", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("5555", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("3782", everything, StringComparison.Ordinal);
        Assert.Equal("Pat [card number removed]", activity.From.Name);
    }
}
