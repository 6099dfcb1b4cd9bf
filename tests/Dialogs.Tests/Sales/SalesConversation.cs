using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Adapters;
using Microsoft.Bot.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using My8x8.SalesBot.Cards;
using My8x8.SalesBot.Dialogs.Engine;
using My8x8.SalesBot.Dialogs.Handoff;
using My8x8.SalesBot.Dialogs.Tests.Engine;
using My8x8.SalesBot.Dialogs.Sales;
using My8x8.SalesBot.Ordering;
using Newtonsoft.Json.Linq;

namespace My8x8.SalesBot.Dialogs.Tests.Sales;

/// <summary>
/// One customer talking to the real sales dialogs over the SDK's TestAdapter, with the real embedded ordering
/// service on a SQLite file and state stored as JSON (no type names), like the host. Time is a FakeTimeProvider.
/// </summary>
public sealed class SalesConversation : IDisposable
{
    // A Tuesday morning in Pacific time: sales is open.
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 24, 17, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly TestAdapter _adapter;
    private readonly ConversationState _conversationState;
    private readonly DialogRunner _runner;
    private readonly string _userId;
    private readonly bool _anonymous;
    private readonly string _stateKey;

    public SalesConversation(
        string userId,
        string channelId = "test",
        SalesWorld? world = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        string? conversationId = null,
        bool anonymous = false)
    {
        _anonymous = anonymous;
        World = world ?? new SalesWorld();
        _userId = userId;
        var values = new Dictionary<string, string?>
        {
            ["SalesBot:Ordering:DatabasePath"] = World.OrderingDatabase,
        };
        // The world's settings hold for every conversation in it; a conversation's own settings go over them.
        foreach (var (key, value) in World.Settings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(World.Clock)
            .AddSingleton<IStorage>(World.Storage);
        // The phone-number handoff, recorded: a test can tell an offer of an agent from a handoff that happened.
        services.AddSingleton<RecordingHandoffService>();
        services.AddSingleton<IHandoffService>(sp => sp.GetRequiredService<RecordingHandoffService>());
        configure?.Invoke(services);
        services.AddOrdering(configuration);
        services.AddSingleton<ConversationState>();
        services.AddSalesDialogs();
        _services = services.BuildServiceProvider();
        _conversationState = _services.GetRequiredService<ConversationState>();
        _runner = new DialogRunner(_services.GetRequiredService<SalesDialog>(), _conversationState.Property<DialogState>("dialogState"));

        var reference = TestAdapter.CreateConversation(conversationId ?? $"conversation-{userId}", userId);
        reference.ChannelId = channelId;
        _stateKey = $"{channelId}/conversations/{reference.Conversation.Id}";
        _adapter = new TestAdapter(reference);
    }

    public SalesWorld World { get; }

    public IOrderingService Ordering => _services.GetRequiredService<IOrderingService>();

    public FakeTimeProvider Clock => World.Clock;

    /// <summary>Every handoff the conversation started (an offer the customer has not accepted is not one).</summary>
    public IReadOnlyList<HandoffRequest> Handoffs => _services.GetRequiredService<RecordingHandoffService>().Requests;

    /// <summary>The locale the channel puts on the customer's activities (null: none, like the TestAdapter).</summary>
    public string? Locale { get; set; }

    /// <summary>Everything the bot sent in this conversation, oldest first.</summary>
    public List<Activity> Transcript { get; } = [];

    /// <summary>The customer types <paramref name="text"/>; returns the bot's replies in this turn.</summary>
    public Task<IReadOnlyList<Activity>> SayAsync(string text)
    {
        var activity = _adapter.MakeActivity(text);
        return TurnAsync(activity);
    }

    /// <summary>The customer types <paramref name="text"/> from a channel that sends no locale but an entity (Teams' clientInfo).</summary>
    public Task<IReadOnlyList<Activity>> SayWithEntityAsync(string text, Entity entity)
    {
        var activity = _adapter.MakeActivity(text);
        activity.Locale = null;
        activity.Entities = [entity];
        return TurnAsync(activity);
    }

    /// <summary>
    /// The customer types <paramref name="text"/> and the bot acts on it, but the turn is lost before its state is
    /// saved and its replies never reach the customer: the host stopped, or the channel refused the reply.
    /// </summary>
    public async Task SayButTheTurnIsLostAsync(string text)
    {
        await _adapter.ProcessActivityAsync(_adapter.MakeActivity(text), async (turnContext, cancellationToken) =>
        {
            CustomerIdentity.Set(turnContext, new CustomerIdentity(_userId, "test"));
            await _runner.RunAsync(turnContext, cancellationToken);
        }, CancellationToken.None);
        _adapter.ActiveQueue.Clear();
    }

    /// <summary>The customer clicks a card button whose data is <paramref name="value"/>.</summary>
    public Task<IReadOnlyList<Activity>> SubmitAsync(JObject value)
    {
        var activity = _adapter.MakeActivity();
        activity.Value = value;
        return TurnAsync(activity);
    }

    public Task<IReadOnlyList<Activity>> EventAsync(string name)
    {
        var activity = _adapter.MakeActivity();
        activity.Type = ActivityTypes.Event;
        activity.Name = name;
        return TurnAsync(activity);
    }

    /// <summary>The host sends an event with a value into the conversation (a proactive notice).</summary>
    public Task<IReadOnlyList<Activity>> EventWithValueAsync(string name, JObject value)
    {
        var activity = _adapter.MakeActivity();
        activity.Type = ActivityTypes.Event;
        activity.Name = name;
        activity.Value = value;
        return TurnAsync(activity);
    }

    /// <summary>Says each line in turn; returns the replies of the last one.</summary>
    public async Task<IReadOnlyList<Activity>> SayAllAsync(params string[] lines)
    {
        IReadOnlyList<Activity> replies = [];
        foreach (var line in lines)
        {
            replies = await SayAsync(line);
        }

        return replies;
    }

    /// <summary>The last card the bot sent (with its submit data), for clicking its buttons.</summary>
    public JObject LastCard() =>
        Transcript.Where(a => a.Attachments?.Count > 0).Select(a => (JObject)CardMessage.ContentOf(a.Attachments[0])!).LastOrDefault()
        ?? throw new InvalidOperationException("The bot has not sent a card.");

    /// <summary>The data of the last card's submit action with this verb, inputs filled in as the channel would.</summary>
    public JObject SubmitData(string action, IDictionary<string, string>? inputs = null, JObject? card = null)
    {
        var source = card ?? LastCard();
        var submit = source.Descendants().OfType<JObject>()
            .FirstOrDefault(o => (string?)o["type"] == "Action.Submit" && (string?)o["data"]?["salesbot"]?["action"] == action)
            ?? throw new InvalidOperationException($"The card has no '{action}' button.");
        var data = (JObject)submit["data"]!.DeepClone();
        foreach (var (name, value) in inputs ?? new Dictionary<string, string>())
        {
            data[name] = value;
        }

        return data;
    }

    public async Task<Order?> LastOrderAsync() => (await Ordering.GetOrdersAsync(_userId, CancellationToken.None)) is [var newest, ..] ? newest : null;

    public async Task<Cart> CartAsync() => await Ordering.GetOpenCartAsync(_userId, CancellationToken.None);

    /// <summary>The step the conversation is at, as its saved state says.</summary>
    public async Task<string?> StepAsync()
    {
        var saved = await World.Storage.ReadAsync([_stateKey], CancellationToken.None);
        return saved.TryGetValue(_stateKey, out var state) ? (string?)JObject.FromObject(state)["salesSession"]?["Step"] : null;
    }

    private async Task<IReadOnlyList<Activity>> TurnAsync(Activity activity)
    {
        if (Locale is not null)
        {
            activity.Locale = Locale;
        }

        await _adapter.ProcessActivityAsync(activity, async (turnContext, cancellationToken) =>
        {
            CustomerIdentity.Set(turnContext, _anonymous ? new CustomerIdentity(null, "none") : new CustomerIdentity(_userId, "test"));
            await _runner.RunAsync(turnContext, cancellationToken);
            await _conversationState.SaveChangesAsync(turnContext, false, cancellationToken);
        }, CancellationToken.None);

        var replies = new List<Activity>();
        while (_adapter.ActiveQueue.Count > 0)
        {
            replies.Add(_adapter.ActiveQueue.Dequeue());
        }

        Transcript.AddRange(replies);
        return replies;
    }

    public void Dispose() => _services.Dispose();
}

/// <summary>The default handoff (the sales phone line) that also remembers each request.</summary>
public sealed class RecordingHandoffService(SalesHours hours) : IHandoffService
{
    private readonly PhoneHandoffService _inner = new(hours);
    private readonly List<HandoffRequest> _requests = [];

