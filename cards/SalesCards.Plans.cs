using My8x8.SalesBot.Cards.Binding;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Cards;

public static partial class SalesCards
{
    /// <summary>
    /// Line plans side by side from the catalog's feature rows: a column per plan (name, monthly price, the
    /// recommended one marked), a row per feature, a quantity box per plan (<c>qty.&lt;SKU&gt;</c>) and one Add to cart
    /// submit. One plan is that plan described. The text fallback lists what all the plans include once, then each row
    /// where they differ, plan by plan — a table read row by row, for channels without cards and for screen readers.
    /// </summary>
    public static CardMessage PlanComparison(PlanComparisonView view, SubmitContext context, bool cardsSupported = true)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (view.Plans.Count == 0)
        {
            throw new ArgumentException("A plan comparison needs at least one plan.", nameof(view));
        }

        var single = view.Plans.Count == 1;
        var names = view.Plans.Select(p => p.Name).ToList();
        var title = single ? F("Plans.Title.One", view.Plans[0].Name) : F("Plans.Title", Joined(names));
        var example = single ? Commands.AddThreeOfThose : Commands.AddExample(3, PluralName(view.Plans[^1].Name));
        var summary = single
            ? F("Plans.Summary.One", view.Plans[0].Name, Wording.Money(view.Plans[0].MonthlyPrice))
            : F("Plans.Summary", Joined(names));
        var fallback = new Fallback(summary, summary + " " + T("Plans.Speak"));
        var rows = Rows(view.Plans);

        if (single)
        {
            var plan = view.Plans[0];
            var included = plan.Features.Where(f => f.Included).Select(f => Feature(f)).ToList();
            var missing = plan.Features.Where(f => !f.Included).Select(f => TextLists.InSentence(f.Name)).ToList();
            fallback
                .Paragraph(F("Plans.Price.One", title, Wording.Money(plan.MonthlyPrice), Sentence(plan.Description)))
                .Paragraph(included.Count > 0 ? F("Plans.Includes", Joined(included)) : null, missing.Count > 0 ? F("Plans.NotIncluded", Joined(missing)) : null);
        }
        else
        {
            var common = rows.Where(r => r.Cells.All(c => c?.Included == true) && r.Cells.Select(c => c!.Value).Distinct(StringComparer.Ordinal).Count() == 1)
                .Select(r => Feature(r.Cells[0]!, r.Name))
                .ToList();
            var differing = rows.Except(rows.Where(r => r.Cells.All(c => c?.Included == true) && r.Cells.Select(c => c!.Value).Distinct(StringComparer.Ordinal).Count() == 1));
            fallback
                .Paragraph([T("Plans.PriceHeading"), .. view.Plans.Select(p => $"- {p.Name}: {Wording.Money(p.MonthlyPrice)}")])
                .Paragraph(common.Count > 0 ? F(view.Plans.Count == 2 ? "Plans.BothInclude" : "Plans.AllInclude", Joined(common)) : null)
                .Paragraph([T("Plans.Differ"), .. differing.Select(r => $"- {r.Name}: {string.Join("; ", view.Plans.Select((p, i) => $"{p.Name} {TextLists.InSentence(r.Cells[i]?.Value ?? T("Plans.NotIncludedValue"))}"))}.")]);
        }

        if (view.RecommendedSku is { } recommended && view.Plans.FirstOrDefault(p => p.Sku == recommended) is { } pick && !single)
        {
            fallback.Paragraph(F("Plans.Recommended", pick.Name));
        }

        fallback.Paragraph(
            F("Plans.HowTo", Quoted(example), Wording.Count(view.MaxLinesPerOrder, "Count.NewLine")) + " " +
            T("Plans.HowTo.Advice"));

        return Compose(CardTemplates.PlanComparison, context, cardsSupported, fallback, card =>
        {
            CardJson.SetText(card, "title", title);
            CardJson.SetText(card, "intro", single
                ? $"{Sentence(view.Plans[0].Description)} {T("Plans.PricesArePer")}"
                : T("Plans.PricesArePer"));
            CardJson.Repeat(card, "planHeader", view.Plans, (column, plan, _) =>
            {
                CardJson.SetText(column, "planName", plan.Name);
                CardJson.SetText(column, "planPrice", Wording.Money(plan.MonthlyPrice) + " " + T("PerMonth"));
                if (plan.Sku != view.RecommendedSku)
                {
                    CardJson.Remove(column, "planBadge");
                }
            });
            CardJson.Repeat(card, "featureRow", rows, (row, feature, _) =>
            {
                CardJson.SetText(row, "featureName", feature.Name);
                // Words, not marks or subtle text: "Not included" reads the same to everyone and keeps its contrast.
                CardJson.Repeat(row, "featureCell", feature.Cells, (cell, value, _) => CardJson.SetText(cell, "featureValue", value?.Value ?? T("Plans.NotIncludedCell")));
            });
            CardJson.Repeat(card, "planQuantity", view.Plans, (input, plan, _) =>
            {
                input["id"] = CardInputs.Quantity(plan.Sku);
                input["label"] = F("Catalog.QuantityLabel", plan.Name, view.MaxLinesPerOrder);
            });
        }, [Commands.WhichPlanDoINeed, Commands.Cart, Commands.Agent]);
    }

    /// <summary>The comparison's rows: the first plan's features in its order, then any only later plans have; a plan without a row has a null cell.</summary>
    private static List<(string Name, List<PlanFeatureView?> Cells)> Rows(IReadOnlyList<PlanView> plans)
    {
        var names = plans.SelectMany(p => p.Features.Select(f => f.Name)).Distinct(StringComparer.Ordinal).ToList();
        return [.. names.Select(name => (name, plans.Select(p => p.Features.FirstOrDefault(f => f.Name == name)).ToList()))];
    }

    /// <summary>"international calling (unlimited to 48 countries)"; a bare "Included" says nothing more than the name.</summary>
    private static string Feature(PlanFeatureView feature, string? name = null)
    {
        var label = TextLists.InSentence(name ?? feature.Name);
        return string.Equals(feature.Value, "Included", StringComparison.OrdinalIgnoreCase) ? label : $"{label} ({TextLists.InSentence(feature.Value)})";
    }
}
