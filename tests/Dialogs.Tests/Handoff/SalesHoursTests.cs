using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Dialogs.Handoff;

namespace My8x8.SalesBot.Dialogs.Tests.Handoff;

public sealed class SalesHoursTests
{
    private static readonly DateOnly Thanksgiving = new(2026, 11, 26);

    internal static SalesHours Hours(DateTimeOffset now, string zone = "America/Los_Angeles") => new(
        Options.Create(new SalesHoursOptions { TimeZone = zone, Holidays = [Thanksgiving, Thanksgiving.AddDays(1)] }),
        new FakeTimeProvider(now));

    // Instants in UTC, so the expected Pacific offset (PST -8, PDT -7) is part of what is checked.
    [Theory]
    [InlineData("2026-03-03T13:59:00Z", false)] // Tuesday 5:59 a.m. PST
    [InlineData("2026-03-03T14:00:00Z", true)]  // Tuesday 6:00 a.m. PST
    [InlineData("2026-03-04T00:59:00Z", true)]  // Tuesday 4:59 p.m. PST
    [InlineData("2026-03-04T01:00:00Z", false)] // Tuesday 5:00 p.m. PST
    [InlineData("2026-07-14T12:59:00Z", false)] // Tuesday 5:59 a.m. PDT
    [InlineData("2026-07-14T13:00:00Z", true)]  // Tuesday 6:00 a.m. PDT
    [InlineData("2026-07-14T23:59:00Z", true)]  // Tuesday 4:59 p.m. PDT
    [InlineData("2026-07-15T00:00:00Z", false)] // Tuesday 5:00 p.m. PDT
    [InlineData("2026-03-07T18:00:00Z", false)] // Saturday 10:00 a.m.
    [InlineData("2026-03-08T18:00:00Z", false)] // Sunday 11:00 a.m. (the spring-forward day)
    [InlineData("2026-11-26T18:00:00Z", false)] // Thanksgiving, a configured holiday
    [InlineData("2026-11-25T18:00:00Z", true)]  // the Wednesday before
    public void Sales_is_open_from_six_to_five_pacific_on_working_days_only(string instant, bool open)
    {
        var at = DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(open, Hours(at).IsOpen(at));
    }

    [Theory]
    [InlineData("America/Los_Angeles")]
    [InlineData("Pacific Standard Time")]
    public void Linux_and_windows_zone_ids_give_the_same_hours(string zone)
    {
        var hours = Hours(DateTimeOffset.Parse("2026-03-03T18:00:00Z", System.Globalization.CultureInfo.InvariantCulture), zone);

        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 3, 3, 14, 0, 0, TimeSpan.Zero)));
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 3, 3, 13, 59, 0, TimeSpan.Zero)));
        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 7, 14, 13, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void After_the_spring_forward_switch_monday_opens_at_six_pacific_daylight_time()
    {
        // Sunday March 8, 2026, 1:30 a.m. PST, half an hour before clocks go forward.
        var hours = Hours(new DateTimeOffset(2026, 3, 8, 9, 30, 0, TimeSpan.Zero));

        var opening = hours.NextOpening();

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero), opening.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(-7), opening.Offset);
    }

    [Fact]
    public void After_the_fall_back_switch_monday_opens_at_six_pacific_standard_time()
    {
        // Sunday November 1, 2026, 1:30 a.m. — the hour that happens twice.
        var hours = Hours(new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero));

        var opening = hours.NextOpening();

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero), opening.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(-8), opening.Offset);
    }

    [Theory]
    [InlineData("2026-03-07T18:00:00Z", "Monday at 6:00 a.m. Pacific")]   // Saturday morning
    [InlineData("2026-03-07T01:30:00Z", "Monday at 6:00 a.m. Pacific")]   // Friday 5:30 p.m.
    [InlineData("2026-03-03T13:00:00Z", "today at 6:00 a.m. Pacific")]    // Tuesday 5:00 a.m.
    [InlineData("2026-03-04T02:00:00Z", "tomorrow at 6:00 a.m. Pacific")] // Tuesday 6:00 p.m.
    [InlineData("2026-11-26T02:00:00Z", "Monday at 6:00 a.m. Pacific")]   // Wednesday evening before Thanksgiving and the Friday after
    public void The_next_opening_is_told_in_the_customers_terms(string now, string expected)
    {
        var hours = Hours(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, hours.Describe(hours.NextOpening()));
        Assert.Equal($"Sales is closed right now. We open again {expected}.", hours.DescribeAvailability());
    }

    [Fact]
    public void When_open_the_availability_says_until_when()
    {
        var hours = Hours(new DateTimeOffset(2026, 3, 3, 18, 0, 0, TimeSpan.Zero));

        Assert.Equal("Sales is open now, until 5:00 p.m. Pacific.", hours.DescribeAvailability());
    }

    [Fact]
    public void A_time_after_closing_moves_to_the_next_working_morning()
    {
        var hours = Hours(new DateTimeOffset(2026, 3, 3, 18, 0, 0, TimeSpan.Zero));

        var nearest = hours.NearestOpenTime(new DateTimeOffset(2026, 3, 4, 3, 0, 0, TimeSpan.Zero)); // Tuesday 7:00 p.m.

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 14, 0, 0, TimeSpan.Zero), nearest); // Wednesday 6:00 a.m.
    }

    [Fact]
    public void A_stored_time_reads_the_same_whenever_it_is_read()
    {
        var hours = Hours(new DateTimeOffset(2026, 3, 7, 18, 0, 0, TimeSpan.Zero));

        Assert.Equal("Monday, March 9, 2026 at 6:00 a.m. Pacific", hours.DescribeDate(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero)));
    }
}
