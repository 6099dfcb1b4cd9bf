using System.Globalization;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.Dialogs.Resources;
using My8x8.SalesBot.Texts;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>Answers "is sales open now?" and "when does it open next?" in the sales time zone.</summary>
public sealed class SalesHours
{
    private readonly SalesHoursOptions _options;
    private readonly TimeZoneInfo _zone;
    private readonly TimeProvider _clock;

    public SalesHours(IOptions<SalesHoursOptions> options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clock = clock;
        _zone = FindZone(_options.TimeZone);
        if (_options.Closes <= _options.Opens)
        {
            throw new OptionsValidationException(SalesHoursOptions.Section, typeof(SalesHoursOptions), ["Sales hours must close after they open."]);
        }
    }

    public string Phone => _options.Phone;

    /// <summary>The sales time zone ("America/Los_Angeles" or its Windows id "Pacific Standard Time").</summary>
    public TimeZoneInfo Zone => _zone;

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>Whether agents are working at <paramref name="at"/> (now when omitted).</summary>
    public bool IsOpen(DateTimeOffset? at = null)
    {
        var local = ToLocal(at ?? Now);
        return IsWorkingDay(DateOnly.FromDateTime(local.DateTime))
            && TimeOnly.FromDateTime(local.DateTime) >= _options.Opens
            && TimeOnly.FromDateTime(local.DateTime) < _options.Closes;
    }

    /// <summary>The next moment sales opens after <paramref name="from"/> (the start of the current period when open).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset? from = null)
    {
        var start = ToLocal(from ?? Now);
        var day = DateOnly.FromDateTime(start.DateTime);
        for (var i = 0; i < 366; i++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            var opening = AtLocal(day, _options.Opens);
            var closing = AtLocal(day, _options.Closes);
            if (closing > start)
            {
                return opening > start ? opening : start;
            }
        }

        throw new InvalidOperationException("No sales day in the next year: check SalesBot:SalesHours.");
    }

    /// <summary>
    /// The nearest time inside sales hours to <paramref name="wanted"/>: itself when inside, else the next opening
    /// (a time after closing moves to the next working morning).
    /// </summary>
    public DateTimeOffset NearestOpenTime(DateTimeOffset wanted) => IsOpen(wanted) ? wanted : NextOpening(wanted);

