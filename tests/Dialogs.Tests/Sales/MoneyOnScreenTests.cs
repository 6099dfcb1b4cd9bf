using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Bot.Schema;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Ordering;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>
/// Money read like a customer with a calculator: on the quote and the confirmation, card and text alike, every total
/// is the sum of the lines above it, every tax line is its rate of its base, and the order keeps those same lines.
/// </summary>
public sealed partial class MoneyOnScreenTests : IDisposable
{
    private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");
    private readonly SalesWorld _world = new();

    public enum CartShape
    {
        LinesOnly,
        DevicesOnly,
        Mixed,
    }

    /// <summary>The demo users who can buy in the chat (a valid card on file), each with every shape of cart.</summary>
    public static TheoryData<string, CartShape> BuyersAndCartShapes()
    {
        var data = new TheoryData<string, CartShape>();
        foreach (var user in new[] { DemoUsers.Ava, DemoUsers.Ben, DemoUsers.Cara, DemoUsers.Kim })
        {
            foreach (var shape in Enum.GetValues<CartShape>())
            {
                data.Add(user, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BuyersAndCartShapes))]
    public async Task Quote_and_confirmation_show_lines_that_add_up_to_what_is_charged_and_match_the_order(string userId, CartShape shape)
    {
        using var chat = new SalesConversation(userId, world: _world);
        var eligibility = await chat.Ordering.CheckEligibilityAsync(userId, CancellationToken.None);
        var request = shape switch
        {
            CartShape.LinesOnly => "add 3 X2 lines",
            // Cara's lines all have phones, so her equipment-only cart is headsets, which need no line.
            CartShape.DevicesOnly => eligibility.Facts!.LinesWithoutDevice > 0 ? "add 2 headsets and 1 Yealink T54W" : "add 2 headsets",
            _ => "add 2 X4 lines and 1 Poly VVX 450",
        };

        await chat.SayAllAsync("hi", request, "checkout", "1");
        if ((await chat.CartAsync()).NeedsShipping)
        {
            await chat.SayAsync("two-day");
        }

        var quote = LastCardActivity(chat, "todayFacts");
        await chat.SayAllAsync("continue", "I agree");
        var confirmation = LastCardActivity(chat, "chargedFacts");
        var order = (await chat.LastOrderAsync())!;

        var quoteLines = AssertAddsUp(CardOf(quote), "todayFacts", "totalDueToday");
        var chargedLines = AssertAddsUp(CardOf(confirmation), "chargedFacts", "totalCharged");
        Assert.Equal(quoteLines, chargedLines);
        Assert.Equal(order.Charges.DueToday.Select(c => Money(c.Amount)), chargedLines.Select(l => l.Value));
        Assert.Equal(Money(order.Total), (string?)Find(CardOf(confirmation), "totalCharged")["text"]);
        if (order.Charges.Monthly.Count > 0)
        {
            Assert.Equal(AssertAddsUp(CardOf(quote), "monthlyFacts", "monthlyTotal"), AssertAddsUp(CardOf(confirmation), "monthlyFacts", "monthlyTotal"));
        }

        // The text fallback (what a text-only channel shows) lists the same lines and totals.
        foreach (var (activity, totalTitle) in new[] { (quote, "Total due today"), (confirmation, "Total charged today") })
        {
            var fallback = (string)CardOf(activity)["fallbackText"]!;
            var todayBlock = fallback.Split("\n\n").Single(p => p.Contains(totalTitle, StringComparison.Ordinal));
            var lines = FallbackLine().Matches(todayBlock).Select(m => (m.Groups["title"].Value, m.Groups["amount"].Value)).ToList();
            Assert.Equal([.. quoteLines, (totalTitle, Money(order.Total))], lines);
        }

        Assert.DoesNotContain("$0.00", AllVisibleText(quote), StringComparison.Ordinal);
        Assert.Equal(shape != CartShape.DevicesOnly, CardOf(quote).ToString().Contains("monthlyFacts", StringComparison.Ordinal));
    }

    /// <summary>Checks the total against the lines, each tax against its base and rate; returns the lines as shown.</summary>
    private static List<(string Title, string Value)> AssertAddsUp(JObject card, string factSetId, string totalId)
    {
        var facts = Find(card, factSetId)["facts"]!.Select(f => ((string)f["title"]!, (string)f["value"]!)).ToList();
        var total = ParseMoney((string)Find(card, totalId)["text"]!);
        Assert.Equal(total, facts.Sum(f => ParseMoney(f.Item2)));

        var taxed = 0m;
        foreach (var (title, value) in facts)
        {
            if (TaxTitle().Match(title) is { Success: true } tax)
            {
                var rate = decimal.Parse(tax.Groups["rate"].Value, CultureInfo.InvariantCulture) / 100m;
                var taxBase = ParseMoney(tax.Groups["base"].Value);
                Assert.Equal(taxed, taxBase);
                Assert.Equal(decimal.Round(taxBase * rate, 2, MidpointRounding.AwayFromZero), ParseMoney(value));
            }
            else if (!title.StartsWith("Shipping", StringComparison.Ordinal))
            {
                taxed += ParseMoney(value);
            }
        }

        return facts;
    }

    private static Activity LastCardActivity(SalesConversation chat, string containing) =>
        chat.Transcript.Last(a => a.Attachments?.Count > 0 && CardOf(a).ToString().Contains($"\"{containing}\"", StringComparison.Ordinal));

    private static JObject CardOf(Activity activity) => (JObject)CardMessage.ContentOf(activity.Attachments[0])!;

    private static JObject Find(JObject card, string id) =>
        card.Descendants().OfType<JObject>().Single(o => (string?)o["id"] == id);

    private static string AllVisibleText(Activity activity) =>
        activity.Text + "\n" + string.Join("\n", CardOf(activity).Descendants().OfType<JProperty>()
            .Where(p => p.Name is "text" or "title" or "value" && p.Value.Type == JTokenType.String).Select(p => (string)p.Value!));

    private static decimal ParseMoney(string text) => decimal.Parse(text, NumberStyles.Currency, UnitedStates);

    private static string Money(decimal amount) => amount.ToString("C2", UnitedStates);

    public void Dispose() => _world.Dispose();

    [GeneratedRegex(@"^Sales tax \([A-Z]{2} (?<rate>[0-9.]+)%\) on (?<base>\$[0-9,.]+)$")]
    private static partial Regex TaxTitle();

    [GeneratedRegex(@"^- (?<title>.+): (?<amount>\$[0-9,.]+)$", RegexOptions.Multiline)]
    private static partial Regex FallbackLine();
}
