using System.Globalization;
using My8x8.SalesBot.Languages;
using My8x8.SalesBot.Ordering.Resources;

namespace My8x8.SalesBot.Ordering.Payments;

/// <summary>What survives of a submitted card after validation: never the number or the CVC.</summary>
internal sealed record ValidatedCard(string Brand, string Last4, int ExpiryMonth, int ExpiryYear);

/// <summary>Server-side checks of the hosted card form.</summary>
internal static class CardValidation
{
    public sealed record Result(ValidatedCard? Card, IReadOnlyDictionary<string, string> Errors);

    public static Result Validate(string? number, string? expiry, string? cvc, string? name, string? postalCode, DateTimeOffset now, PageTexts? texts = null)
    {
        texts ??= PageTexts.For(SalesLanguage.English);
        var errors = new Dictionary<string, string>();
        var digits = new string((number ?? string.Empty).Where(c => c is not (' ' or '-')).ToArray());
        if (digits.Length is < 12 or > 19 || !digits.All(char.IsAsciiDigit) || !PassesLuhn(digits))
        {
            errors["number"] = texts["CardValidation.Number"];
        }

        var brand = errors.ContainsKey("number") ? null : BrandOf(digits);
        if (brand is null && !errors.ContainsKey("number"))
        {
            errors["number"] = texts["CardValidation.Brand"];
        }

        if (!TryParseExpiry(expiry, out var month, out var year))
        {
            errors["expiry"] = texts["CardValidation.ExpiryFormat"];
        }
        else if (!IsValidOn(month, year, now))
        {
            errors["expiry"] = texts["CardValidation.Expired"];
        }

        var cvcText = (cvc ?? string.Empty).Trim();
        if (cvcText.Length is < 3 or > 4 || !cvcText.All(char.IsAsciiDigit))
        {
            errors["cvc"] = texts["CardValidation.Cvc"];
        }

        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            errors["name"] = texts["CardValidation.Name"];
        }

        var zip = (postalCode ?? string.Empty).Trim();
        if (!(zip.Length == 5 && zip.All(char.IsAsciiDigit)) && !(zip.Length == 10 && zip[5] == '-' && zip.Remove(5, 1).All(char.IsAsciiDigit)))
        {
            errors["zip"] = texts["CardValidation.Zip"];
        }

        return errors.Count > 0 || brand is null
            ? new Result(null, errors)
            : new Result(new ValidatedCard(brand, digits[^4..], month, year), errors);
    }

    /// <summary>A card is valid through the last day of its expiry month.</summary>
    public static bool IsValidOn(int month, int year, DateTimeOffset now) =>
        now < new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    public static string? BrandOf(string digits)
    {
        static int Prefix(string s, int length) => int.Parse(s.AsSpan(0, length), CultureInfo.InvariantCulture);

        return digits switch
        {
            _ when digits.StartsWith('4') => "Visa",
            _ when Prefix(digits, 2) is >= 51 and <= 55 || Prefix(digits, 4) is >= 2221 and <= 2720 => "Mastercard",
            _ when digits.StartsWith("34", StringComparison.Ordinal) || digits.StartsWith("37", StringComparison.Ordinal) => "Amex",
            _ when digits.StartsWith("6011", StringComparison.Ordinal) || digits.StartsWith("65", StringComparison.Ordinal)
                || Prefix(digits, 3) is >= 644 and <= 649 => "Discover",
            _ => null,
        };
    }

    public static bool TryParseExpiry(string? text, out int month, out int year)
    {
        month = 0;
        year = 0;
        var parts = (text ?? string.Empty).Trim().Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out month)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out year)
            || month is < 1 or > 12)
        {
            return false;
        }

        year = parts[1].Length switch
        {
            2 => 2000 + year,
            4 => year,
            _ => -1,
        };
        return year is >= 2000 and <= 2099;
    }
}
