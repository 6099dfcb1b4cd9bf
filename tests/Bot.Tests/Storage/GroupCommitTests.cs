using My8x8.SalesBot.Funnel;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Bot.Tests.Storage;

/// <summary>
/// Writes that concurrent turns hand in together (funnel stages, transcript lines) are committed in shared
/// transactions: every caller's write is there when it returns, each learns its own result, and a failed batch
/// reaches every caller in it.
/// </summary>
public sealed class GroupCommitTests : IDisposable
{
    private static readonly DateOnly Tuesday = new(2026, 3, 3);
    private static readonly DateTimeOffset At = new(2026, 3, 3, 18, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Stages_recorded_at_once_are_each_stored_and_only_the_first_of_a_subject_is_new()
    {
        using var store = new SqliteSalesFunnelStore($"Data Source={Path.Combine(_directory.Path, "funnel.db")}");

        // 200 conversations, each recorded twice at once (two turns of it on two instances would do the same).
        var recorded = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
            store.TryRecordAsync(Tuesday, FunnelStages.Conversation, $"conversation-{i % 200}", null, At, CancellationToken.None))));

        Assert.Equal(200, recorded.Count(r => r));
        Assert.Equal([new FunnelCount(FunnelStages.Conversation, null, 200)], await store.CountAsync(Tuesday, CancellationToken.None));
    }

    [Fact]
    public async Task Transcripts_appended_at_once_keep_each_conversations_lines_in_order_and_capped()
    {
        using var store = new SqliteHandoffStore($"Data Source={Path.Combine(_directory.Path, "handoff.db")}");

        var appends = Enumerable.Range(0, 50).Select(conversation => Task.Run(async () =>
        {
            for (var turn = 0; turn < 6; turn++)
            {
                await store.AppendTranscriptAsync($"test/c{conversation}",
                    [new TranscriptEntry(At.AddSeconds(turn), TranscriptRole.Customer, "Customer", $"turn {turn}"),
                     new TranscriptEntry(At.AddSeconds(turn), TranscriptRole.Bot, "Sales bot", $"reply {turn}")], maxEntries: 10, CancellationToken.None);
            }
        }));
        await Task.WhenAll(appends);

        for (var conversation = 0; conversation < 50; conversation++)
        {
            var lines = await store.GetTranscriptAsync($"test/c{conversation}", CancellationToken.None);
            Assert.Equal([.. Enumerable.Range(1, 5).SelectMany(t => new[] { $"turn {t}", $"reply {t}" })], lines.Select(l => l.Text));
        }
    }

    [Fact]
    public async Task A_failed_batch_fails_every_caller_in_it_and_the_next_write_goes_on()
    {
        var fail = true;
        var writer = new GroupCommit<int, int>(async items =>
        {
            await Task.Yield();
            if (fail)
            {
                throw new TimeoutException("the store did not answer");
            }

            return [.. items.Select(i => i * 2)];
        });

        var failed = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
            await Record.ExceptionAsync(() => writer.WriteAsync(i, CancellationToken.None))));
        Assert.All(failed, e => Assert.IsType<TimeoutException>(e));

        fail = false;
        var doubled = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => writer.WriteAsync(i, CancellationToken.None)));
        Assert.Equal(new[] { 0, 2, 4, 6 }, doubled);
    }
}
