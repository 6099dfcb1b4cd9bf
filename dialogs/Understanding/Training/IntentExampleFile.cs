namespace My8x8.SalesBot.Dialogs.Understanding.Training;

/// <summary>
/// Reads an examples file: Markdown that reads as a list of what customers say. <c># title</c> and <c>&gt; note</c>
/// lines are prose, <c>## intent-label</c> starts an intent, each <c>- utterance</c> under it is one example.
/// Anything else is an error with its line number, so a stray line never silently drops an example.
/// </summary>
internal static class IntentExampleFile
{
    public static IReadOnlyList<IntentExample> Parse(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var examples = new List<IntentExample>();
        var seenIntents = new HashSet<Intent>();
        Intent? current = null;
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("> ", StringComparison.Ordinal) || trimmed == ">"
                || trimmed.StartsWith("# ", StringComparison.Ordinal))
            {
                continue;
            }

            if (trimmed.StartsWith("## ", StringComparison.Ordinal))
            {
                var label = trimmed[3..].Trim();
                if (!IntentLabels.TryParse(label, out var intent))
                {
                    throw Error(source, number, $"'{label}' is not an intent; the intents are {string.Join(", ", IntentLabels.All.Select(i => i.Label()))}");
                }

                if (!seenIntents.Add(intent))
                {
                    throw Error(source, number, $"intent '{label}' appears twice; keep its examples under one heading");
                }

                current = intent;
                continue;
            }

            if (trimmed.StartsWith("- ", StringComparison.Ordinal) || trimmed == "-")
            {
                if (current is null)
                {
                    throw Error(source, number, "an example comes before any '## intent' heading");
                }

                var text = trimmed[1..].Trim();
                if (!TextNormalizer.HasWords(TextNormalizer.Normalize(text)))
                {
                    throw Error(source, number, "an example has no words");
                }

                examples.Add(new IntentExample(current.Value, text, source, number));
                continue;
            }

            throw Error(source, number, "expected '## intent', '- example', '# title' or '> note'");
        }

        return examples;
    }

    public static IReadOnlyList<IntentExample> Read(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, Path.GetFileName(path));
    }

    private static FormatException Error(string source, int line, string message) => new($"{source}:{line}: {message}");
}
