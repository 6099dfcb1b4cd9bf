namespace My8x8.SalesBot.Bot.Tests; public class PlaceholderTests { [Fact] public void Builds() => Assert.True(true); }
