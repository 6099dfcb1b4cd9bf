namespace My8x8.SalesBot.Ordering; internal static class Placeholder;
