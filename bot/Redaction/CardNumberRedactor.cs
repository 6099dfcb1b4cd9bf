using System.Text;
using System.Text.RegularExpressions;

namespace My8x8.SalesBot.Redaction;

/// <summary>
/// Finds payment card numbers (13–19 digits passing the Luhn check, written together or in groups separated by
/// spaces, tabs, dots or dashes) and the expiry and security code said with them, and replaces them before the text
/// is logged, stored, shown to an agent or sent anywhere. A run of digits longer than a card number (a number followed
/// by its expiry or code, "4111 1111 1111 1111 12 29") is searched for a card number on its group boundaries.
/// </summary>
public static partial class CardNumberRedactor
{
    public const string Replacement = "[card number removed]";
    public const string CodeReplacement = "[security code removed]";
    public const string ExpiryReplacement = "[expiry removed]";

    private const int MinDigits = 13;
    private const int MaxDigits = 19;

    /// <summary>The text with card numbers removed; <paramref name="found"/> says whether any were.</summary>
    public static string Redact(string? text, out bool found)
    {
        found = false;
        if (string.IsNullOrEmpty(text) || !HasEnoughDigits(text))
        {
            return text ?? "";
        }

        StringBuilder? output = null;
        var copied = 0;
        // Identifiers that happen to hold digit groups (a GUID's 8-4-4 can be 16 digits) are not card numbers.
        var guids = text.Length >= 36 ? Guid().Matches(text) : null;
        foreach (Match run in DigitRun().Matches(text))
        {
            if (run.Index < copied || guids?.Any(g => run.Index < g.Index + g.Length && g.Index < run.Index + run.Length) == true
                || FindCardNumber(text, run) is not { } card)
            {
                continue;
            }

            output ??= new StringBuilder(text.Length);
            output.Append(text, copied, card.Start - copied).Append(Replacement);
            copied = card.End;

            // What follows the number in the same breath: its expiry and its security code.
            var tail = ExpiryAndCode().Match(text, copied);
            if (tail.Success && (tail.Groups["expiry"].Success || tail.Groups["code"].Success))
            {
                output.Append(tail.Groups["lead"].Value);
                if (tail.Groups["expiry"].Success)
                {
                    output.Append(tail.Groups["expiryLabel"].Value).Append(ExpiryReplacement).Append(tail.Groups["gap"].Value);
                }

                if (tail.Groups["code"].Success)
                {
                    output.Append(tail.Groups["codeLabel"].Value).Append(CodeReplacement);
                }

                copied = tail.Index + tail.Length;
            }
        }

        if (output is null)
        {
            return text;
        }

        found = true;
        output.Append(text, copied, text.Length - copied);
        // A labelled code said elsewhere in the message ("… and the CVV is 123") goes too.
        return SecurityCode().Replace(output.ToString(), match => match.Groups["label"].Value + CodeReplacement);
    }

    /// <summary>The longest Luhn-valid card number in the run that starts and ends on digit-group boundaries, earliest first.</summary>
    private static (int Start, int End)? FindCardNumber(string text, Match run)
    {
        // Positions of the run's digits, and whether each starts or ends a group.
        var positions = new List<int>(run.Length);
        for (var i = run.Index; i < run.Index + run.Length; i++)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                positions.Add(i);
            }
        }

        if (positions.Count < MinDigits)
        {
            return null;
        }

        Span<char> digits = stackalloc char[MaxDigits];
        for (var start = 0; start <= positions.Count - MinDigits; start++)
        {
            if (start > 0 && positions[start] == positions[start - 1] + 1)
            {
                continue; // not the first digit of a group
            }

            for (var length = Math.Min(MaxDigits, positions.Count - start); length >= MinDigits; length--)
            {
                var last = start + length - 1;
                if (last < positions.Count - 1 && positions[last + 1] == positions[last] + 1)
                {
                    continue; // not the last digit of a group
                }

                for (var d = 0; d < length; d++)
                {
                    digits[d] = text[positions[start + d]];
                }

                if (PassesLuhn(digits[..length]))
                {
                    return (positions[start], positions[last] + 1);
                }
            }
        }

        return null;
    }

    private static bool HasEnoughDigits(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && ++count >= MinDigits)
            {
                return true;
            }
        }

        return false;
    }

    internal static bool PassesLuhn(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    // Digits in groups: separated by up to three spaces or tabs, or by one dot or dash with optional spaces around it.
    [GeneratedRegex(@"(?<!\d)\d(?:(?:[ \t]{1,3}|[ \t]?[.\-][ \t]?)?\d)+(?!\d)")]
    private static partial Regex DigitRun();

    // Right after a card number: "12/29", "exp 12-2029", "cvc 123", "12/29 123", in that order, each optional.
    [GeneratedRegex(
        @"\G(?<lead>[\s,;:]*)(?:(?<expiryLabel>(?:exp(?:iry|ires|iration)?(?:\s+date)?|valid\s+thru)\W{0,3})?(?<expiry>(?:0?[1-9]|1[0-2])\s?[/\-.]\s?(?:20\d{2}|\d{2}))(?!\d))?(?<gap>[\s,;:]*)(?:(?<codeLabel>(?:cvc2?|cvv2?|cid|csc|security\s+code|code)\W{0,3})?(?<code>\d{3,4})(?!\d))?",
        RegexOptions.IgnoreCase)]
    private static partial Regex ExpiryAndCode();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"(?<label>\b(?:cvc|cvv|cvv2|cid|csc|security code|code)\b(?:\s+(?:is|was|number))?\W{0,3})\d{3,4}\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecurityCode();
}
