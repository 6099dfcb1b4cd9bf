using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards.Tests;

public class PlanComparisonCardTests
{
    private static readonly PlanComparisonView Plans = Samples.Plans;

    [Fact]
    public void The_card_has_a_column_per_plan_a_row_per_feature_and_a_quantity_box_per_plan()
    {
        var card = Samples.CardOf(SalesCards.PlanComparison(Plans, Samples.Context));

        var header = CardJson.Find(card, "headerRow");
        Assert.Equal(1 + Plans.Plans.Count, header["columns"]!.AsArray().Count);
        var rows = Samples.ElementsOfType(card, "ColumnSet").Where(c => c != header).ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(1 + Plans.Plans.Count, row["columns"]!.AsArray().Count));
        var inputs = Samples.ElementsOfType(card, "Input.Number");
        Assert.Equal(["qty.BASIC-LINE", "qty.GLOBAL-LINE"], inputs.Select(i => (string?)i["id"]));
        Assert.Equal("Quantity of Global line (0 to 7)", (string?)inputs[1]["label"]);
        Assert.DoesNotContain("X4 line", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["addToCart", "advisePlan"], Samples.ElementsOfType(card, "Action.Submit").Select(a => (string?)a["data"]!["salesbot"]!["action"]));
    }

    [Fact]
    public void Prices_and_feature_values_in_the_card_are_the_views()
    {
        var card = Samples.CardOf(SalesCards.PlanComparison(Plans, Samples.Context));
        var texts = Samples.ElementsOfType(card, "TextBlock").Select(t => (string?)t["text"]).ToList();

        Assert.Contains("$19.50 per month", texts);
        Assert.Contains("$61.25 per month", texts);
        Assert.Contains("Unlimited to 12 countries", texts);
        // The international row, plan by plan in the plans' order.
        var international = Samples.ElementsOfType(card, "ColumnSet").Single(r => r.ToJsonString().Contains("International calling", StringComparison.Ordinal));
        var cells = international["columns"]!.AsArray().Skip(1).Select(c => c!["items"]![0]!).ToList();
        Assert.Equal(["Not included", "Unlimited to 12 countries"], cells.Select(c => (string?)c["text"]));
    }

    [Fact]
    public void Only_the_recommended_plan_is_marked()
    {
        var card = Samples.CardOf(SalesCards.PlanComparison(Plans, Samples.Context));
        var columns = CardJson.Find(card, "headerRow")["columns"]!.AsArray().Skip(1).ToList();

        Assert.DoesNotContain("Recommended", columns[0]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("Recommended for you", columns[1]!.ToJsonString(), StringComparison.Ordinal);
        var unmarked = Samples.CardOf(SalesCards.PlanComparison(Plans with { RecommendedSku = null }, Samples.Context));
        Assert.DoesNotContain("Recommended", unmarked.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_text_table_gives_every_price_what_both_include_once_and_each_difference_plan_by_plan()
    {
        var text = SalesCards.PlanComparison(Plans, Samples.Context, cardsSupported: false).Text;

        Assert.Contains("- Basic line: $19.50", text, StringComparison.Ordinal);
        Assert.Contains("- Global line: $61.25", text, StringComparison.Ordinal);
        Assert.Contains("Both include: calling in the US and Canada (unlimited) and team chat.", text, StringComparison.Ordinal);
        Assert.Contains("- International calling: Basic line not included; Global line unlimited to 12 countries.", text, StringComparison.Ordinal);
        Assert.Contains("- Contact-center queues: Basic line not included; Global line not included.", text, StringComparison.Ordinal);
        Assert.Contains("Recommended for you: Global line.", text, StringComparison.Ordinal);
        Assert.Contains("up to 7 new lines", text, StringComparison.Ordinal);
        Assert.Contains("\"add 3 Global lines\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void One_plan_is_described_with_what_it_includes_and_what_it_does_not()
    {
        var message = SalesCards.PlanComparison(Plans with { Plans = [Plans.Plans[1]] }, Samples.Context, cardsSupported: false);

        Assert.Contains("The Global line plan: $61.25 per line per month (US dollars). Calls everywhere.", message.Text, StringComparison.Ordinal);
        Assert.Contains("Includes: calling in the US and Canada (unlimited), team chat and international calling (unlimited to 12 countries).", message.Text, StringComparison.Ordinal);
        Assert.Contains("Not included: contact-center queues.", message.Text, StringComparison.Ordinal);
        Assert.Contains("\"add 3 of those\"", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_of_no_plans_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SalesCards.PlanComparison(Plans with { Plans = [] }, Samples.Context));
    }
}
