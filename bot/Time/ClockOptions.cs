namespace My8x8.SalesBot.Time;

/// <summary>The bot's clock. <c>SalesBot:Clock:Now</c> pins it for demos and tests of sales hours.</summary>
public sealed class ClockOptions
{
    public const string Section = "SalesBot:Clock";

    /// <summary>An ISO-8601 instant with offset; empty means real time.</summary>
    public string? Now { get; set; }

    internal bool TryGetPinnedNow(out DateTimeOffset now) =>
        DateTimeOffset.TryParse(Now, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out now);
}
