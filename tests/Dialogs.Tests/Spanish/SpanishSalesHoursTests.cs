using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Dialogs.Handoff;

namespace My8x8.SalesBot.Dialogs.Tests.Spanish;

/// <summary>Sales hours and dates read as US Spanish writes them, from the settings that enforce them.</summary>
public sealed class SpanishSalesHoursTests
{
    // Saturday, November 28, 2026, 10:00 a.m. Pacific.
    private static readonly DateTimeOffset Saturday = new(2026, 11, 28, 18, 0, 0, TimeSpan.Zero);

    private static SalesHours Hours(SalesHoursOptions options, DateTimeOffset now) => new(Options.Create(options), new FakeTimeProvider(now));

    [Fact]
    public void The_default_hours_read_monday_to_friday_six_to_five_pacific_time()
    {
        using var spanish = SpanishCulture.Use();

        Assert.Equal("lunes a viernes, de 6:00 a. m. a 5:00 p. m., hora del Pacífico", Hours(new SalesHoursOptions(), Saturday).DescribeHours());
    }

    [Fact]
    public void Non_default_hours_and_days_come_from_the_settings()
    {
        using var spanish = SpanishCulture.Use();
        var hours = Hours(new SalesHoursOptions
        {
            Opens = new TimeOnly(7, 30),
            Closes = new TimeOnly(13, 0),
            Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
            TimeZone = "America/New_York",
            TimeZoneLabels = new(StringComparer.OrdinalIgnoreCase) { ["es"] = "hora del Este" },
        }, Saturday);

        Assert.Equal("lunes a sábado, de 7:30 a. m. a 1:00 p. m., hora del Este", hours.DescribeHours());
        // 1:00 p.m. Eastern on Saturday is past closing: the next opening is Monday.
        Assert.Equal("Ventas está cerrado en este momento. Abrimos de nuevo el lunes a las 7:30 a. m., hora del Este.", hours.DescribeAvailability());
    }

    [Fact]
    public void Days_and_dates_read_today_tomorrow_a_weekday_or_the_date()
    {
        using var spanish = SpanishCulture.Use();
        var hours = Hours(new SalesHoursOptions(), Saturday);
        var nineOn = (int days) => hours.FromLocal(new DateTime(2026, 11, 28, 9, 0, 0).AddDays(days));

        Assert.Equal("hoy a las 9:00 a. m., hora del Pacífico", hours.Describe(nineOn(0)));
        Assert.Equal("mañana a las 9:00 a. m., hora del Pacífico", hours.Describe(nineOn(1)));
        Assert.Equal("el lunes a las 9:00 a. m., hora del Pacífico", hours.Describe(nineOn(2)));
        Assert.Equal("el martes 8 de diciembre a la 1:00 p. m., hora del Pacífico", hours.Describe(nineOn(10).AddHours(4)));
        Assert.Equal("el lunes 30 de noviembre de 2026 a las 9:00 a. m., hora del Pacífico", hours.DescribeDate(nineOn(2)));
    }

    [Fact]
    public void English_reads_as_before()
    {
        var hours = Hours(new SalesHoursOptions(), Saturday);

        Assert.Equal("6:00 a.m.–5:00 p.m. Pacific, Monday–Friday", hours.DescribeHours());
        Assert.Equal("Sales is closed right now. We open again Monday at 6:00 a.m. Pacific.", hours.DescribeAvailability());
    }
}
