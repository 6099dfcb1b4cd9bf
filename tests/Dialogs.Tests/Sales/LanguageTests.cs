using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

public sealed class LanguageTests
{
    private static readonly Product[] Catalog =
    [
        Product("X2-LINE", "X2 line", ProductKind.Line, ProductCategory.ServicePlan, "line,lines,license,seat,user,x2"),
        Product("X4-LINE", "X4 line", ProductKind.Line, ProductCategory.ServicePlan, "line,lines,license,seat,user,x4"),
        Product("YEA-T54W", "Yealink T54W", ProductKind.Equipment, ProductCategory.DeskPhone, "phone,desk phone,yealink,yealink phone,t54w"),
        Product("YEA-T57W", "Yealink T57W", ProductKind.Equipment, ProductCategory.DeskPhone, "phone,desk phone,yealink,yealink phone,t57w"),
        Product("JABRA", "Jabra Evolve2 65", ProductKind.Equipment, ProductCategory.Headset, "headset,jabra"),
    ];

    private static readonly CartRequestParser Parser = new(Catalog);

    private static Product Product(string sku, string name, ProductKind kind, ProductCategory category, string keywords) =>
        new(sku, name, "", kind, category, 10m, kind == ProductKind.Equipment && category != ProductCategory.Headset, keywords.Split(','));

    [Theory]
    [InlineData("add 3 X4 lines", CartIntent.Add, "X4-LINE", 3)]
    [InlineData("I need three more x4 lines", CartIntent.Add, "X4-LINE", 3)]
    [InlineData("add a headset", CartIntent.Add, "JABRA", 1)]
    [InlineData("a dozen X2 licenses please", CartIntent.Add, "X2-LINE", 12)]
    [InlineData("set X4 lines to 2", CartIntent.SetQuantity, "X4-LINE", 2)]
    [InlineData("remove the headset", CartIntent.Remove, "JABRA", null)]
    [InlineData("cancel the headset", CartIntent.Remove, "JABRA", null)]
    [InlineData("2 yealink t57w", CartIntent.Add, "YEA-T57W", 2)]
    [InlineData("2 of number 3", CartIntent.Add, "YEA-T54W", 2)]
    public void Single_product_requests_are_read_with_their_quantity(string text, CartIntent intent, string sku, int? quantity)
    {
        var request = Parser.Parse(text);

        Assert.Equal(intent, request.Intent);
        var item = Assert.Single(request.Items);
        Assert.Equal(sku, Assert.Single(item.Candidates).Sku);
        Assert.Equal(quantity, item.Quantity);
    }

    [Fact]
    public void One_sentence_can_name_several_products_each_with_its_own_quantity()
    {
        var request = Parser.Parse("I need three more X4 lines and 2 Yealink T54W phones");

        Assert.Equal([("X4-LINE", 3), ("YEA-T54W", 2)], request.Items.Select(i => (i.Candidates.Single().Sku, i.Quantity ?? 0)));
    }

    [Theory]
    [InlineData("add 2 lines", 2)]
    [InlineData("2 yealink phones", 2)]
    [InlineData("a phone", 2)]
    public void Mentions_that_fit_several_products_are_returned_ambiguous_not_guessed(string text, int candidates)
    {
        var item = Assert.Single(Parser.Parse(text).Items);

        Assert.True(item.IsAmbiguous);
        Assert.Equal(candidates, item.Candidates.Count);
    }

    [Theory]
    [InlineData("checkout", CartIntent.Checkout)]
    [InlineData("I'm ready to check out", CartIntent.Checkout)]
    [InlineData("that's all", CartIntent.Checkout)]
    [InlineData("show me the catalog", CartIntent.ShowCatalog)]
    [InlineData("empty my cart", CartIntent.Empty)]
    [InlineData("upgrade my users to X4", CartIntent.Upgrade)]
    [InlineData("blue elephants", CartIntent.None)]
    public void Intents_without_products_are_recognized(string text, CartIntent intent) =>
        Assert.Equal(intent, Parser.Parse(text).Intent);

    [Theory]
    [InlineData("help", SalesCommand.Help)]
    [InlineData("?", SalesCommand.Help)]
    [InlineData("Show my cart", SalesCommand.ShowCart)]
    [InlineData("start over", SalesCommand.StartOver)]
    [InlineData("Cancel", SalesCommand.Cancel)]
    [InlineData("I want to talk to a person", SalesCommand.Agent)]
    [InlineData("agent please", SalesCommand.Agent)]
    [InlineData("sales", SalesCommand.Agent)]
    [InlineData("When are you open?", SalesCommand.Hours)]
    [InlineData("cancel the headset", SalesCommand.None)]
    [InlineData("help me add lines", SalesCommand.None)]
    public void Global_commands_are_the_whole_message(string text, SalesCommand command) =>
        Assert.Equal(command, SalesCommandRecognizer.Recognize(text));

