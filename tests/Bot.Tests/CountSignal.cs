namespace My8x8.SalesBot.Bot.Tests;

/// <summary>A count that a test can await: <see cref="ReachedAsync"/> completes once the count reaches a number.</summary>
internal sealed class CountSignal(TimeSpan timeout)
{
    private readonly Lock _lock = new();
    private readonly List<(long Count, TaskCompletionSource Reached)> _waiting = [];
    private long _count;

    /// <summary>The count so far.</summary>
    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    public void Add(long value)
    {
        lock (_lock)
        {
            _count += value;
            foreach (var (_, reached) in _waiting.Where(w => _count >= w.Count))
            {
                reached.TrySetResult();
            }

            _waiting.RemoveAll(w => w.Reached.Task.IsCompleted);
        }
    }

    /// <summary>Completes once the count is at least <paramref name="count"/>; fails after the timeout.</summary>
    public Task ReachedAsync(long count)
    {
        lock (_lock)
        {
            if (_count >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Add((count, reached));
            return reached.Task.WaitAsync(timeout);
        }
    }
}