    public IReadOnlyList<HandoffRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public Task RequestAsync(ITurnContext turnContext, HandoffRequest request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }

        return _inner.RequestAsync(turnContext, request, cancellationToken);
    }
}

/// <summary>What outlives one process: the ordering database, the state store and the clock.</summary>
public sealed class SalesWorld : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("salesbot-dialogs-").FullName;

    /// <param name="settings">Settings over the defaults (e.g. <c>SalesBot:Ordering:MaxLinesPerOrder</c>), for every conversation in this world.</param>
    public SalesWorld(IReadOnlyDictionary<string, string?>? settings = null)
    {
        OrderingDatabase = Path.Combine(_folder, "ordering.db");
        Settings = settings ?? new Dictionary<string, string?>();
    }

    public string OrderingDatabase { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IStorage Storage { get; } = new JsonStringStorage();

    public FakeTimeProvider Clock { get; } = new(SalesConversation.DefaultNow);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

internal static class ActivityText
{
    /// <summary>All the text a customer would read: the activity's text and the card's fallback text.</summary>
    public static string AllText(this IEnumerable<Activity> activities) => string.Join("\n", activities.Select(a =>
        string.Join("\n", new[] { a.Text, a.Attachments?.FirstOrDefault() is { } attachment && CardMessage.ContentOf(attachment) is JObject card ? (string?)card["fallbackText"] : null }.Where(t => t is not null))));
}

internal static class ActivitySuggestions
{
    /// <summary>The titles of every suggested action (quick reply) in these activities.</summary>
    public static IReadOnlyList<string> Suggestions(this IEnumerable<Activity> activities) =>
        [.. activities.SelectMany(a => a.SuggestedActions?.Actions ?? []).Select(action => action.Title ?? (string?)action.Value ?? "")];
}
