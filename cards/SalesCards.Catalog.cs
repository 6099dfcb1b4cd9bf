using System.Globalization;
using System.Text;
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
        var limits = F("Catalog.Limits", Wording.Count(view.MaxLinesPerOrder, "Count.NewLine"), Wording.Count(view.MaxDevicesPerOrder, "Count.Device"));
        var example = view.Lines.Count > 0
            ? Commands.AddExample(3, PluralName(view.Lines[0].Name))
            : view.Equipment.Count > 0 ? Commands.AddExample(2, PluralName(view.Equipment[0].Name)) : Commands.AddExample(3, null);
        var lastNumber = view.Lines.Count + view.Equipment.Count;

        var fallback = new Fallback(
                F("Catalog.Summary", Quoted(example)),
                F("Catalog.Speak", Wording.Count(view.Lines.Count, "Count.LineOfService"), Wording.Count(view.Equipment.Count, "Count.Device")))
            .Paragraph(T("Catalog.Intro"))
            .Paragraph([T("Catalog.LinesHeading"), .. CatalogLines(view.Lines, 1, monthly: true)])
            .Paragraph([T("Catalog.EquipmentHeading"), .. CatalogLines(view.Equipment, view.Lines.Count + 1, monthly: false)])
            .Paragraph(
                (lastNumber > 0
                    ? F("Catalog.HowTo.Numbered", Quoted(example), Quoted(Commands.OfNumber(lastNumber)))
                    : F("Catalog.HowTo", Quoted(example))) +
                " " + F("Catalog.HowTo.Cart", limits));

        return Compose(CardTemplates.Catalog, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "intro", F("Catalog.CardIntro", limits));
            BindCatalogSection(card, "linesSection", "line", view.Lines, " " + T("PerMonth"), view.MaxLinesPerOrder);
            BindCatalogSection(card, "equipmentSection", "equipment", view.Equipment, "", view.MaxDevicesPerOrder);
        }, [Commands.Cart, Commands.Agent], cacheKey: CacheKeyOf(view));
    }

    /// <summary>Everything of the view the catalog card shows: the same key binds to the same card (see Compose).</summary>
    private static string CacheKeyOf(CatalogView view)
    {
        var key = new StringBuilder();
        key.Append(view.MaxLinesPerOrder).Append('\u0001').Append(view.MaxDevicesPerOrder);
        foreach (var (group, items) in new[] { ('L', view.Lines), ('E', view.Equipment) })
        {
            foreach (var item in items)
            {
                key.Append('\u0002').Append(group).Append(item.Sku).Append('\u0001').Append(item.Name).Append('\u0001').Append(item.Description)
                    .Append('\u0001').Append(item.Price.ToString(CultureInfo.InvariantCulture));
            }
        }

        return key.ToString();
    }

    private static IEnumerable<string> CatalogLines(IReadOnlyList<CatalogItemView> items, int firstNumber, bool monthly)
    {
        if (items.Count == 0)
        {
            yield return T(monthly ? "Catalog.NoLines" : "Catalog.NoEquipment");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var price = Wording.Money(item.Price) + (monthly ? " " + T("PerMonth") : "");
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
            quantity["label"] = F("Catalog.QuantityLabel", item.Name, max);
        });
    }
}
