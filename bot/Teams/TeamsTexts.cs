namespace My8x8.SalesBot.Teams;

/// <summary>What the bot says only in Microsoft Teams, kept together like <c>SalesTexts</c>.</summary>
internal static class TeamsTexts
{
    public static string GroupIntro(string botName) =>
        $"Hi everyone, I'm the My 8x8 sales assistant. Mention me to add lines of service and phones to your 8x8 account, " +
        $"for example \"@{botName} add 2 X4 lines\". Each of you gets your own order. " +
        "Carts, payment cards and checkout stay private, so I handle those in a personal chat with me.";

    public static string CartIsPrivate(string who, Uri personalChat) =>
        $"{who}, your cart is yours alone, so I don't show it here. [Chat with me privately]({personalChat}) and say \"cart\" to see it " +
        "or \"checkout\" to buy — it's saved and waiting there.";

    public static string CheckoutIsPrivate(string who, Uri personalChat) =>
        $"{who}, payment and checkout happen only in a personal chat with me, so your card and order details stay private. " +
        $"[Chat with me privately]({personalChat}) and say \"checkout\" — your cart is saved and waiting there. Nothing was ordered or charged here.";
}
