using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.DirectLine;
using My8x8.SalesBot.Extensions;
using My8x8.SalesBot.Handoff;
using My8x8.SalesBot.Storage;

namespace My8x8.SalesBot.Benchmarks;

/// <summary>
/// Storage after many conversations, before and after the sweep (docs/performance.md, "Storage that stays bounded"):
/// <c>dotnet run -c Release --project tests/Benchmarks -- --storage-bound 100000</c>. Each conversation leaves what a
/// website chat that reached the catalog leaves: its state (the catalog prompt with its card, 4 KB, with the channel's
/// activity ids), its embedded Direct Line conversation (six activities in memory) and six transcript lines. Then the
/// clock moves on past every retention and the host's sweep loop runs its jobs once. The stores are the host's own (a
/// SQLite state file, a SQLite handoff file, the in-memory Direct Line) on one clock that the run moves; memory is this
/// process's managed heap after a full collection, i.e. what those stores hold.
/// </summary>
internal static class StorageBoundRun
{
    public static async Task<int> RunAsync(int conversations)
    {
        var folder = Directory.CreateTempSubdirectory("salesbot-bound-").FullName;
        var clock = new MovableClock(DateTimeOffset.UtcNow);
        var storageOptions = Options.Create(new StorageOptions());
        var directLineOptions = Options.Create(new DirectLineOptions { MaxConversations = conversations });
        var handoffOptions = new HandoffOptions();
        var statePath = Path.Combine(folder, "state.db");
        var handoffPath = Path.Combine(folder, "handoff.db");
        try
        {
            using var state = new SqliteStorage($"Data Source={statePath}", clock);
            using var handoff = new SqliteHandoffStore($"Data Source={handoffPath}");
            var directLine = new InMemoryDirectLineStore(directLineOptions, clock);
            var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "catalog-state.json")).Trim();
            var baseline = Measure("empty stores", statePath, handoffPath, directLine);

            var started = Stopwatch.GetTimestamp();
            await Parallel.ForAsync(0, conversations, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                var id = string.Create(CultureInfo.InvariantCulture, $"bound-{i:D6}");
                await state.WriteJsonAsync($"webchat/conversations/{id}", json, "*", ct);
                await directLine.TryCreateConversationAsync(id, ct);
                foreach (var (role, text) in Lines)
                {
                    await directLine.AppendAsync(id, new Microsoft.Bot.Schema.Activity(Microsoft.Bot.Schema.ActivityTypes.Message) { Text = text, From = new() { Id = role.ToString() } }, ct);
                }

                await handoff.AppendTranscriptAsync($"webchat/{id}", [.. Lines.Select(line => new TranscriptEntry(clock.GetUtcNow(), line.Role, line.Role.ToString(), line.Text))],
                    handoffOptions.TranscriptMaxEntries, ct);
            });
            var filled = Measure($"after {conversations:N0} conversations ({Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s)", statePath, handoffPath, directLine);

            // Past every retention: state (7 days), transcripts (30 days), Direct Line conversations (4 hours).
            clock.Advance(handoffOptions.TranscriptRetention + TimeSpan.FromDays(1));
            var jobs = new ISweepJob[] { new StateSweeper(state, storageOptions), new DirectLineSweeper(directLine, directLineOptions), new TranscriptJob(handoff, handoffOptions.TranscriptRetention, clock) };
            using var loop = new SweepLoop(jobs, clock, NullLogger<SweepLoop>.Instance);
            started = Stopwatch.GetTimestamp();
            var swept = await loop.SweepAllAsync(CancellationToken.None);
            var sweptIn = Stopwatch.GetElapsedTime(started);
            var after = Measure($"after the sweep ({swept:N0} items in {sweptIn.TotalSeconds:F1} s)", statePath, handoffPath, directLine);

            Console.WriteLine();
            Console.WriteLine("| | state DB file | state DB in use | handoff DB file | handoff DB in use | Direct Line conversations | managed heap | working set |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var row in new[] { baseline, filled, after })
            {
                Console.WriteLine(row);
            }

            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static readonly (TranscriptRole Role, string Text)[] Lines =
    [
        (TranscriptRole.Customer, "hi"),
        (TranscriptRole.Bot, "Hi Ava! I can add lines of service and phones to Acme Dental (X Series). Your account has 8 lines, 3 without a phone."),
        (TranscriptRole.Customer, "add 2 X4 lines and 1 Yealink T54W"),
        (TranscriptRole.Bot, "Added 2 × X4 line. Added 1 × Yealink T54W. Your cart: 2 × X4 line, 1 × Yealink T54W."),
        (TranscriptRole.Customer, "cart"),
        (TranscriptRole.Bot, "Your cart: 2 × X4 line ($59.98 a month), 1 × Yealink T54W ($249.00). Type checkout when you are ready."),
    ];

    private static Row Measure(string label, string statePath, string handoffPath, InMemoryDirectLineStore directLine)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        var (stateFile, stateUsed) = DatabaseSize(statePath);
        var (handoffFile, handoffUsed) = DatabaseSize(handoffPath);
        return new Row(label, stateFile, stateUsed, handoffFile, handoffUsed, directLine.Count, GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    /// <summary>The file with its WAL, and the pages in use (SQLite reuses freed pages; VACUUM would return them to the disk).</summary>
    private static (long File, long Used) DatabaseSize(string path)
    {
        var file = new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()";
        using var reader = command.ExecuteReader();
        reader.NextResult();
        reader.Read();
        return (file, reader.GetInt64(0));
    }

    private sealed record Row(string Label, long StateFile, long StateUsed, long HandoffFile, long HandoffUsed, int Conversations, long Heap, long WorkingSet)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"| {Label} | {Mb(StateFile)} | {Mb(StateUsed)} | {Mb(HandoffFile)} | {Mb(HandoffUsed)} | {Conversations:N0} | {Mb(Heap)} | {Mb(WorkingSet)} |");

        private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MB");
    }

    /// <summary>The transcript part of the handoff sweep (the rest of it needs the bot: offering callbacks to waiting customers).</summary>
    private sealed class TranscriptJob(IHandoffStore store, TimeSpan retention, TimeProvider clock) : ISweepJob
    {
        public string Name => "transcripts";

        public TimeSpan Interval => TimeSpan.FromSeconds(15);

        public Task<int> SweepAsync(CancellationToken cancellationToken) => store.DeleteTranscriptsBeforeAsync(clock.GetUtcNow() - retention, cancellationToken);
    }

    /// <summary>The real clock until the run moves it on.</summary>
    private sealed class MovableClock(DateTimeOffset start) : TimeProvider
    {
        private readonly long _startTicks = Stopwatch.GetTimestamp();
        private long _offsetTicks;

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

        public override DateTimeOffset GetUtcNow() =>
            start + Stopwatch.GetElapsedTime(_startTicks) + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
    }
}
