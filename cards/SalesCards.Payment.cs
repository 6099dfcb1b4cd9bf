using System.Text.Json.Nodes;
using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards;

public static partial class SalesCards
{
    private const string NoCardNumbers = "For your security, never type a card number in this chat.";

    /// <summary>Choose a card on file (input <c>cardId</c>) or add a new one. Needs at least one card: with none, use <see cref="AddCard"/>.</summary>
    public static CardMessage CardOnFile(CardOnFileView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Cards.Count == 0)
        {
            throw new ArgumentException("The card-on-file choice needs at least one card; offer the add-card page instead.", nameof(view));
        }

        const string Question = "Which card on your account should pay for this order?";
        var selected = view.Cards.Any(c => c.Id == view.SelectedCardId) ? view.SelectedCardId : view.Cards[0].Id;
        // Cards are chosen by position, brand or last four digits: asking for "the number of a card" beside "never
        // type a card number" reads as asking for the card number.
        var example = view.Cards[^1];
        var howToChoose = view.Cards.Count == 1
            ? $"Say {Quoted("use it")}, or {Quoted("add a card")} to add a new one."
            : $"Say which one by its position, brand or last four digits — for example {Quoted(view.Cards.Count == 2 ? "the second one" : "the first one")}, {Quoted(example.Brand)} or {Quoted(example.Last4)} — or {Quoted("add a card")} to add a new one.";
        var fallback = new Fallback(
                $"{Question} {howToChoose}",
                view.Cards.Count == 1 ? $"Should your {view.Cards[0].Brand} ending in {view.Cards[0].Last4} pay for this order?" : Question)
            .Paragraph(Question)
            .Paragraph(view.Cards.Select((card, i) => Wording.Numbered(i + 1, card.Label)))
            .Paragraph(view.PaymentNotice)
            .Paragraph($"{howToChoose} {NoCardNumbers}");

        return Compose(CardTemplates.CardOnFile, context, cardsSupported, fallback, card =>
        {
            CardJson.SetChoices(card, CardInputs.CardId, view.Cards.Select(c => (c.Label, c.Id)), selected);
            SetOrRemove(card, "paymentNotice", view.PaymentNotice);
        }, ["Add a card"]);
    }

    /// <summary>
    /// Explains the secure card page; Action.OpenUrl to it and an "I've added it" submit. Beside the card the link is
    /// a link text; the full text fallback (for channels without cards, which may not render links) has the plain
    /// address. Where the chat continues by itself once the card is saved (<see cref="AddCardView.ContinuesByItself"/>),
    /// nothing asks the customer to type "done".
    /// </summary>
    public static CardMessage AddCard(AddCardView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var url = view.CardPageUrl.AbsoluteUri;
        var validity = view.LinkValidity is null ? null : $"The link works for {view.LinkValidity}.";
        var next = view.ContinuesByItself
            ? "I'll carry on here as soon as it's saved."
            : $"When you've added it, type {Quoted("done")}.";
        var fallback = new Fallback(
                $"Add your card on the [secure 8x8 card page]({url}). {next}",
                view.ContinuesByItself
                    ? "Open the secure card page to add your card; the chat carries on once it's saved."
                    : "Open the secure card page to add your card, then come back and say done.")
            .Paragraph("To keep your card details safe, cards are added on a secure 8x8 page, never in this chat. Open this link, enter your card, then come back here:")
            .Paragraph(url)
            .Paragraph($"{validity} The card is saved on your account for future purchases.".TrimStart())
            .Paragraph($"{next} {NoCardNumbers}");

        return Compose(CardTemplates.AddCard, context, cardsSupported, fallback, card =>
        {
            CardJson.Find(card, "openCardPage")["url"] = url;
            SetOrRemove(card, "expiry", validity);
        }, view.ContinuesByItself ? [] : ["Done"]);
    }

    private static void SetOrRemove(JsonObject card, string id, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            CardJson.Remove(card, id);
        }
        else
        {
            CardJson.SetText(card, id, text);
        }
    }
}
