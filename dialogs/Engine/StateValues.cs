using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Engine;

/// <summary>
/// Reads typed values out of a <see cref="DialogInstance.State"/> bag. Storage serializes without type
/// names, so after a reload values come back as <see cref="JToken"/>s (or boxed primitives) and are
/// converted here. <see cref="GetOrCreate{T}"/> keeps the converted object in the bag, so changes made to it
/// during the turn are the ones saved.
/// </summary>
internal static class StateValues
{
    private static readonly JsonSerializer Compact = JsonSerializer.Create(new JsonSerializerSettings { NullValueHandling = NullValueHandling.Ignore });

    public static T GetOrCreate<T>(IDictionary<string, object?> bag, string key, Func<T> create)
        where T : class
    {
        if (bag.TryGetValue(key, out var raw) && raw is not null)
        {
            var value = Convert<T>(raw, key);
            if (value is not null)
            {
                if (!ReferenceEquals(value, raw))
                {
                    bag[key] = value;
                }

                return value;
            }
        }

        var created = create();
        bag[key] = created;
        return created;
    }

    /// <summary>Reads a value without keeping the converted object: for data the dialog never changes.</summary>
    public static T? Get<T>(IDictionary<string, object?> bag, string key)
        => bag.TryGetValue(key, out var raw) ? Convert<T>(raw, key) : default;

    /// <summary>
    /// Options as compact JSON (no nulls): the same shape in the turn that saved them as after a reload, so
    /// code that reads them cannot work only until the first restart.
    /// </summary>
    public static JToken? ToJson(object? value) => value is null ? null : JToken.FromObject(value, Compact);

    public static T Copy<T>(T value, string what)
        where T : class
        => Convert<T>(JToken.FromObject(value), what) ?? throw new DialogStackIncompatibleException($"'{what}' copied to null.");

    public static T? Convert<T>(object? raw, string what)
    {
        try
        {
            return raw switch
            {
                null => default,
                T typed => typed,
                JToken token => token.ToObject<T>(),
                _ => JToken.FromObject(raw).ToObject<T>(),
            };
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new DialogStackIncompatibleException(
                $"Saved dialog state '{what}' cannot be read as {typeof(T).Name}.", ex);
        }
    }
}
