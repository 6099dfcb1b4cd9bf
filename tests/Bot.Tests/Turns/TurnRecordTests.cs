using My8x8.SalesBot.Turns;

namespace My8x8.SalesBot.Bot.Tests.Turns;

/// <summary>The activity ids a conversation remembers against channel retries stay few and recent.</summary>
public sealed class TurnRecordTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 18, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    [Fact]
    public void Ids_older_than_the_window_are_forgotten_when_the_next_one_is_remembered()
    {
        var record = new TurnRecord();
        record.Remember("a", Start, Window, limit: 16);
        record.Remember("b", Start.AddMinutes(5), Window, limit: 16);

        record.Remember("c", Start.AddMinutes(11), Window, limit: 16);

        Assert.False(record.HasSeen("a"));
        Assert.True(record.HasSeen("b"));
        Assert.True(record.HasSeen("c"));
    }

    [Fact]
    public void At_most_the_limit_of_ids_is_kept_the_newest()
    {
        var record = new TurnRecord();
        for (var i = 0; i < 40; i++)
        {
            record.Remember($"activity-{i}", Start.AddSeconds(i), Window, limit: 16);
        }

        Assert.Equal(16, record.Seen.Count);
        Assert.False(record.HasSeen("activity-23"));
        Assert.True(record.HasSeen("activity-24"));
        Assert.True(record.HasSeen("activity-39"));
    }
}
