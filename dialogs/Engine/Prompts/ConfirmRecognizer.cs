namespace My8x8.SalesBot.Dialogs.Engine.Prompts;

/// <summary>What a message says as the answer to a yes-or-no question.</summary>
public enum ConfirmAnswer
{
    /// <summary>No yes or no in it that the rules can read ("I have read the terms and accept them" is left to others).</summary>
    None,

    /// <summary>A plain yes ("yes", "sure", "I agree, no changes").</summary>
    Yes,

    /// <summary>A plain no ("nope", "not now", "I don't agree").</summary>
    No,

    /// <summary>Mixed or unsure ("yes and no", "not sure", "yes but remove a phone"): nobody should guess.</summary>
    Unclear,
}

/// <summary>
/// The rules for English and Spanish yes/no answers ("yes", "sure", "I agree", "nope", "not now"; "sí", "de acuerdo",
/// "acepto", "no gracias", …). Mixed or
/// unsure answers ("yes and no", "not sure", "yes but remove a phone") are not recognized, so the prompt asks again.
/// The sales conversation reads every yes-or-no answer through one recognizer that asks these rules first and the
/// intent model only where they find no answer at all (<see cref="ConfirmAnswer.None"/>).
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
            "i confirm", "confirm", "confirmed", "true", "yes i do", "i accept", "accept", "yes i would", "yes thanks",
            "that would be great", "agree and buy",
            // Spanish (accents folded: "sí" is "si").
            "si", "si por favor", "si gracias", "claro", "claro que si", "por supuesto", "de acuerdo", "estoy de acuerdo",
            "acepto", "aceptar", "vale", "correcto", "afirmativo", "dale", "adelante", "confirmo", "confirmar", "esta bien",
            "si acepto", "si estoy de acuerdo", "hagalo", "hazlo", "si quiero",
        ]),
        (Kind.No, [
            "no", "n", "nope", "nah", "no thanks", "no thank you", "not now", "not right now", "no need", "not yet", "not today", "maybe later", "later",
            "never", "negative", "i disagree", "disagree", "i dont agree", "i do not agree", "dont agree", "do not agree", "not agree", "dont", "do not", "i dont",
            "i do not", "no way", "false", "not really", "not at all", "i dont think so", "dont think so", "i decline",
            "decline", "i dont want to", "i do not want to", "dont do it", "do not do it",
            "no gracias", "no muchas gracias", "ahora no", "todavia no", "aun no", "hoy no", "nunca", "para nada", "mejor no",
            "no quiero", "no acepto", "no estoy de acuerdo", "no lo acepto", "de ninguna manera", "mas tarde", "luego",
            "no por ahora", "no hace falta",
        ]),
        (Kind.Unsure, [
            "not sure", "im not sure", "i am not sure", "maybe", "perhaps", "dunno", "i dont know", "i do not know",
            "not certain", "unsure", "i guess",
            "no se", "no estoy seguro", "no estoy segura", "quizas", "quiza", "tal vez", "a lo mejor", "puede ser",
        ]),
        // "no changes" is part of an agreement ("I agree, no changes"), not a no: the longest phrase wins over "no".
        (Kind.Neutral, [
            "please", "thanks", "thank you", "thx", "that", "its", "it", "is", "fine", "great", "good", "no changes",
            "no change", "no changes needed", "as is",
            "por favor", "gracias", "muchas gracias", "esta", "sin cambios", "asi", "asi esta bien", "eso", "lo", "bien",
        ]));

    // A contrast after a yes/no ("yes but first remove a phone") means the answer is not plain.
    private static readonly HashSet<string> Contrasts = new(StringComparer.Ordinal)
    {
        "but", "except", "however", "although", "though", "unless", "wait", "hold", "instead", "first", "before", "change",
        "pero", "excepto", "salvo", "aunque", "espera", "primero", "antes", "cambia", "cambiar",
    };

    /// <summary>Recognizes a yes/no answer.</summary>
    /// <param name="text">The user's message.</param>
    /// <param name="confirmed"><see langword="true"/> for yes, <see langword="false"/> for no.</param>
    /// <returns>Whether the message is a plain yes or a plain no.</returns>
    public static bool TryRecognize(string? text, out bool confirmed)
    {
        var answer = Read(text);
        confirmed = answer == ConfirmAnswer.Yes;
        return answer is ConfirmAnswer.Yes or ConfirmAnswer.No;
    }

    /// <summary>Reads a yes/no answer, telling "no answer in it" apart from a mixed or unsure one.</summary>
    /// <param name="text">The user's message.</param>
    /// <param name="wholeMessage">
    /// Only a message that is nothing but the answer ("no thanks", "yes please") counts; "no, I want 3 lines" is then
    /// <see cref="ConfirmAnswer.None"/>, for whoever reads requests.
    /// </param>
    /// <param name="inPassing">
    /// An answer among other words counts too ("I have read the terms and accept them"), as long as it is the only
    /// kind of answer in the message; for questions where the answer's words are specific enough (agreeing to terms).
    /// </param>
    public static ConfirmAnswer Read(string? text, bool wholeMessage = false, bool inPassing = false)
    {
        var tokens = TextTokens.Split(text);
        var found = new HashSet<Kind>();
        var startsWithAnswer = false;
        for (var i = 0; i < tokens.Length;)
        {
            if (Contrasts.Contains(tokens[i]))
            {
                return ConfirmAnswer.Unclear;
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
        if (found.Count == 0)
        {
            return ConfirmAnswer.None;
        }

        if (found.Count != 1 || found.Contains(Kind.Unsure))
        {
            return ConfirmAnswer.Unclear;
        }

        // Accept a message that starts with the answer ("Yes, I agree to the terms") or holds nothing else
        // ("thanks, yes"); an answer buried in other words is too easy to misread by rules.
        var answerOnly = tokens.All(IsPhraseWord);
        if ((wholeMessage || !startsWithAnswer) && !answerOnly && !inPassing)
        {
            return ConfirmAnswer.None;
        }

        return found.Contains(Kind.Yes) ? ConfirmAnswer.Yes : ConfirmAnswer.No;
    }

    /// <summary>
    /// Whether the message names the agreement itself ("I agree", "accepted", "confirm"), which a purchase under terms
    /// needs: a bare "ok" may only acknowledge having read them.
    /// </summary>
    public static bool NamesAgreement(string? text) => TextTokens.Split(text).Any(AgreementWords.Contains);

    private static readonly HashSet<string> AgreementWords = new(StringComparer.Ordinal)
    {
        "agree", "agreed", "accept", "accepted", "confirm", "confirmed",
        "acuerdo", "acepto", "aceptar", "aceptado", "aceptamos", "confirmo", "confirmar", "confirmado",
    };

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
