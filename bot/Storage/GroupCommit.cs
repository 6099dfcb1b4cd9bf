using System.Collections.Concurrent;

namespace My8x8.SalesBot.Storage;

/// <summary>
/// Writes that many turns make at once (a stage of the sales funnel, a turn's transcript lines), committed together:
/// what callers hand in while a write is under way is written by the next one, in one transaction, instead of
/// each queuing for a transaction of its own. On one SQLite writer every commit appends to the WAL and pays
/// <c>BEGIN IMMEDIATE</c> and <c>COMMIT</c>; under load one commit then serves several turns. Each caller still awaits
/// its own item's result (or the batch's failure), so a caller sees its write committed, as before.
/// </summary>
/// <param name="writeBatch">
/// Writes a batch in one transaction and returns a result per item, in order. It runs without the callers' tokens:
/// a batch holds other callers' items, which one caller that gave up must not cancel.
/// </param>
/// <param name="maxBatch">At most this many items in one transaction.</param>
public sealed class GroupCommit<TItem, TResult>(Func<IReadOnlyList<TItem>, Task<TResult[]>> writeBatch, int maxBatch = 256)
{
    private readonly ConcurrentQueue<(TItem Item, TaskCompletionSource<TResult> Done)> _pending = new();

    // 1 while a caller writes the queue (it writes until nothing waits); the others only wait for their result.
    private int _writing;

    public async Task<TResult> WriteAsync(TItem item, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending.Enqueue((item, done));
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            await WritePendingAsync(done.Task);
        }

        return await done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Writes batches until <paramref name="own"/> (the caller's item; null: until nothing waits) is written. What is
    /// still queued then is written on the thread pool, so the caller's turn does not go on writing other turns' items.
    /// </summary>
    private async Task WritePendingAsync(Task? own)
    {
        while (true)
        {
            while (!_pending.IsEmpty && own?.IsCompleted != true)
            {
                var batch = new List<(TItem Item, TaskCompletionSource<TResult> Done)>();
                while (batch.Count < maxBatch && _pending.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                await WriteBatchAsync(batch);
            }

            if (!_pending.IsEmpty)
            {
                // Still the writer (the flag stays set): the rest is written without the caller.
                _ = Task.Run(() => WritePendingAsync(null));
                return;
            }

            Volatile.Write(ref _writing, 0);
            // An item queued after the last look but before the flag dropped would otherwise wait for the next caller.
            if (_pending.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private async Task WriteBatchAsync(List<(TItem Item, TaskCompletionSource<TResult> Done)> batch)
    {
        try
        {
            var results = await writeBatch([.. batch.Select(p => p.Item)]);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception exception)
        {
            // Every item fails as the transaction did; each caller handles that as it handled its own write failing.
            foreach (var (_, done) in batch)
            {
                done.TrySetException(exception);
            }
        }
    }
}
