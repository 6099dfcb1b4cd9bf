using My8x8.SalesBot.Cards.Resources;

namespace My8x8.SalesBot.Texts;

/// <summary>
/// The button text of a suggested reply. A reply's value is the command the conversation reads ("Checkout"), which
/// is what the channel sends back when it is tapped; its title is the command in the customer's language, from
/// <c>CardTexts.resx</c> (<c>Reply.</c> and the value without spaces), or the value itself where none is kept
/// (replies built from data, such as an order number).
/// </summary>
public static class ReplyTitles
{
    public static string Of(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var key = "Reply." + string.Concat(reply.Where(char.IsLetterOrDigit));
        return CardTexts.Texts.TryGet(key) ?? reply;
    }
}
