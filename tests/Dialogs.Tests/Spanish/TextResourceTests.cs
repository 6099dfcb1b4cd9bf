using System.Text.RegularExpressions;
using System.Xml.Linq;
using My8x8.SalesBot.Cards;

namespace My8x8.SalesBot.Dialogs.Tests.Spanish;

/// <summary>
/// The customer's texts live in .resx resources, English (neutral) beside Spanish (<c>.es.resx</c>): every text is in
/// both, none is blank, both have the same placeholders, every key a card template shows exists, and the classes that
/// word the conversation keep no sentence of their own.
/// </summary>
public sealed partial class TextResourceTests
{
    private static readonly string Root = FindRoot();

    public static TheoryData<string> NeutralResources()
    {
        var data = new TheoryData<string>();
        foreach (var file in ResourceFiles().Where(f => !f.EndsWith(".es.resx", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(Root, file));
        }

        return data;
    }

    [Fact]
    public void The_texts_of_the_dialogs_cards_and_host_are_in_resource_files_in_both_languages()
    {
        var files = ResourceFiles().Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/')).ToList();

        foreach (var expected in new[] { "dialogs/Resources/DialogTexts", "cards/Resources/CardTexts", "bot/Resources/HostTexts", "ordering/Resources/PageTexts" })
        {
            Assert.Contains(expected + ".resx", files);
            Assert.Contains(expected + ".es.resx", files);
        }
    }

    [Theory]
    [MemberData(nameof(NeutralResources))]
    public void Every_text_is_in_english_and_spanish_with_the_same_placeholders(string neutral)
    {
        var english = Read(Path.Combine(Root, neutral));
        var spanishFile = Path.Combine(Root, neutral[..^".resx".Length] + ".es.resx");
        Assert.True(File.Exists(spanishFile), $"{neutral} has no Spanish twin ({Path.GetFileName(spanishFile)}).");
        var spanish = Read(spanishFile);

        Assert.Empty(english.Keys.Except(spanish.Keys).Select(k => $"missing in Spanish: {k}"));
        Assert.Empty(spanish.Keys.Except(english.Keys).Select(k => $"missing in English: {k}"));
        Assert.Empty(english.Concat(spanish).Where(t => string.IsNullOrWhiteSpace(t.Value) && !t.Key.StartsWith("Words.", StringComparison.Ordinal)).Select(t => $"blank: {t.Key}"));
        Assert.Empty(english.Keys
            .Where(key => !Placeholders(english[key]).SetEquals(Placeholders(spanish[key])))
            .Select(key => $"{key}: English {{{string.Join(",", Placeholders(english[key]))}}} vs Spanish {{{string.Join(",", Placeholders(spanish[key]))}}}"));
    }

    [Fact]
    public void Every_text_a_card_template_shows_is_a_resource_and_templates_keep_no_fixed_words()
    {
        var cardTexts = Read(Path.Combine(Root, "cards/Resources/CardTexts.resx"));
        List<string> missing = [], fixedWords = [];
        foreach (var template in CardTemplates.Required)
        {
            missing.AddRange(CardTemplates.TextKeys(template).Where(k => !cardTexts.ContainsKey(k)).Select(k => $"{template}: {k}"));

            // Words without a key are only in elements the builder binds (they have an id) or at the card's root,
            // whose speak and fallback text the builder always writes.
            var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Root, "cards/Templates", template + ".json")))!;
            fixedWords.AddRange(FixedWords(json, bound: false, root: true).Select(w => $"{template}: {w}"));
        }

        Assert.True(missing.Count == 0, "Keys missing from CardTexts.resx:\n" + string.Join('\n', missing));
        Assert.True(fixedWords.Count == 0, "Words a template shows without a key:\n" + string.Join('\n', fixedWords));
    }

    [Fact]
    public void The_classes_that_word_the_conversation_keep_no_sentence_in_code()
    {
        // A sentence is a string literal with two words in it; keys ("SalesTexts.Help") and element ids have none.
        // Exceptions, log templates and regular expressions are not for customers; the typed commands and reply
        // values (cards/Commands.cs) are the parsers' vocabulary and the agent desk's words (RefusalTexts.ForAgents.cs)
        // are not customer texts, so those files are not scanned.
        string[] files =
        [
            "dialogs/Sales/SalesTexts.cs", "dialogs/Sales/SalesMessages.cs", "dialogs/Sales/RefusalTexts.cs",
            "dialogs/Sales/CartDescriptions.cs", "dialogs/Sales/OrderStatusReplies.cs", "dialogs/Sales/PlanAdvisor.cs",
            "dialogs/Handoff/HandoffTexts.cs", "dialogs/Handoff/SalesHours.cs", "dialogs/Handoff/PhoneHandoffService.cs",
            "bot/Teams/TeamsTexts.cs", "bot/Adapter/SalesBotAdapter.cs", "bot/Turns/TurnCommitMiddleware.cs", "cards/Wording.cs", "cards/CardMessage.cs",
            "ordering/Payments/CardPage.cs", "ordering/Payments/CardValidation.cs", "ordering/Api/TermsPage.cs",
            .. Directory.GetFiles(Path.Combine(Root, "cards"), "SalesCards*.cs").Select(f => Path.GetRelativePath(Root, f)),
        ];
        var found = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Path.Combine(Root, file));
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith("//", StringComparison.Ordinal) || line.Contains("Exception(", StringComparison.Ordinal)
                    || line.Contains("GeneratedRegex", StringComparison.Ordinal) || LogCall().IsMatch(line))
                {
                    continue;
                }

                foreach (Match literal in Literal().Matches(line))
                {
                    // A plain literal with named holes ("{ConversationId}") is a log message template.
                    var interpolated = literal.Index > 0 && line[literal.Index - 1] == '$';
                    if (!interpolated && NamedHole().IsMatch(literal.Value))
                    {
                        continue;
                    }

                    if (Sentence().IsMatch(Regex.Replace(literal.Value, @"\{[^}]*\}", " ")))
                    {
                        found.Add($"{file}:{i + 1}: {literal.Value}");
                    }
                }
            }
        }

        Assert.Empty(found);
    }

    [Fact]
    public void The_customer_pages_and_their_script_keep_no_sentence_of_their_own()
    {
        // The Razor pages customers see (the website chat, the card page, the terms page and their shell; the agent
        // console is the agents' and is not scanned): words between tags and in visible attributes come from the
        // resources, and so do the sentences the chat page's script shows.
        var pages = new[] { "bot", "ordering" }
            .SelectMany(dir => Directory.GetFiles(Path.Combine(Root, dir), "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}AgentConsole{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith("_Imports.razor", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(pages, f => f.EndsWith("WebChatPage.razor", StringComparison.Ordinal));
        Assert.Contains(pages, f => f.EndsWith("CardPageView.razor", StringComparison.Ordinal));
        Assert.Contains(pages, f => f.EndsWith("TermsPageView.razor", StringComparison.Ordinal));

        var found = new List<string>();
        foreach (var page in pages)
        {
            var markup = RazorComment().Replace(File.ReadAllText(page), m => new string('\n', m.Value.Count(c => c == '\n')));
            var code = markup.IndexOf("@code", StringComparison.Ordinal);
            var lines = (code < 0 ? markup : markup[..code]).Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                var words = CodeLine().IsMatch(line)
                    ? string.Join(' ', Literal().Matches(line).Select(m => m.Value))
                    : string.Join(' ', VisibleAttribute().Matches(line).Select(m => m.Groups["value"].Value)) + ' ' + Tag().Replace(line, " ");
                words = RazorExpression().Replace(words, " ");
                if (Sentence().IsMatch(words))
                {
                    found.Add($"{Path.GetRelativePath(Root, page)}:{i + 1}: {line}");
                }
            }
        }

        var script = Path.Combine(Root, "bot/wwwroot/webchat/page.js");
        var scriptLines = File.ReadAllLines(script);
        for (var i = 0; i < scriptLines.Length; i++)
        {
            var line = scriptLines[i].Trim();
            if (line.StartsWith("//", StringComparison.Ordinal) || line.Contains("Font:", StringComparison.Ordinal) || line == "'use strict';")
            {
                continue;
            }

            found.AddRange(ScriptLiteral().Matches(line).Where(m => Sentence().IsMatch(m.Value)).Select(m => $"page.js:{i + 1}: {m.Value}"));
        }

        Assert.Empty(found);
    }

    private static IEnumerable<string> FixedWords(System.Text.Json.Nodes.JsonNode node, bool bound, bool root)
    {
        string[] visible = ["text", "title", "label", "placeholder", "tooltip", "altText", "errorMessage"];
        if (node is System.Text.Json.Nodes.JsonObject obj)
        {
            // An id marks an element the builder writes (a text, facts, an input) — or, on a container, a section it may
            // remove, which writes none of the words inside it.
            var isBound = bound || obj.ContainsKey("id") && obj["type"]?.GetValue<string>() is not (null or "Action.Submit" or "Action.OpenUrl" or "ActionSet" or "Container" or "ColumnSet" or "Column");
            foreach (var (name, child) in obj)
            {
                if (name is "data" or "$schema" || (root && name is "speak" or "fallbackText"))
                {
                    continue;
                }

                if (child is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text))
                {
                    // An input's id names what it sends (and the choices the builder lists), not its label: a label
                    // the builder does not write would stay in the template's language.
                    var isInputCaption = name is "label" or "placeholder" or "errorMessage"
                        && obj["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal);
                    if (visible.Contains(name) && (!isBound || isInputCaption && !bound) && !text.StartsWith("${", StringComparison.Ordinal) && text.Any(char.IsLetter))
                    {
                        yield return text;
                    }
                }
                else if (child is not null)
                {
                    foreach (var word in FixedWords(child, isBound, root: false))
                    {
                        yield return word;
                    }
                }
            }
        }
        else if (node is System.Text.Json.Nodes.JsonArray array)
        {
            foreach (var word in array.OfType<System.Text.Json.Nodes.JsonNode>().SelectMany(c => FixedWords(c, bound, root: false)))
            {
                yield return word;
            }
        }
    }

    private static HashSet<string> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value)];

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static IEnumerable<string> ResourceFiles() =>
        new[] { "dialogs", "cards", "bot", "ordering" }
            .SelectMany(dir => Directory.GetFiles(Path.Combine(Root, dir), "*.resx", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "My8x8.SalesBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (My8x8.SalesBot.sln) was not found above the test's folder.");
    }

    // {0}, {1:00}: the index is what must match; a format may differ by language.
    [GeneratedRegex(@"(?<!\{)\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex Literal();

    [GeneratedRegex(@"[A-Za-zÀ-ÿ]{2,}[ ]+[A-Za-zÀ-ÿ]{2,}")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\{[A-Z][A-Za-z]+\}")]
    private static partial Regex NamedHole();

    [GeneratedRegex(@"@\*.*?\*@|<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    // A line of C# inside the markup: a Razor statement or brace, a declaration, or anything ending like a statement.
    [GeneratedRegex(@"^(?:@(?:if|else|foreach|for|switch|while|using|inject|page|code)\b|[{}]|(?:var|case|break|default|else|return)\b)|[;{]$")]
    private static partial Regex CodeLine();

    // Razor expressions: @Name, @Name.Member["key"](args), @(…), written by code rather than by the page.
    [GeneratedRegex(@"@\((?:[^()]|\((?:[^()]|\([^()]*\))*\))*\)|@[A-Za-z_][\w.]*(?:\[[^\]]*\]|\((?:[^()]|\([^()]*\))*\))*")]
    private static partial Regex RazorExpression();

    [GeneratedRegex("\\b(?:title|aria-label|alt|placeholder|content|label)=\"(?<value>[^\"]*)\"")]
    private static partial Regex VisibleAttribute();

    [GeneratedRegex("<[^>]*>|<[^>]*$|^[^<]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"'(?:[^'\\]|\\.)*'")]
    private static partial Regex ScriptLiteral();

    [GeneratedRegex(@"\b_?logger\.Log|\bLog(?:Information|Warning|Error|Debug|Trace|Critical)\(")]
    private static partial Regex LogCall();
}
