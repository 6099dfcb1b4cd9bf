using Microsoft.Bot.Builder;
using My8x8.SalesBot.Dialogs.Engine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Storage;

/// <summary>
/// Conversation state with the SDK's contract (properties, load, save only when changed, ETags, clear, delete) and
/// a leaner turn. The SDK's <see cref="BotState"/> converts the stored item to a JSON tree and then to a dictionary,
/// clones a property's tree again to read it, and serializes the whole state twice per turn only to see whether it
/// changed, plus once more to store it. Over an <see cref="IJsonStateStorage"/> this reads the stored JSON once,
/// turns a property into its type only when asked, and at the end of the turn serializes once: the text is compared
/// with what was read, and written only when it differs. Over any other store it is the SDK's state, unchanged.
/// </summary>
/// <remarks>
/// A conversation's state holds the waiting prompt's activity (an Adaptive Card of several KB), so the SDK's extra
/// passes over it were a large share of a turn's CPU and allocations.
/// </remarks>
public class JsonConversationState : ConversationState, IStatePropertyFactory
{
    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        NullValueHandling = NullValueHandling.Include,
        MaxDepth = 128,
    });

    private const string EmptyState = "{}";

    private static readonly JsonLoadSettings NoLineInfo = new() { LineInfoHandling = LineInfoHandling.Ignore };

    private static int _instances;

    private readonly IStorage _storage;
    private readonly IJsonStateStorage? _json;
    private readonly string _turnStateKey;

    public JsonConversationState(IStorage storage)
        : base(storage)
    {
        _storage = storage;
        _json = storage as IJsonStateStorage;
        // Short and unique per instance: the SDK's turn state compares keys culture-aware (ICU), at a cost that grows
        // with the key's length, and this one is looked up on every property access.
        _turnStateKey = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"state#{Interlocked.Increment(ref _instances)}");
    }

    /// <summary>
    /// This state's accessor of the property <paramref name="name"/>. Create properties through this (or
    /// <see cref="StateProperties.Property{T}"/>): the SDK's <c>CreateProperty</c> cannot be overridden, and over
    /// an <see cref="IJsonStateStorage"/> its accessors would not find this state's properties.
    /// </summary>
    public IStatePropertyAccessor<T> CreateStateProperty<T>(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
#pragma warning disable RS0030 // Over another storage this state is the SDK's own, and so are its accessors.
        return _json is null ? CreateProperty<T>(name) : new Property<T>(this, name);
#pragma warning restore RS0030
    }

    public override async Task LoadAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        if (_json is null)
        {
            await base.LoadAsync(turnContext, force, cancellationToken);
            return;
        }

        ArgumentNullException.ThrowIfNull(turnContext);
        if (!force && turnContext.TurnState.ContainsKey(_turnStateKey))
        {
            return;
        }

        var key = GetStorageKey(turnContext);
        var stored = await _json.ReadJsonAsync(key, cancellationToken);
        turnContext.TurnState[_turnStateKey] = new Snapshot(key, stored?.Json, stored?.ETag);
    }

    public override async Task SaveChangesAsync(ITurnContext turnContext, bool force = false, CancellationToken cancellationToken = default)
    {
        if (_json is null)
        {
            await base.SaveChangesAsync(turnContext, force, cancellationToken);
            return;
        }

        ArgumentNullException.ThrowIfNull(turnContext);
        if (turnContext.TurnState.Get<Snapshot>(_turnStateKey) is not { } snapshot)
        {
            return;
        }

        var json = snapshot.Serialize();
        if (!force && !snapshot.Cleared && Unchanged(json, snapshot.Json))
        {
            return;
        }

        // Like the SDK: the ETag read this turn guards the write; a forced write (or cleared state) overwrites.
        var etag = await _json.WriteJsonAsync(snapshot.Key, json, force || snapshot.ETag is null ? "*" : snapshot.ETag, cancellationToken);
        snapshot.Saved(json, etag);
    }

    private bool Unchanged(string json, string? stored) =>
        json == (stored ?? EmptyState)
        || (stored is not null && !_json!.KeepsJsonText && JToken.DeepEquals(Snapshot.ParseObject(json), Snapshot.ParseObject(stored)));

    public override Task ClearStateAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (_json is null)
        {
            return base.ClearStateAsync(turnContext, cancellationToken);
        }

        ArgumentNullException.ThrowIfNull(turnContext);
        // Empty, and different from anything stored, so the next save writes it (unconditionally, as the SDK does).
        turnContext.TurnState[_turnStateKey] = Snapshot.Empty(GetStorageKey(turnContext));
        return Task.CompletedTask;
    }

    public override async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        if (_json is null)
        {
            await base.DeleteAsync(turnContext, cancellationToken);
            return;
        }

        ArgumentNullException.ThrowIfNull(turnContext);
        turnContext.TurnState.Remove(_turnStateKey);
        await _storage.DeleteAsync([GetStorageKey(turnContext)], cancellationToken);
    }

    private Snapshot Loaded(ITurnContext turnContext) =>
        turnContext.TurnState.Get<Snapshot>(_turnStateKey)
        ?? throw new InvalidOperationException("The conversation state was not loaded in this turn.");

    /// <summary>The state of one turn: the JSON as read (or last saved) and the properties asked for so far.</summary>
    private sealed class Snapshot
    {
        private Dictionary<string, object?>? _values;

        public Snapshot(string key, string? json, string? etag)
        {
            Key = key;
            Json = json;
            ETag = etag;
        }

        public string Key { get; }

        public string? Json { get; private set; }

        public string? ETag { get; private set; }

        /// <summary>Cleared state: empty, written at the next save whatever is stored.</summary>
        public static Snapshot Empty(string key) => new(key, null, null) { _values = new Dictionary<string, object?>(StringComparer.Ordinal), Cleared = true };

        public bool Cleared { get; private set; }

        public bool TryGet(string name, out object? value) => Values.TryGetValue(name, out value);

        public void Set(string name, object? value) => Values[name] = value;

        public void Remove(string name) => Values.Remove(name);

        /// <summary>The state as stored; untouched state is not serialized again.</summary>
        public string Serialize()
        {
            if (_values is null && Json is not null)
            {
                return Json;
            }

            using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
            {
                writer.WriteStartObject();
                foreach (var (name, value) in Values)
                {
                    writer.WritePropertyName(name);
                    if (value is JToken token)
                    {
                        token.WriteTo(writer);
                    }
                    else
                    {
                        Serializer.Serialize(writer, value);
                    }
                }

                writer.WriteEndObject();
            }

            return text.ToString();
        }

        public void Saved(string json, string etag)
        {
            Json = json;
            ETag = etag;
            Cleared = false;
        }

        private Dictionary<string, object?> Values => _values ??= Parse(Json);

        public static JObject ParseObject(string json)
        {
            using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = 128 };
            return JObject.Load(reader, NoLineInfo);
        }

        /// <summary>Properties stay JSON until asked for; dates stay strings until a typed read converts them.</summary>
        private static Dictionary<string, object?> Parse(string? json)
        {
            var values = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (json is null)
            {
                return values;
            }

            foreach (var property in ParseObject(json).Properties())
            {
                values[property.Name] = property.Value;
            }

            return values;
        }
    }

    /// <summary>A property of the state, with the SDK accessor's behaviour (load on first use, default factory).</summary>
    private sealed class Property<T>(JsonConversationState state, string name) : IStatePropertyAccessor<T>
    {
        public string Name => name;

        public async Task<T> GetAsync(ITurnContext turnContext, Func<T>? defaultValueFactory = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(turnContext);
            await state.LoadAsync(turnContext, false, cancellationToken);
            var snapshot = state.Loaded(turnContext);
            if (snapshot.TryGet(name, out var value))
            {
                switch (value)
                {
                    case T typed:
                        return typed;
                    case null:
                        return default!;
                    case JToken { Type: JTokenType.Null }:
                        snapshot.Set(name, null);
                        return default!;
                    case JToken token:
                        // Kept as the typed object from now on, so changes the caller makes to it are saved.
                        var converted = token.ToObject<T>(Serializer)!;
                        snapshot.Set(name, converted);
                        return converted;
                    default:
                        throw new InvalidOperationException($"The state property '{name}' holds a {value.GetType().Name}, not a {typeof(T).Name}.");
                }
            }

            if (defaultValueFactory is null)
            {
                return default!;
            }

            var created = defaultValueFactory();
            snapshot.Set(name, created);
            return created;
        }

        public async Task SetAsync(ITurnContext turnContext, T value, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(turnContext);
            await state.LoadAsync(turnContext, false, cancellationToken);
            state.Loaded(turnContext).Set(name, value);
        }

        public async Task DeleteAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(turnContext);
            await state.LoadAsync(turnContext, false, cancellationToken);
            state.Loaded(turnContext).Remove(name);
        }
    }
}
