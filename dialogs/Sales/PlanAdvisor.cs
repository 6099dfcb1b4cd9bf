using My8x8.SalesBot.Dialogs.Language;
using My8x8.SalesBot.Dialogs.Resources;
using My8x8.SalesBot.Ordering;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Dialogs.Sales;

/// <summary>A recommended plan and why, in the catalog's words; <see cref="Plan"/> is null when no plan has every need.</summary>
public sealed record PlanRecommendation(Product? Plan, IReadOnlyList<string> Reasons, IReadOnlyList<string> Unmet);

/// <summary>
/// The plan advisor's reasoning, from the catalog alone: the cheapest line plan that includes every feature the
/// customer needs; a question is worth asking only when its answer could change that plan.
/// </summary>
public static class PlanAdvisor
{
    /// <summary>The "how many people" question, asked last (it sets the quantity, not the plan).</summary>
    public const string PeopleQuestion = "people";

    /// <summary>The needs questions in the order a salesperson asks them.</summary>
    public static IReadOnlyList<string> NeedQuestions { get; } =
        [PlanFeatureCodes.InternationalCalling, PlanFeatureCodes.VideoMeetings, PlanFeatureCodes.ContactCenter];

    /// <summary>The line plans, cheapest first.</summary>
    public static IReadOnlyList<Product> Plans(IEnumerable<Product> catalog) =>
        [.. catalog.Where(p => p.Kind == ProductKind.Line).OrderBy(p => p.Price)];

    public static Product? Recommend(IReadOnlyList<Product> plans, PlanNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        return plans.Where(p => needs.Required.All(p.Includes)).MinBy(p => p.Price);
    }

    /// <summary>The next question to ask, or null when the plan is settled and the number of people is known or skipped.</summary>
    public static string? NextQuestion(IReadOnlyList<Product> plans, PlanNeeds needs, IReadOnlyCollection<string> asked)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(asked);
        if (Recommend(plans, needs) is not { } pick)
        {
            // Nothing fits what was said already: more questions cannot help; the customer hears so at once.
            return null;
        }

        var need = NeedQuestions.FirstOrDefault(code =>
            !asked.Contains(code) && needs.Said(code) is null && !pick.Includes(code) && plans.Any(p => p.Includes(code)));
        return need ?? (needs.People is null && !asked.Contains(PeopleQuestion) ? PeopleQuestion : null);
    }

    /// <summary>The name of a feature as the catalog calls it ("International calling").</summary>
    public static string FeatureName(IReadOnlyList<Product> plans, string code) =>
        plans.SelectMany(p => p.Features).FirstOrDefault(f => f.Code == code)?.Name ?? code.Replace('-', ' ');

    public static PlanRecommendation Explain(IReadOnlyList<Product> plans, PlanNeeds needs)
    {
        ArgumentNullException.ThrowIfNull(needs);
        var pick = Recommend(plans, needs);
        if (pick is null)
        {
            return new PlanRecommendation(null, [], [.. needs.Required.Where(code => !plans.Any(p => p.Includes(code))).Select(code => TextLists.InSentence(FeatureName(plans, code)))]);
        }

        var reasons = new List<string>();
        foreach (var code in needs.Required)
        {
            var feature = pick.Features.First(f => f.Code == code);
            reasons.Add(Texts.Format("Advisor.Reason.Feature", feature.Name, TextLists.InSentence(feature.Value)));
        }

        if (needs.Required.Count == 0)
        {
            var included = pick.Features.Where(f => f.Included).Select(f => TextLists.InSentence(f.Name)).ToList();
            reasons.Add(Texts.Format("Advisor.Reason.Includes", TextLists.Joined(included)));
        }

        foreach (var cheaper in plans.Where(p => p.Price < pick.Price))
        {
            var missing = needs.Required.Where(code => !cheaper.Includes(code)).Select(code => TextLists.InSentence(FeatureName(plans, code))).ToList();
            reasons.Add(Texts.Format("Advisor.Reason.CheaperLacks", cheaper.Name, TextLists.Joined(missing, or: true)));
        }

        var pricier = plans.Where(p => p.Price > pick.Price).ToList();
        var declined = NeedQuestions.Where(code => needs.Said(code) == false && !pick.Includes(code) && pricier.Any(p => p.Includes(code))).ToList();
        if (declined.Count > 0 && pricier.FirstOrDefault(p => declined.All(p.Includes)) is { } over)
        {
            reasons.Add(Texts.Format("Advisor.Reason.NotNeeded", TextLists.Joined([.. declined.Select(code => TextLists.InSentence(FeatureName(plans, code)))], or: true), over.Name, Money.Usd(over.Price)));
        }

        foreach (var code in NeedQuestions.Where(code => needs.Said(code) is null && !pick.Includes(code)))
        {
            if (pricier.FirstOrDefault(p => p.Includes(code)) is { } later)
            {
                reasons.Add(Texts.Format("Advisor.Reason.IfYouNeed", TextLists.InSentence(FeatureName(plans, code)), later.Name, Money.Usd(later.Price)));
            }
        }

        return new PlanRecommendation(pick, reasons, []);
    }

    private static TextResources Texts => DialogTexts.Texts;
}
