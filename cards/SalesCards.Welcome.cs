using System.Text.Json.Nodes;
using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards;

public static partial class SalesCards
{
    private static string[] Capabilities => T("Welcome.Capabilities").Split('\n');

    /// <summary>What the bot can do, with Browse catalog, View cart, Talk to sales and Hours.</summary>
    public static CardMessage Welcome(WelcomeView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var title = string.IsNullOrWhiteSpace(view.FirstName)
            ? T("Welcome.Title")
            : F("Welcome.Title.Named", view.FirstName.Trim());
        var intro = T("Welcome.Intro");

        var fallback = new Fallback(
                F("Welcome.Summary", title),
                F("Welcome.Speak", title, intro))
            .Paragraph($"{title}. {intro}")
            .Paragraph(Capabilities)
            .Paragraph(view.Notices)
            .Paragraph(T("Welcome.HowTo"));

        return Compose(CardTemplates.Welcome, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "title", title);
            BindNotices(card, view.Notices);
        }, [Commands.Catalog, Commands.Cart, Commands.Agent, Commands.Hours]);
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
