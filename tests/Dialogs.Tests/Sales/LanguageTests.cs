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
}
