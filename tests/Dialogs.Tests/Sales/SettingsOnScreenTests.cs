using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Ordering;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>
/// A whole conversation with limits, sales hours and phone unlike the defaults: every number and contact detail the
/// customer reads is the one the settings enforce, never a constant beside them.
/// </summary>
public sealed class SettingsOnScreenTests : IDisposable
{
    private const string Phone = "1-800-555-0199";
    private const string Hours = "7:00 a.m.–3:30 p.m. Mountain, Monday–Friday";

    private readonly SalesWorld _world = new(new Dictionary<string, string?>
    {
        ["SalesBot:Ordering:MaxLinesPerOrder"] = "12",
        ["SalesBot:Ordering:MaxDevicesPerOrder"] = "4",
        ["SalesBot:Ordering:MaxQuantityPerItem"] = "30",
        ["SalesBot:Ordering:SalesAssistAboveLines"] = "8",
        ["SalesBot:SalesHours:TimeZone"] = "America/Denver",
        ["SalesBot:SalesHours:TimeZoneLabel"] = "Mountain",
        ["SalesBot:SalesHours:Opens"] = "07:00",
        ["SalesBot:SalesHours:Closes"] = "15:30",
        ["SalesBot:SalesHours:Phone"] = Phone,
    });

    [Fact]
    public async Task Catalog_cart_hours_and_confirmation_show_the_configured_limits_phone_and_hours()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);

        // The catalog states the configured limits, in the card and its text.
        var greeting = await chat.SayAsync("hi");
        var catalog = chat.LastCard();
        Assert.Contains("up to 12 new lines and 4 devices", (string?)Find(catalog, "intro")["text"], StringComparison.Ordinal);
        Assert.Contains("up to 12 new lines and 4 devices", greeting.AllText(), StringComparison.Ordinal);
        var labels = Inputs(catalog).Select(i => (string)i["label"]!).ToList();
        Assert.All(labels.Where(l => l.Contains("line", StringComparison.Ordinal)), l => Assert.EndsWith("(0 to 12)", l, StringComparison.Ordinal));
        Assert.Contains(labels, l => l.EndsWith("(0 to 4)", StringComparison.Ordinal));
        // The default limit (10) appears nowhere as a number: not in a text, a label or an input's maximum. Matched as a
        // whole number, so a random id that happens to contain the digits does not count.
        Assert.DoesNotMatch(@"(?<![\w.-])10(?![\w.-])", catalog.ToString());

        // Twelve lines fit the configured limit: added from the card with every other box left blank.
        var inputs = Inputs(catalog).ToDictionary(i => (string)i["id"]!, _ => (string?)null);
        inputs["qty.X4-LINE"] = "12";
        inputs["qty.YEA-T54W"] = "1";
        var submit = chat.SubmitData(CardActions.AddToCart);
        foreach (var (id, value) in inputs)
        {
            submit[id] = value is null ? JValue.CreateNull() : new JValue(value);
        }

        var cartReply = await chat.SubmitAsync(submit);
        var cart = await chat.CartAsync();
        Assert.Equal(12, cart.LineCount);
        Assert.Empty(cart.Problems);
        Assert.All(Inputs(chat.LastCard()), i => Assert.EndsWith("up to 30)", (string)i["label"]!, StringComparison.Ordinal));
        Assert.Contains("more than 8 lines", cartReply.AllText(), StringComparison.Ordinal);

        var hours = await chat.SayAsync("hours");
        Assert.Contains("7:00 a.m.–3:30 p.m. Mountain", hours.AllText(), StringComparison.Ordinal);
        Assert.Contains(Phone, hours.AllText(), StringComparison.Ordinal);

        await chat.SayAllAsync("checkout", "1", "ground", "continue");
        var confirmation = await chat.SayAsync("I agree");
        var card = chat.LastCard().ToString();
        foreach (var expected in new[] { Phone, Hours })
        {
            Assert.Contains(expected, card, StringComparison.Ordinal);
            Assert.Contains(expected, confirmation.AllText(), StringComparison.Ordinal);
        }

        Assert.DoesNotContain("1-866-879-8647", string.Join("\n", chat.Transcript.Select(a => a.Text + (a.Attachments?.Count > 0 ? CardMessage.ContentOf(a.Attachments[0])!.ToString() : ""))), StringComparison.Ordinal);
        Assert.Equal(12, (await chat.LastOrderAsync())!.Items.Single(i => i.Sku == "X4-LINE").Quantity);
    }

    [Fact]
    public async Task A_catalog_card_with_a_box_that_is_not_a_whole_number_changes_nothing_and_says_why()
    {
        using var chat = new SalesConversation(DemoUsers.Ava, world: _world);
        await chat.SayAsync("hi");
        var submit = chat.SubmitData(CardActions.AddToCart, new Dictionary<string, string> { ["qty.X4-LINE"] = "2.5", ["qty.YEA-T54W"] = "1" });

        var reply = await chat.SubmitAsync(submit);

        Assert.Contains("couldn't read \"2.5\" as a quantity", reply.AllText(), StringComparison.Ordinal);
        Assert.True((await chat.CartAsync()).IsEmpty);

        // The same card still works once the box is fixed.
        submit["qty.X4-LINE"] = "2";
        await chat.SubmitAsync(submit);
        Assert.Equal(2, (await chat.CartAsync()).LineCount);
    }

    private static JObject Find(JObject card, string id) => card.Descendants().OfType<JObject>().Single(o => (string?)o["id"] == id);

    private static IEnumerable<JObject> Inputs(JObject card) =>
        card.Descendants().OfType<JObject>().Where(o => (string?)o["type"] == "Input.Number");

    public void Dispose() => _world.Dispose();
}
