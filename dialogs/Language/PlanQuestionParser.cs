using System.Text.RegularExpressions;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Dialogs.Language;

/// <summary>What a question about line plans asks for.</summary>
public enum PlanQuestionKind
{
    None,

    /// <summary>"Which plan do I need?", "I need international calling": the advisor's questions, then a recommendation.</summary>
    Advise,

    /// <summary>"What's the difference between X2 and X4?", "compare plans": the plans side by side.</summary>
    Compare,

    /// <summary>"Tell me about the X4 plan": that plan described. Never a change to the cart.</summary>
    Describe,
}

/// <summary>
/// What the customer needs from a plan, as far as they said: true or false for each need asked about (null: not
/// said, or skipped), and how many people need a line.
/// </summary>
public sealed record PlanNeeds(bool? International = null, bool? Video = null, bool? ContactCenter = null, int? People = null)
{
    /// <summary>The catalog feature codes the customer said they need.</summary>
    public IReadOnlyList<string> Required =>
    [
        .. International == true ? [PlanFeatureCodes.InternationalCalling] : Array.Empty<string>(),
        .. Video == true ? [PlanFeatureCodes.VideoMeetings] : Array.Empty<string>(),
        .. ContactCenter == true ? [PlanFeatureCodes.ContactCenter] : Array.Empty<string>(),
    ];

    /// <summary>The answer about the need behind <paramref name="code"/>.</summary>
    public bool? Said(string code) => code switch
    {
        PlanFeatureCodes.InternationalCalling => International,
        PlanFeatureCodes.VideoMeetings => Video,
        PlanFeatureCodes.ContactCenter => ContactCenter,
        _ => null,
    };

    /// <summary>These needs with the answer about <paramref name="code"/> set.</summary>
    public PlanNeeds With(string code, bool? answer) => code switch
    {
        PlanFeatureCodes.InternationalCalling => this with { International = answer },
        PlanFeatureCodes.VideoMeetings => this with { Video = answer },
        PlanFeatureCodes.ContactCenter => this with { ContactCenter = answer },
        _ => this,
    };

    /// <summary>Each answer said here, over <paramref name="earlier"/>'s.</summary>
    public PlanNeeds Over(PlanNeeds earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(International ?? earlier.International, Video ?? earlier.Video, ContactCenter ?? earlier.ContactCenter, People ?? earlier.People);
    }
}

/// <summary>A question about line plans: what it asks, the plans it names (catalog order) and the needs it states.</summary>
public sealed record PlanQuestion(PlanQuestionKind Kind, IReadOnlyList<Product> Plans, PlanNeeds Needs)
{
    public static PlanQuestion Nothing { get; } = new(PlanQuestionKind.None, [], new PlanNeeds());
}

/// <summary>
/// Reads questions about the catalog's line plans before the cart request parser does, so "tell me about the X4
/// plan" or "what's the difference between X2 and X4?" are answered rather than read as adds. Plans are matched by SKU
/// and name ("X4-LINE", "X4 line", "x4"); a message that asks for a change to the cart ("add 3 X4 lines", "I need
/// three more lines") is not a plan question, whatever it mentions.
/// </summary>
public sealed partial class PlanQuestionParser
{
    private readonly List<(string Phrase, Product Plan)> _phrases;
    private readonly IReadOnlyList<Product> _plans;
    private readonly List<string> _equipmentPhrases;

    public PlanQuestionParser(IEnumerable<Product> catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var products = catalog.ToList();
        _plans = [.. products.Where(p => p.Kind == ProductKind.Line)];
        _phrases = [];
        foreach (var plan in _plans)
        {
            var name = Normalize(plan.Name);
            var shortName = LineWord().Replace(name, "").Trim();
            foreach (var phrase in new[] { Normalize(plan.Sku), name, shortName }.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal))
            {
                _phrases.Add((phrase, plan));
            }
        }

