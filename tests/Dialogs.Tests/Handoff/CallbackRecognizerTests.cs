using My8x8.SalesBot.Dialogs.Handoff;

namespace My8x8.SalesBot.Dialogs.Tests.Handoff;

public sealed class CallbackRecognizerTests
{
    private static readonly DateTimeOffset TuesdayTenPacific = new(2026, 3, 3, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset SaturdayTenPacific = new(2026, 3, 7, 18, 0, 0, TimeSpan.Zero);

    private static CallbackRecognizer At(DateTimeOffset now) => new(SalesHoursTests.Hours(now));

    [Theory]
    [InlineData("408-555-0100", "+14085550100")]
    [InlineData("call me on (408) 555 0100 please", "+14085550100")]
    [InlineData("+1 408 555 0100", "+14085550100")]
    [InlineData("my number is 4085550100", "+14085550100")]
    public void A_phone_number_with_its_area_code_is_recognized(string text, string dialable)
    {
        Assert.True(CallbackRecognizer.TryRecognizePhone(text, out var phone, out _));
        Assert.Equal(dialable, phone!.Dialable);
    }

    [Theory]
    [InlineData("555-0100")]
    [InlineData("tomorrow at 9")]
    [InlineData("")]
    public void A_number_without_an_area_code_is_not_taken_as_a_phone(string text)
    {
        Assert.False(CallbackRecognizer.TryRecognizePhone(text, out _, out _));
    }

    [Fact]
    public void Tomorrow_at_nine_on_a_weekday_is_nine_in_the_morning_pacific()
    {
        Assert.True(At(TuesdayTenPacific).TryRecognizeTime("tomorrow at 9", out var time));

        Assert.Equal(new DateTimeOffset(2026, 3, 4, 17, 0, 0, TimeSpan.Zero), time!.Proposed);
        Assert.False(time.WasMoved);
    }

    [Fact]
    public void Monday_morning_is_the_coming_monday_inside_sales_hours()
    {
        Assert.True(At(SaturdayTenPacific).TryRecognizeTime("Monday morning", out var time));

        // Monday March 9 is after the spring-forward switch: 8:00 a.m. PDT.
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.Zero), time!.Proposed);
        Assert.False(time.WasMoved);
    }

    [Theory]
    [InlineData("tomorrow at 9")]   // Sunday
    [InlineData("sunday at noon")]
    public void A_time_outside_sales_hours_is_moved_to_the_nearest_opening(string text)
    {
        Assert.True(At(SaturdayTenPacific).TryRecognizeTime(text, out var time));

        Assert.True(time!.WasMoved);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 13, 0, 0, TimeSpan.Zero), time.Proposed); // Monday 6:00 a.m. PDT
    }

    [Fact]
    public void Tonight_after_closing_moves_to_the_next_morning()
    {
        Assert.True(At(TuesdayTenPacific).TryRecognizeTime("today at 8pm", out var time));

        Assert.True(time!.WasMoved);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 14, 0, 0, TimeSpan.Zero), time.Proposed); // Wednesday 6:00 a.m. PST
    }

    [Fact]
    public void Words_without_a_time_are_not_a_time()
    {
        Assert.False(At(TuesdayTenPacific).TryRecognizeTime("whenever works for you", out _));
    }
}
