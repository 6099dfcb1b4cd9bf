using System.Globalization;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Cards.Binding;

namespace My8x8.SalesBot.Cards;

public static partial class SalesCards
{
    /// <summary>
    /// Lines of service and equipment with a quantity input per SKU (<c>qty.&lt;SKU&gt;</c>) and one Add to cart submit.
    /// The text fallback numbers items across both groups (lines first), so "number 4" means the same in both.
    /// </summary>
    public static CardMessage Catalog(CatalogView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        var limits = $"You can order up to {Wording.Count(view.MaxLinesPerOrder, "new line")} and {Wording.Count(view.MaxDevicesPerOrder, "device")} at a time.";
        var example = view.Lines.Count > 0
            ? $"add 3 {PluralName(view.Lines[0].Name)}"
            : view.Equipment.Count > 0 ? $"add 2 {PluralName(view.Equipment[0].Name)}" : "add 3 lines";
        var lastNumber = view.Lines.Count + view.Equipment.Count;

        var fallback = new Fallback(
                $"Here's the catalog. Enter quantities and select Add to cart, or type, for example {Quoted(example)}.",
                $"Here's the catalog: {Wording.Count(view.Lines.Count, "line of service", "lines of service")} and {Wording.Count(view.Equipment.Count, "device")}. Tell me what you'd like to add.")
            .Paragraph("Here's the catalog. Prices are in US dollars.")
            .Paragraph(["Lines of service (billed monthly):", .. CatalogLines(view.Lines, 1, monthly: true)])
            .Paragraph(["Equipment (one-time price):", .. CatalogLines(view.Equipment, view.Lines.Count + 1, monthly: false)])
            .Paragraph(
                $"To add items, type what you want, for example {Quoted(example)}" +
                (lastNumber > 0 ? $" or {Quoted(string.Create(CultureInfo.InvariantCulture, $"2 of number {lastNumber}"))}. " : ". ") +
                $"{limits} Type {Quoted("cart")} to see your cart.");

        return Compose(CardTemplates.Catalog, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "intro", $"Enter how many you want of each item (leave the others blank), then select Add to cart. {limits} Prices are in US dollars.");
            BindCatalogSection(card, "linesSection", "line", view.Lines, " per month", view.MaxLinesPerOrder);
            BindCatalogSection(card, "equipmentSection", "equipment", view.Equipment, "", view.MaxDevicesPerOrder);
        }, ["Cart", "Agent"]);
    }

    private static IEnumerable<string> CatalogLines(IReadOnlyList<CatalogItemView> items, int firstNumber, bool monthly)
    {
        if (items.Count == 0)
        {
            yield return monthly ? "No lines of service are available right now." : "No equipment is available right now.";
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var price = Wording.Money(item.Price) + (monthly ? " per month" : "");
            yield return Wording.Numbered(firstNumber + i, $"{item.Name}: {price}. {Sentence(item.Description)}");
        }
    }

    private static void BindCatalogSection(JsonObject card, string sectionId, string prefix, IReadOnlyList<CatalogItemView> items, string priceSuffix, int max)
    {
        if (items.Count == 0)
        {
            CardJson.Remove(card, sectionId);
            return;
        }

        CardJson.Repeat(card, prefix + "Row", items, (row, item, _) =>
        {
            CardJson.SetText(row, prefix + "Name", item.Name);
            CardJson.SetText(row, prefix + "Description", item.Description);
            CardJson.SetText(row, prefix + "Price", Wording.Money(item.Price) + priceSuffix);
            // No min or max on the input: the renderer treats a blank box with either as invalid and refuses to send
            // the card, and blank means none. The range is in the label; the server checks what arrives.
            var quantity = CardJson.Find(row, prefix + "Quantity");
            quantity["id"] = CardInputs.Quantity(item.Sku);
            quantity["label"] = string.Create(CultureInfo.InvariantCulture, $"Quantity of {item.Name} (0 to {max})");
        });
    }
}
