namespace My8x8.SalesBot.Cards; internal static class Placeholder;
