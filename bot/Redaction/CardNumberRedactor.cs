using System.Text.RegularExpressions;

namespace My8x8.SalesBot.Redaction;

/// <summary>
/// Finds payment card numbers (13–19 digits, spaces or dashes allowed, passing the Luhn check) and security codes
/// said with them, and replaces them before the text is logged, stored, shown to an agent or sent anywhere.
/// </summary>
public static partial class CardNumberRedactor
{
    public const string Replacement = "[card number removed]";
    public const string CodeReplacement = "[security code removed]";

    /// <summary>The text with card numbers removed; <paramref name="found"/> says whether any were.</summary>
    public static string Redact(string? text, out bool found)
    {
        found = false;
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var any = false;
        var redacted = Candidate().Replace(text, match =>
        {
            var digits = new string(match.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length is < 13 or > 19 || !PassesLuhn(digits))
            {
                return match.Value;
            }

            any = true;
            return Replacement;
        });
        if (any)
        {
            redacted = SecurityCode().Replace(redacted, match => match.Groups["label"].Value + CodeReplacement);
        }

        found = any;
        return redacted;
    }

    internal static bool PassesLuhn(string digits)
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

    [GeneratedRegex(@"(?<!\d)\d(?:[ \-]?\d){12,18}(?!\d)")]
    private static partial Regex Candidate();

    [GeneratedRegex(@"(?<label>\b(?:cvc|cvv|cvv2|cid|security code|code)\b\W{0,3})\d{3,4}\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecurityCode();
}
