using System.ComponentModel.DataAnnotations;

namespace My8x8.SalesBot.Dialogs.Handoff;

/// <summary>When sales agents work (phone and chat). Defaults: 6:00 a.m.–5:00 p.m. Pacific, Monday–Friday.</summary>
public sealed class SalesHoursOptions
{
    public const string Section = "SalesBot:SalesHours";

    /// <summary>IANA or Windows time zone id; the zone's own rules decide daylight saving time.</summary>
    [Required]
    public string TimeZone { get; set; } = "America/Los_Angeles";

    /// <summary>What customers call the zone in messages.</summary>
    [Required]
    public string TimeZoneLabel { get; set; } = "Pacific";

    /// <summary>The zone's name in other languages, by two-letter language code ("es": "hora del Pacífico"); missing ones use <see cref="TimeZoneLabel"/>.</summary>
    public Dictionary<string, string> TimeZoneLabels { get; set; } = new(StringComparer.OrdinalIgnoreCase) { ["es"] = "hora del Pacífico" };

    public TimeOnly Opens { get; set; } = new(6, 0);

    public TimeOnly Closes { get; set; } = new(17, 0);

    public List<DayOfWeek> Days { get; set; } = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Dates (in the sales time zone) when sales is closed all day.</summary>
    public List<DateOnly> Holidays { get; set; } = [];

    [Required]
    public string Phone { get; set; } = "1-866-879-8647";
}