        _phrases.Sort((a, b) => b.Phrase.Length.CompareTo(a.Phrase.Length));
        _equipmentPhrases = [.. products.Where(p => p.Kind == ProductKind.Equipment).SelectMany(p => p.Keywords.Prepend(p.Name)).Select(Normalize).Where(p => p.Length > 0)];
    }

    public PlanQuestion Parse(string? text)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0 || _plans.Count == 0 || CartChange().IsMatch(normalized))
        {
            return PlanQuestion.Nothing;
        }

        var named = Mentioned(normalized);
        var needs = Needs(normalized);
        if (ComparePattern().IsMatch(normalized) || (named.Count >= 2 && OrPattern().IsMatch(normalized)))
        {
            return new PlanQuestion(PlanQuestionKind.Compare, named.Count >= 2 ? named : _plans, needs);
        }

        if (AdvisePattern().IsMatch(normalized))
        {
            return new PlanQuestion(PlanQuestionKind.Advise, named, needs);
        }

        if (DescribePattern().IsMatch(normalized) || (named.Count == 1 && PlanWord().IsMatch(normalized) && normalized.EndsWith('?')))
        {
            return named.Count switch
            {
                1 => new PlanQuestion(PlanQuestionKind.Describe, named, needs),
                0 when PlansWord().IsMatch(normalized) => new PlanQuestion(PlanQuestionKind.Compare, _plans, needs),
                > 1 => new PlanQuestion(PlanQuestionKind.Compare, named, needs),
                _ => PlanQuestion.Nothing,
            };
        }

        // "I need international calling", "we run a contact center": a need stated without products or quantities.
        var statesNeed = needs != new PlanNeeds() && named.Count == 0 && !HasNumber(normalized)
            && !_equipmentPhrases.Any(p => ContainsWord(normalized, p));
        return statesNeed ? new PlanQuestion(PlanQuestionKind.Advise, [], needs) : PlanQuestion.Nothing;
    }

    /// <summary>The number of people said in an answer ("4", "four of us", "just me"), or null.</summary>
    public static int? People(string? text, out bool unreadable)
    {
        unreadable = false;
        var normalized = Normalize(text);
        if (JustMe().IsMatch(normalized))
        {
            return 1;
        }

        foreach (var said in SaidNumbers.Find(normalized))
        {
            if (said.Value is null)
            {
                continue;
            }

            if (said.Whole(1, 100_000) is { } people)
            {
                return people;
            }

            unreadable = true;
            return null;
        }

        return null;
    }

    private List<Product> Mentioned(string text)
    {
        var taken = new bool[text.Length];
        var found = new List<(int At, Product Plan)>();
        foreach (var (phrase, plan) in _phrases)
        {
            var index = 0;
            while ((index = text.IndexOf(phrase, index, StringComparison.Ordinal)) >= 0)
            {
                var end = index + phrase.Length;
                if ((index == 0 || !char.IsLetterOrDigit(text[index - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end]))
                    && !taken.AsSpan(index, phrase.Length).Contains(true))
                {
                    Array.Fill(taken, true, index, phrase.Length);
                    found.Add((index, plan));
                }

                index = end;
            }
        }

        // In the catalog's order, so a comparison reads cheapest first as the catalog lists them.
        var plans = found.Select(f => f.Plan).ToHashSet();
        return [.. _plans.Where(plans.Contains)];
    }

    private static PlanNeeds Needs(string text)
    {
        bool? Need(Regex pattern, Regex negated) => negated.IsMatch(text) ? false : pattern.IsMatch(text) ? true : null;
        int? people = null;
        if (PeoplePattern().Match(text) is { Success: true } said)
        {
            people = People(said.Groups["n"].Value, out _);
        }

        return new PlanNeeds(Need(International(), NoInternational()), Need(Video(), NoVideo()), Need(ContactCenter(), NoContactCenter()), people);
    }

    private static bool HasNumber(string text) => SaidNumbers.Find(text).Count > 0 || Couple().IsMatch(text);

    private static bool ContainsWord(string text, string phrase)
    {
        var index = text.IndexOf(phrase, StringComparison.Ordinal);
        return index >= 0 && (index == 0 || !char.IsLetterOrDigit(text[index - 1]))
            && (index + phrase.Length == text.Length || !char.IsLetterOrDigit(text[index + phrase.Length]));
    }

    private static string Normalize(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "" : Spaces().Replace(text.Trim().ToLowerInvariant().Replace('’', '\'').Replace("'", "", StringComparison.Ordinal), " ");

    [GeneratedRegex(@"\s*\b(?:line|lines|plan|plans)\b\s*")]
    private static partial Regex LineWord();

    // Asks for a change to the cart: an add, remove or set verb, or "I need three more lines"-style quantities.
    [GeneratedRegex(@"^(?:please )?(?:add|remove|delete|set|put|buy|order|purchase|change|make it|update|drop|take out|get me|give me|ill take|well take|i will take|we will take)\b|\b(?:add|remove|put)\b.*\b(?:to|from|in|into) (?:my|the|our) cart\b")]
    private static partial Regex CartChange();

    [GeneratedRegex(@"\b(?:compare|comparing|comparison|difference|differences|diff|differ|versus|vs)\b|\bwhats in each\b|\b(?:what|which) plans do you (?:have|offer|sell)\b|\bwhat (?:does|do) .+ have that .+ (?:doesnt|does not|dont)\b")]
    private static partial Regex ComparePattern();

    [GeneratedRegex(@"\bor\b|\benough\b|\bbetter\b|\bworth\b")]
    private static partial Regex OrPattern();

    [GeneratedRegex(@"\b(?:which|what) (?:plan|plans|line plan|line plans|license|licence|lines should|option|one) (?:do|should|would|is|fits|suits|for|has|have|includes|include|to)\b|\b(?:which|what) (?:plan|license|licence)\b.*\b(?:need|get|choose|pick|buy|best|right|recommend)\b|\b(?:recommend|suggest|advise|advice)\b|\bhelp (?:me |us )?(?:pick|choose|decide|select|find)\b|\bnot sure which\b|\b(?:best|right|cheapest|ideal) (?:plan|license|licence|option)\b|\bneed help choosing\b|\bwhich plan\b|\bplan (?:do|should|would) (?:i|we)\b|^plans\??$")]
    private static partial Regex AdvisePattern();

    [GeneratedRegex(@"\b(?:tell (?:me|us) (?:more )?about|what (?:is|are) (?:in|included in|the)|whats (?:in|included in|the)|whats included|what does .+ (?:include|have|offer|come with|cost)|what do (?:i|we|you) get (?:with|in)|describe|explain|details (?:of|on|about)|info(?:rmation)? (?:on|about)|features of|how much (?:is|does|for)|more about|what about)\b")]
    private static partial Regex DescribePattern();

    [GeneratedRegex(@"\b(?:plan|edition|license|licence)\b")]
    private static partial Regex PlanWord();

    [GeneratedRegex(@"\bplans\b")]
    private static partial Regex PlansWord();

    [GeneratedRegex(@"\binternational\b|\boverseas\b|\babroad\b|\bother countries\b|\bworldwide\b|\boutside (?:the )?(?:us|usa|united states|country)\b")]
    private static partial Regex International();

    [GeneratedRegex(@"\b(?:no|not|dont|do not|never|without|nor)\b[^,.;]*\b(?:international|overseas|abroad|other countries)\b")]
    private static partial Regex NoInternational();

    [GeneratedRegex(@"\bvideo\b|\bvideo ?(?:calls?|conferenc\w*)\b|\b(?:online|virtual|team) meetings?\b")]
    private static partial Regex Video();

    [GeneratedRegex(@"\b(?:no|not|dont|do not|never|without|nor)\b[^,.;]*\bvideo\b")]
    private static partial Regex NoVideo();

    [GeneratedRegex(@"\b(?:contact ?cent(?:er|re)s?|call ?cent(?:er|re)s?|call queues?|queues?|supervisors?|support desk|help ?desk)\b")]
    private static partial Regex ContactCenter();

    [GeneratedRegex(@"\b(?:no|not|dont|do not|never|without|nor)\b[^,.;]*\b(?:contact ?cent(?:er|re)|call ?cent(?:er|re)|queues?)\b")]
    private static partial Regex NoContactCenter();

    [GeneratedRegex(@"\b(?:for|of|with|have|has|are|team of|office of)\s+(?<n>\d+|[a-z]+(?:[ -][a-z]+)?)\s+(?:people|persons|users|employees|staff|seats|agents|reps|person|of us|lines)\b|\b(?<n>\d+)\s+(?:people|persons|users|employees|staff|agents|reps)\b")]
    private static partial Regex PeoplePattern();

    [GeneratedRegex(@"^(?:just |only )?(?:me|myself|one person|just one)$")]
    private static partial Regex JustMe();

    [GeneratedRegex(@"\b(?:a\s+)?(?:couple|pair)\b")]
    private static partial Regex Couple();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
