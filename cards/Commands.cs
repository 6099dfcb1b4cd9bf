using System.Globalization;

namespace My8x8.SalesBot.Cards;

/// <summary>
/// The commands the conversation reads, as suggested replies send them back when tapped and as the texts' typing
/// examples show them. They are the parsers' vocabulary, not wording: a reply's button shows its title in the
/// customer's language (<see cref="Texts.ReplyTitles"/>), while its value stays the command the parsers know.
/// </summary>
public static class Commands
{
    public const string Catalog = "Catalog";
    public const string Checkout = "Checkout";
    public const string Agent = "Agent";
    public const string Cart = "Cart";
    public const string Hours = "Hours";
    public const string Help = "Help";
    public const string Hi = "Hi";
    public const string Yes = "Yes";
    public const string No = "No";
    public const string Skip = "Skip";
    public const string ComparePlans = "Compare plans";
    public const string NoThanks = "No thanks";
    public const string AddACard = "Add a card";
    public const string BackToMyOrder = "Back to my order";
    public const string Callback = "Callback";
    public const string EmptyCart = "Empty cart";
    public const string Continue = "Continue";
    public const string ChangeCart = "Change cart";
    public const string Done = "Done";
    public const string IAgree = "I agree";
    public const string StartOver = "Start over";
    public const string WhichPlanDoINeed = "Which plan do I need?";
    public const string OrderTheSameAgain = "Order the same again";
    public const string StopUpdates = "Stop updates";

    public static string AddPlans(int count, string plural) => string.Create(CultureInfo.InvariantCulture, $"Add {count} {plural}");

    public static string StatusOf(string orderNumber) => $"Status of {orderNumber}";

    /// <summary>The typing example "add 3 X4 lines" (or "add 2 …" for equipment, "add 3 lines" without a catalog).</summary>
    public static string AddExample(int count, string? plural) =>
        plural is null ? "add 3 lines" : string.Create(CultureInfo.InvariantCulture, $"add {count} {plural}");

    public const string AddThreeOfThose = "add 3 of those";

    public static string OfNumber(int number) => string.Create(CultureInfo.InvariantCulture, $"2 of number {number}");
}
