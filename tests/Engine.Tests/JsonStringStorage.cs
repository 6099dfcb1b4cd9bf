using Microsoft.Bot.Builder;
using Newtonsoft.Json;

namespace My8x8.SalesBot.Dialogs.Tests.Engine;

/// <summary>
/// Test storage that keeps each item as a Newtonsoft JSON string, without type names — like a real
/// database-backed store — so everything read back is a JObject and the engine must convert it.
/// </summary>
internal sealed class JsonStringStorage : IStorage
{
    private readonly Dictionary<string, string> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IReadOnlyDictionary<string, string> Items
    {
        get
        {
            lock (_lock)
            {
                return new Dictionary<string, string>(_items);
            }
        }
    }

    public Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        var result = new Dictionary<string, object>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_items.TryGetValue(key, out var json) && JsonConvert.DeserializeObject(json) is { } item)
                {
                    result[key] = item;
                }
            }
        }

        return Task.FromResult<IDictionary<string, object>>(result);
    }

    public Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var (key, value) in changes)
            {
                _items[key] = JsonConvert.SerializeObject(value);
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var key in keys)
            {
                _items.Remove(key);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Rewrites stored JSON, to simulate what an older release saved.</summary>
    public void Edit(Func<string, string> edit)
    {
        lock (_lock)
        {
            foreach (var key in _items.Keys.ToList())
            {
                _items[key] = edit(_items[key]);
            }
        }
    }
}
