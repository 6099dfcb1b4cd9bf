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
    private readonly ConcurrentDictionary<string, byte> _finished = new(StringComparer.Ordinal);
    private readonly ReplyTally _unexpected = new();
    private readonly ReplyTally _afterFinish = new();
    private long _nextId;

    private ChannelSink(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>Replies for conversations this run never started: replies gone astray, a bug.</summary>
    public long Unexpected => _unexpected.Count;

    /// <summary>The kinds of those replies for a report line: "410 × message: …; 6 × typing".</summary>
    public string UnexpectedSummary(int kinds = 4) => _unexpected.Summary(kinds);

    /// <summary>
    /// Messages to conversations whose customer had finished: the order-status notices ("Good news: your order
    /// SB-######## has shipped") that the demo lifecycle sends to the conversation an order was placed in. The product
    /// working, not a stray reply, so counted apart.
    /// </summary>
    public long AfterFinish => _afterFinish.Count;

    public string AfterFinishSummary(int kinds = 4) => _afterFinish.Summary(kinds);

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

    /// <summary>The customer has finished: later messages to the conversation are counted as <see cref="AfterFinish"/>.</summary>
    public void Forget(string conversationId)
    {
        _finished.TryAdd(conversationId, 0);
        _conversations.TryRemove(conversationId, out _);
    }

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
            (_finished.ContainsKey(conversationId) ? _afterFinish : _unexpected).Add(type, text);
        }

        return Results.Json(new ResourceResponse($"r-{Interlocked.Increment(ref _nextId)}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record ResourceResponse(string Id);

    /// <summary>
    /// Replies counted by kind, most frequent first: the activity type and the start of its text with digits as '#'
    /// ("message: Good news: order SB-######## has shipped"), so a report says what they were.
    /// </summary>
    private sealed class ReplyTally
    {
        private readonly ConcurrentDictionary<string, long> _kinds = new(StringComparer.Ordinal);
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public void Add(string? type, string? text)
        {
            Interlocked.Increment(ref _count);
            var start = text is null ? "" : new string([.. text.Take(48).Select(c => char.IsAsciiDigit(c) ? '#' : c == '\n' ? ' ' : c)]);
            _kinds.AddOrUpdate($"{type ?? "?"}: {start}".TrimEnd(' ', ':'), 1, (_, n) => n + 1);
        }

        public string Summary(int kinds) =>
            string.Join("; ", _kinds.OrderByDescending(k => k.Value).Take(kinds).Select(k => $"{k.Value} × {k.Key}"));
    }
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
