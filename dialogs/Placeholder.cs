namespace My8x8.SalesBot.Dialogs; internal static class Placeholder;
