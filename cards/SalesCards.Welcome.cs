using System.Text.Json.Nodes;
using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards;

public static partial class SalesCards
{
    private static readonly string[] Capabilities =
    [
        "- Browse lines of service and equipment, with prices",
        "- Build and change your cart",
        "- Check out with a card on your account",
        "- Connect you with a sales agent",
    ];

    /// <summary>What the bot can do, with Browse catalog, View cart, Talk to sales and Hours.</summary>
    public static CardMessage Welcome(WelcomeView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var title = string.IsNullOrWhiteSpace(view.FirstName)
            ? "Hi, I'm the 8x8 sales assistant"
            : $"Hi {view.FirstName.Trim()}, I'm the 8x8 sales assistant";
        const string Intro = "I can add lines of service and phones to your 8x8 account, right here in the chat.";

        var fallback = new Fallback(
                $"{title}. Type {Quoted("catalog")} to browse, or tell me what you need.",
                $"{title}. {Intro} What would you like to do?")
            .Paragraph($"{title}. {Intro}")
            .Paragraph(Capabilities)
            .Paragraph(view.Notices)
            .Paragraph(
                $"Type {Quoted("catalog")} to browse, {Quoted("cart")} to see your cart, {Quoted("agent")} to talk to sales " +
                $"or {Quoted("hours")} for sales hours. You can also say what you need, for example {Quoted("add 3 X4 lines")}, " +
                $"or {Quoted("help")} at any time.");

        return Compose(CardTemplates.Welcome, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "title", title);
            BindNotices(card, view.Notices);
        }, ["Catalog", "Cart", "Agent", "Hours"]);
    }

    /// <summary>Repeats the "notice" sample in the "notices" container, or removes the container when there are none.</summary>
    private static void BindNotices(JsonObject card, IReadOnlyList<string> notices)
    {
        if (notices.Count == 0)
        {
            CardJson.Remove(card, "notices");
            return;
        }

        CardJson.Repeat(card, "notice", notices, (row, notice, _) => row["text"] = notice);
    }
}