    /// <summary>
    /// "today at 6:00 a.m. Pacific", "tomorrow at …", "Monday at …", or "Monday, December 28 at …" further out; in
    /// Spanish "hoy a las 6:00 a. m., hora del Pacífico", "el lunes 28 de diciembre a las …".
    /// </summary>
    public string Describe(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var today = DateOnly.FromDateTime(ToLocal(Now).DateTime);
        var day = DateOnly.FromDateTime(local.DateTime);
        var dayText = (day.DayNumber - today.DayNumber) switch
        {
            0 => Texts["Hours.Today"],
            1 => Texts["Hours.Tomorrow"],
            < 7 and > 1 => local.ToString(Texts["Hours.Format.Weekday"], TextResources.Culture),
            _ => local.ToString(Texts["Hours.Format.Date"], TextResources.Culture),
        };
        return At(dayText, TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>"Monday, March 9, 2026 at 9:00 a.m. Pacific": the same words whenever it is read (for stored requests).</summary>
    public string DescribeDate(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return At(local.ToString(Texts["Hours.Format.FullDate"], TextResources.Culture), TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>"6:00 a.m.–5:00 p.m. Pacific, Monday–Friday"; "lunes a viernes, de 6:00 a. m. a 5:00 p. m., hora del Pacífico".</summary>
    public string DescribeHours() => Texts.Format("Hours.Span", FormatTime(_options.Opens), FormatTime(_options.Closes), ZoneLabel, DescribeDays());

    /// <summary>"Sales is closed right now. We open again Monday at 6:00 a.m. Pacific." — or that it is open now.</summary>
    public string DescribeAvailability(DateTimeOffset? at = null) => IsOpen(at)
        ? Texts.Format("Hours.OpenNow", FormatTime(_options.Closes), ZoneLabel)
        : Texts.Format("Hours.ClosedNow", Describe(NextOpening(at)));

    /// <summary>What customers call the sales time zone in the turn's language (<see cref="SalesHoursOptions.TimeZoneLabels"/>, else <see cref="SalesHoursOptions.TimeZoneLabel"/>).</summary>
    public string ZoneLabel =>
        _options.TimeZoneLabels.TryGetValue(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, out var label) && !string.IsNullOrWhiteSpace(label)
            ? label
            : _options.TimeZoneLabel;

    /// <summary>The working days: "Monday–Friday" ("lunes a viernes"), a run of days as a range in Spanish, else the days listed.</summary>
    private string DescribeDays()
    {
        var days = _options.Days.Distinct().OrderBy(d => ((int)d + 6) % 7).ToList();
        var culture = TextResources.Culture;
        if (days.Count == 5 && !days.Contains(DayOfWeek.Saturday) && !days.Contains(DayOfWeek.Sunday))
        {
            return Texts.Format("Hours.Days.Range", culture.DateTimeFormat.GetDayName(DayOfWeek.Monday), culture.DateTimeFormat.GetDayName(DayOfWeek.Friday));
        }

        var names = days.Select(d => culture.DateTimeFormat.GetDayName(d)).ToList();
        // English has always listed the days one by one; Spanish reads a run of three or more as "de lunes a sábado".
        var consecutive = days.Count >= 3 && days.Zip(days.Skip(1)).All(pair => ((int)pair.Second + 6) % 7 - ((int)pair.First + 6) % 7 == 1);
        return TextResources.IsSpanish
            ? consecutive ? Texts.Format("Hours.Days.Range", names[0], names[^1]) : TextLists.Joined(names)
            : string.Join(", ", names);
    }

    /// <summary>A day and a time in the sales time zone: "Monday at 9:00 a.m. Pacific", "el lunes a las 9:00 a. m., hora del Pacífico".</summary>
    private string At(string day, TimeOnly time) =>
        Texts.Format(time.Hour % 12 == 1 ? "Hours.At.One" : "Hours.At", day, FormatTime(time), ZoneLabel);

    /// <summary>The instant of a wall-clock time in the sales time zone (a time skipped by the spring-forward switch moves past the gap).</summary>
    public DateTimeOffset FromLocal(DateTime localWallTime) =>
        AtLocal(DateOnly.FromDateTime(localWallTime), TimeOnly.FromDateTime(localWallTime));

    /// <summary>
    /// Finds a zone by IANA or Windows id. .NET converts between the two with ICU on Linux and macOS and natively on
    /// Windows; the explicit conversion covers hosts whose zone database only knows the other kind of id.
    /// </summary>
    public static TimeZoneInfo FindZone(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            if (TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out var windowsId))
            {
                return TimeZoneInfo.FindSystemTimeZoneById(windowsId);
            }

            if (TimeZoneInfo.TryConvertWindowsIdToIanaId(id, out var ianaId))
            {
                return TimeZoneInfo.FindSystemTimeZoneById(ianaId);
            }

            throw;
        }
    }

    /// <summary>The instant converted to the sales time zone.</summary>
    /// <summary>The day <paramref name="instant"/> falls on in the sales time zone (the supervisor's "today").</summary>
    public DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToLocal(instant).DateTime);

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, _zone);

    private bool IsWorkingDay(DateOnly day) => _options.Days.Contains(day.DayOfWeek) && !_options.Holidays.Contains(day);

    private DateTimeOffset AtLocal(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        // A time skipped by the spring-forward switch does not exist; move past the gap.
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, _zone.GetUtcOffset(local));
    }

    /// <summary>"6:00 a.m." in English, "6:00 a. m." in Spanish (the forms each language's style guides write).</summary>
    public static string FormatTime(TimeOnly time)
    {
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        return Texts.Format(time.Hour < 12 ? "Hours.Time.Am" : "Hours.Time.Pm", hour, time.Minute);
    }

    private static TextResources Texts => DialogTexts.Texts;
}
