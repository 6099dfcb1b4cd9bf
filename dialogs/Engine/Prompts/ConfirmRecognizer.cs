namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>
/// Recognizes English yes/no answers ("yes", "yeah", "sure", "I agree", "nope", "not now", …). Mixed or
/// unsure answers ("yes and no", "not sure", "yes but remove a phone") are not recognized, so the prompt asks again.
/// </summary>
public static class ConfirmRecognizer
{
    private enum Kind
    {
        Yes,
        No,
        Unsure,
        Neutral,
    }

    private static readonly (string[] Words, Kind Kind)[] Phrases = Build(
        (Kind.Yes, [
            "yes", "y", "yeah", "yea", "ya", "yep", "yup", "yes please", "sure", "sure thing", "ok", "okay", "k", "alright",
            "all right", "of course", "i agree", "agree", "agreed", "i do", "correct", "thats right", "right", "affirmative",
            "absolutely", "definitely", "certainly", "go ahead", "sounds good", "lets do it", "do it", "please do",
            "i confirm", "confirm", "confirmed", "true", "yes i do", "i accept", "accept",
        ]),
        (Kind.No, [
            "no", "n", "nope", "nah", "no thanks", "no thank you", "not now", "not yet", "not today", "maybe later", "later",
            "never", "negative", "i disagree", "disagree", "i dont agree", "i do not agree", "dont", "do not", "i dont",
            "i do not", "no way", "false", "not really", "not at all", "i dont think so", "dont think so", "i decline",
            "decline", "i dont want to", "i do not want to", "dont do it", "do not do it",
        ]),
        (Kind.Unsure, [
            "not sure", "im not sure", "i am not sure", "maybe", "perhaps", "dunno", "i dont know", "i do not know",
            "not certain", "unsure", "i guess",
        ]),
        (Kind.Neutral, ["please", "thanks", "thank you", "thx", "that", "its", "it", "is", "fine", "great", "good"]));

    // A contrast after a yes/no ("yes but first remove a phone") means the answer is not plain.
    private static readonly HashSet<string> Contrasts = new(StringComparer.Ordinal)
    {
        "but", "except", "however", "although", "though", "unless", "wait", "hold", "instead", "first", "before", "change",
    };

    /// <summary>Recognizes a yes/no answer.</summary>
    /// <param name="text">The user's message.</param>
    /// <param name="confirmed"><see langword="true"/> for yes, <see langword="false"/> for no.</param>
    /// <returns>Whether the message is a plain yes or a plain no.</returns>
    public static bool TryRecognize(string? text, out bool confirmed)
    {
        confirmed = false;
        var tokens = TextTokens.Split(text);
        var found = new HashSet<Kind>();
        var startsWithAnswer = false;
        for (var i = 0; i < tokens.Length;)
        {
            if (Contrasts.Contains(tokens[i]))
            {
                return false;
            }

            var match = LongestMatch(tokens, i);
            if (match is { } m)
            {
                startsWithAnswer |= i == 0 && m.Kind is Kind.Yes or Kind.No;
                found.Add(m.Kind);
                i += m.Length;
            }
            else
            {
                i++;
            }
        }

        found.Remove(Kind.Neutral);
        if (found.Count != 1 || found.Contains(Kind.Unsure))
        {
            return false;
        }

        // Accept a message that starts with the answer ("Yes, I agree to the terms") or holds nothing else
        // ("thanks, yes"); an answer buried in other words is too easy to misread.
        var answerOnly = tokens.All(IsPhraseWord);
        if (!startsWithAnswer && !answerOnly)
        {
            return false;
        }

        confirmed = found.Contains(Kind.Yes);
        return true;
    }

    private static (Kind Kind, int Length)? LongestMatch(string[] tokens, int start)
    {
        (Kind Kind, int Length)? best = null;
        foreach (var (words, kind) in Phrases)
        {
            if (words.Length <= tokens.Length - start
                && (best is null || words.Length > best.Value.Length)
                && words.AsSpan().SequenceEqual(tokens.AsSpan(start, words.Length)))
            {
                best = (kind, words.Length);
            }
        }

        return best;
    }

    private static bool IsPhraseWord(string token) => Phrases.Any(p => p.Words.Contains(token, StringComparer.Ordinal));

    private static (string[] Words, Kind Kind)[] Build(params (Kind Kind, string[] Phrases)[] groups)
        => [.. groups.SelectMany(g => g.Phrases.Select(p => (p.Split(' '), g.Kind)))];
}
