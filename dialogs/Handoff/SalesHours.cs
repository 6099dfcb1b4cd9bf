using System.Globalization;
using Microsoft.Extensions.Options;

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

    /// <summary>"today at 6:00 a.m. Pacific", "tomorrow at …", "Monday at …", or "Monday, December 28 at …" further out.</summary>
    public string Describe(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        var today = DateOnly.FromDateTime(ToLocal(Now).DateTime);
        var day = DateOnly.FromDateTime(local.DateTime);
        var dayText = (day.DayNumber - today.DayNumber) switch
        {
            0 => "today",
            1 => "tomorrow",
            < 7 and > 1 => local.ToString("dddd", CultureInfo.InvariantCulture),
            _ => local.ToString("dddd, MMMM d", CultureInfo.InvariantCulture),
        };
        return $"{dayText} at {FormatTime(TimeOnly.FromDateTime(local.DateTime))} {_options.TimeZoneLabel}";
    }

    /// <summary>"Monday, March 9, 2026 at 9:00 a.m. Pacific": the same words whenever it is read (for stored requests).</summary>
    public string DescribeDate(DateTimeOffset instant)
    {
        var local = ToLocal(instant);
        return $"{local.ToString("dddd, MMMM d, yyyy", CultureInfo.InvariantCulture)} at {FormatTime(TimeOnly.FromDateTime(local.DateTime))} {_options.TimeZoneLabel}";
    }

    /// <summary>"6:00 a.m.–5:00 p.m. Pacific, Monday–Friday".</summary>
    public string DescribeHours()
    {
        var days = _options.Days.Count == 5 && !_options.Days.Contains(DayOfWeek.Saturday) && !_options.Days.Contains(DayOfWeek.Sunday)
            ? "Monday–Friday"
            : string.Join(", ", _options.Days.Select(d => d.ToString()));
        return $"{FormatTime(_options.Opens)}–{FormatTime(_options.Closes)} {_options.TimeZoneLabel}, {days}";
    }

    /// <summary>"Sales is closed right now. We open again Monday at 6:00 a.m. Pacific." — or that it is open now.</summary>
    public string DescribeAvailability(DateTimeOffset? at = null) => IsOpen(at)
        ? $"Sales is open now, until {FormatTime(_options.Closes)} {_options.TimeZoneLabel}."
        : $"Sales is closed right now. We open again {Describe(NextOpening(at))}.";

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

    private static string FormatTime(TimeOnly time)
    {
        var hour = time.Hour % 12 == 0 ? 12 : time.Hour % 12;
        var suffix = time.Hour < 12 ? "a.m." : "p.m.";
        return string.Create(CultureInfo.InvariantCulture, $"{hour}:{time.Minute:00} {suffix}");
    }
}
