using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace My8x8.SalesBot.Load;

/// <summary>
/// The channel's serviceUrl: a loopback listener that accepts the bot's replies
/// (POST /v3/conversations/{id}/activities[/{replyToId}]) as the Bot Connector service does, and hands each one to
/// the simulated conversation it belongs to.
/// </summary>
internal sealed class ChannelSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConversationTracker> _conversations = new(StringComparer.Ordinal);
    private long _nextId;
    private long _unexpected;

    private ChannelSink(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Replies for conversations nobody is tracking (a proactive message, or a bug).</summary>
    public long Unexpected => Interlocked.Read(ref _unexpected);

    /// <summary>
    /// What those replies were, most frequent first: the activity type and the start of its text with digits as '#'
    /// ("message: Good news: order SB-######## has shipped"), so a report says whether they were proactive notices to
    /// customers who had finished (their conversation no longer tracked) or replies gone astray.
    /// </summary>
    public IReadOnlyList<(string Kind, long Count)> UnexpectedKinds =>
        [.. _unexpectedKinds.OrderByDescending(k => k.Value).Select(k => (k.Key, k.Value))];

    private readonly ConcurrentDictionary<string, long> _unexpectedKinds = new(StringComparer.Ordinal);

    private static string KindOf(string? type, string? text)
    {
        var start = text is null ? "" : new string([.. text.Take(48).Select(c => char.IsAsciiDigit(c) ? '#' : c == '\n' ? ' ' : c)]);
        return $"{type ?? "?"}: {start}".TrimEnd(' ', ':');
    }

    /// <summary>The kinds of unexpected replies for a report line: "410 × message: …; 6 × typing".</summary>
    public string UnexpectedSummary(int kinds = 4) =>
        string.Join("; ", UnexpectedKinds.Take(kinds).Select(k => $"{k.Count} × {k.Kind}"));

    public static async Task<ChannelSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new ChannelSink(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{**rest}", sink.ReceiveAsync);
        await app.StartAsync();
        sink.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return sink;
    }

    public ConversationTracker Track(string conversationId) => _conversations.GetOrAdd(conversationId, id => new ConversationTracker(id));

    public void Forget(string conversationId) => _conversations.TryRemove(conversationId, out _);

    private async Task<IResult> ReceiveAsync(string conversationId, HttpRequest request)
    {
        var received = Stopwatch.GetTimestamp();
        using var document = await JsonDocument.ParseAsync(request.Body);
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        var text = root.TryGetProperty("text", out var x) && x.ValueKind == JsonValueKind.String ? x.GetString() : null;
        if (_conversations.TryGetValue(conversationId, out var tracker))
        {
            tracker.Add(type, text, received);
        }
        else
        {
            Interlocked.Increment(ref _unexpected);
            _unexpectedKinds.AddOrUpdate(KindOf(type, text), 1, (_, n) => n + 1);
        }

        return Results.Json(new ResourceResponse($"r-{Interlocked.Increment(ref _nextId)}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record ResourceResponse(string Id);
}

/// <summary>The replies of one simulated conversation; a conversation has one turn in flight at a time.</summary>
internal sealed class ConversationTracker(string id)
{
    private readonly Lock _lock = new();
    private readonly List<string> _texts = [];
    private int _messages;
    private long _firstMessageAt;
    private long _lastMessageAt;

    public string Id { get; } = id;

    public void Add(string? type, string? text, long timestamp)
    {
        lock (_lock)
        {
            if (type != "message")
            {
                return; // typing indicators and events are not replies to measure
            }

            _messages++;
            _firstMessageAt = _firstMessageAt == 0 ? timestamp : _firstMessageAt;
            _lastMessageAt = timestamp;
            if (text is not null)
            {
                _texts.Add(text);
            }
        }
    }

    /// <summary>Takes what arrived since the last call: message count, their texts, when the first and last arrived.</summary>
    public (int Messages, string Text, long FirstMessageAt, long LastMessageAt) Take()
    {
        lock (_lock)
        {
            var result = (_messages, string.Join("\n", _texts), _firstMessageAt, _lastMessageAt);
            _messages = 0;
            _texts.Clear();
            _firstMessageAt = 0;
            _lastMessageAt = 0;
            return result;
        }
    }
}