    [Theory]
    [InlineData("thanks!", SalesCommand.Thanks)]
    [InlineData("Thank you so much", SalesCommand.Thanks)]
    [InlineData("ok thanks", SalesCommand.Thanks)]
    [InlineData("bye", SalesCommand.Goodbye)]
    [InlineData("have a nice day", SalesCommand.Goodbye)]
    [InlineData("ok that's all", SalesCommand.ThatsAll)]
    [InlineData("no thanks, that's it", SalesCommand.ThatsAll)]
    [InlineData("no thanks", SalesCommand.No)]
    [InlineData("yes please", SalesCommand.Yes)]
    [InlineData("not right now", SalesCommand.No)]
    [InlineData("that would be great", SalesCommand.Yes)]
    [InlineData("no, I want 3 lines", SalesCommand.None)]
    [InlineData("what's the status of my order?", SalesCommand.OrderStatus)]
    [InlineData("where is my order", SalesCommand.OrderStatus)]
    [InlineData("add a card", SalesCommand.AddCard)]
    [InlineData("update my card", SalesCommand.AddCard)]
    [InlineData("I want to add a new credit card", SalesCommand.AddCard)]
    [InlineData("cancel my order", SalesCommand.Cancel)]
    [InlineData("great", SalesCommand.Acknowledge)]
    [InlineData("Sounds good!", SalesCommand.Acknowledge)]
    [InlineData("ok got it", SalesCommand.Acknowledge)]
    [InlineData("hello", SalesCommand.Greeting)]
    [InlineData("Hi there!", SalesCommand.Greeting)]
    [InlineData("good morning", SalesCommand.Greeting)]
    [InlineData("hi, add 2 X4 lines", SalesCommand.None)]
    [InlineData("thanks, add 2 X4 lines", SalesCommand.None)]
    [InlineData("👍", SalesCommand.None)]
    public void Conversational_moves_are_recognized_only_as_the_whole_message(string text, SalesCommand command) =>
        Assert.Equal(command, SalesCommandRecognizer.Recognize(text));

    [Theory]
    [InlineData("", false)]
    [InlineData("🙂🙂", false)]
    [InlineData("?!", false)]
    [InlineData("ok", true)]
    [InlineData("2", true)]
    public void Messages_without_letters_or_digits_have_nothing_to_read(string text, bool hasWords) =>
        Assert.Equal(hasWords, SalesCommandRecognizer.HasWords(text));

    [Theory]
    [InlineData("add 2.5 X4 lines", "2.5")]
    [InlineData("add 99999999999 X4 lines", "99999999999")]
    [InlineData("add a few X4 lines", "a few")]
    [InlineData("add some X4 lines", "some")]
    [InlineData("add 0 X4 lines", "0")]
    public void A_quantity_that_is_not_a_usable_whole_number_is_kept_as_said_not_defaulted(string text, string said)
    {
        var item = Assert.Single(Parser.Parse(text).Items);

        Assert.Null(item.Quantity);
        Assert.Equal(said, item.UnreadableQuantity);
    }

    [Theory]
    [InlineData("add a couple of X4 lines")]
    [InlineData("a pair of x4 licenses")]
    public void A_couple_and_a_pair_are_two(string text) =>
        Assert.Equal(2, Assert.Single(Parser.Parse(text).Items).Quantity);

    [Theory]
    [InlineData("add 2 more X4 lines", 2)]
    [InlineData("I need three more X4 lines", 3)]
    [InlineData("add one more X4 line", 1)]
    [InlineData("set X4 lines to 0", 0)]
    public void More_after_a_number_and_zero_in_a_change_are_read_as_said(string text, int expected) =>
        Assert.Equal(expected, Assert.Single(Parser.Parse(text).Items).Quantity);

    [Theory]
    [InlineData("add a card", CartIntent.AddCard)]
    [InlineData("ok that's all", CartIntent.Checkout)]
    public void Whole_message_moves_the_command_list_knows_are_read_by_the_parser_too(string text, CartIntent intent) =>
        Assert.Equal(intent, Parser.Parse(text).Intent);

    [Fact]
    public void The_cart_narrows_a_remove_to_what_it_holds()
    {
        var request = Parser.Parse("remove the phone").WithCart(["YEA-T57W", "X2-LINE"]);

        Assert.Equal("YEA-T57W", Assert.Single(Assert.Single(request.Items).Candidates).Sku);
    }

    [Fact]
    public void A_remove_of_a_kind_the_cart_has_none_of_is_flagged_and_an_add_is_left_to_the_catalog()
    {
        Assert.True(Assert.Single(Parser.Parse("remove the phone").WithCart(["X2-LINE"]).Items).NoneInCart);
        Assert.Equal(2, Assert.Single(Parser.Parse("add a phone").WithCart(["YEA-T57W"]).Items).Candidates.Count);
    }
}
