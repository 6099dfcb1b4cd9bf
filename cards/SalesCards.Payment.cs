using System.Text.Json.Nodes;
using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards;

public static partial class SalesCards
{
    private static string NoCardNumbers => T("Payment.NoCardNumbers");

    /// <summary>Choose a card on file (input <c>cardId</c>) or add a new one. Needs at least one card: with none, use <see cref="AddCard"/>.</summary>
    public static CardMessage CardOnFile(CardOnFileView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Cards.Count == 0)
        {
            throw new ArgumentException("The card-on-file choice needs at least one card; offer the add-card page instead.", nameof(view));
        }

        var question = T("Payment.WhichCard");
        var selected = view.Cards.Any(c => c.Id == view.SelectedCardId) ? view.SelectedCardId : view.Cards[0].Id;
        // Cards are chosen by position, brand or last four digits: asking for "the number of a card" beside "never
        // type a card number" reads as asking for the card number.
        var example = view.Cards[^1];
        var howToChoose = view.Cards.Count == 1
            ? T("Payment.HowToChoose.One")
            : F("Payment.HowToChoose", Quoted(T(view.Cards.Count == 2 ? "Payment.TheSecondOne" : "Payment.TheFirstOne")), Quoted(example.Brand), Quoted(example.Last4));
        var fallback = new Fallback(
                $"{question} {howToChoose}",
                view.Cards.Count == 1 ? F("Payment.ShouldThisCardPay", view.Cards[0].Brand, view.Cards[0].Last4) : question)
            .Paragraph(question)
            .Paragraph(view.Cards.Select((card, i) => Wording.Numbered(i + 1, card.Label)))
            .Paragraph(view.PaymentNotice)
            .Paragraph($"{howToChoose} {NoCardNumbers}");

        return Compose(CardTemplates.CardOnFile, context, cardsSupported, fallback, card =>
        {
            CardJson.SetChoices(card, CardInputs.CardId, view.Cards.Select(c => (c.Label, c.Id)), selected);
            SetOrRemove(card, "paymentNotice", view.PaymentNotice);
        }, [Commands.AddACard]);
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
        var validity = view.LinkValidity is null ? null : F("Payment.LinkValidity", view.LinkValidity);
        var next = T(view.ContinuesByItself ? "Payment.Next.Continues" : "Payment.Next.Done");
        var fallback = new Fallback(
                F("Payment.AddCard.Summary", url, next),
                T(view.ContinuesByItself ? "Payment.AddCard.Speak.Continues" : "Payment.AddCard.Speak.Done"))
            .Paragraph(T("Payment.AddCard.Intro"))
            .Paragraph(url)
            .Paragraph($"{validity} {T("Payment.Kept")}".TrimStart())
            .Paragraph($"{next} {NoCardNumbers}");

        return Compose(CardTemplates.AddCard, context, cardsSupported, fallback, card =>
        {
            CardJson.Find(card, "openCardPage")["url"] = url;
            SetOrRemove(card, "expiry", validity);
        }, view.ContinuesByItself ? [] : [Commands.Done]);
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
