using System.Globalization;
using Microsoft.Recognizers.Text.DateTime;
using Microsoft.Recognizers.Text.Sequence;
using My8x8.SalesBot.Dialogs.Engine.Prompts;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>A phone number read from the customer's words: as they wrote it, and as dialable digits (E.164 for US numbers).</summary>
public sealed record CallbackPhone(string Text, string Dialable);

/// <summary>
/// A preferred callback time: what the customer asked for (null when no time was recognized), and the time sales
/// can actually call — the same instant when it falls inside sales hours, else the nearest one that does.
/// </summary>
public sealed record CallbackTime(DateTimeOffset Requested, DateTimeOffset Proposed)
{
    public bool WasMoved => Requested != Proposed;
}

/// <summary>
/// Reads callback details with Microsoft.Recognizers.Text: phone numbers (Sequence) and preferred times (DateTime:
/// "tomorrow at 9", "Monday morning"; "el lunes a las 9", "mañana por la tarde" in a Spanish turn), resolved against the bot's clock in the sales time zone.
/// </summary>
public sealed class CallbackRecognizer(SalesHours hours)
{
    // The turn's language: "tomorrow at 9" in English, "mañana a las 9" in Spanish.
    private static string Culture => RecognizerCulture.Current;

    /// <summary>The first phone number with at least ten digits (a US number with its area code), or null.</summary>
    public static bool TryRecognizePhone(string? text, out CallbackPhone? phone, out string rest)
    {
        phone = null;
        rest = text ?? "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var result in SequenceRecognizer.RecognizePhoneNumber(text, Culture))
        {
            var digits = new string(result.Text.Where(char.IsAsciiDigit).ToArray());
            var dialable = digits.Length switch
            {
                10 => "+1" + digits,
                11 when digits[0] == '1' => "+" + digits,
                > 11 and <= 15 when result.Text.TrimStart().StartsWith('+') => "+" + digits,
                _ => null,
            };
            if (dialable is null)
            {
                continue;
            }

            phone = new CallbackPhone(result.Text.Trim(), dialable);
            rest = string.Concat(text.AsSpan(0, result.Start), " ", text.AsSpan(result.End + 1));
            return true;
        }

        return false;
    }

    /// <summary>
    /// The time the customer asked for, moved to the nearest time inside sales hours when it is outside them.
    /// Of several readings ("tomorrow at 9" is 9 a.m. or 9 p.m.) the first future one inside sales hours wins;
    /// a date alone means "when sales opens that day".
    /// </summary>
    public bool TryRecognizeTime(string? text, out CallbackTime? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var now = hours.Now;
        var localNow = hours.ToLocal(now).DateTime;
        var candidates = new List<DateTimeOffset>();
        foreach (var result in DateTimeRecognizer.RecognizeDateTime(text, Culture, DateTimeOptions.None, localNow))
        {
            if (!result.Resolution.TryGetValue("values", out var values) || values is not IEnumerable<Dictionary<string, string>> readings)
            {
                continue;
            }

            foreach (var reading in readings)
            {
                if (TryRead(reading, localNow, out var local))
                {
                    candidates.Add(hours.FromLocal(local));
                }
            }
        }

        var future = candidates.Where(c => c >= now).ToList();
        if (future.Count == 0)
        {
            return false;
        }

        var chosen = future.FirstOrDefault(c => hours.IsOpen(c), future.Min());
        time = new CallbackTime(chosen, hours.NearestOpenTime(chosen));
        return true;
    }

    private static bool TryRead(Dictionary<string, string> reading, DateTime localNow, out DateTime local)
    {
        local = default;
        var type = reading.GetValueOrDefault("type");
        var value = type switch
        {
            "datetime" or "date" or "time" => reading.GetValueOrDefault("value"),
            "datetimerange" or "daterange" or "timerange" => reading.GetValueOrDefault("start"),
            _ => null,
        };
        if (value is null)
        {
            return false;
        }

        if (type is "time" or "timerange")
        {
            // A time alone is today's, or tomorrow's once today's has passed.
            if (!TimeOnly.TryParse(value, CultureInfo.InvariantCulture, out var timeOfDay))
            {
                return false;
            }

            local = DateOnly.FromDateTime(localNow).ToDateTime(timeOfDay);
            if (local < localNow)
            {
                local = local.AddDays(1);
            }

            return true;
        }

        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out local))
        {
            return false;
        }

        if (type is "date" or "daterange" && local.Date == localNow.Date && local < localNow)
        {
            // "today" means from now on, not since midnight.
            local = localNow;
        }

        return true;
    }
}
