using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace My8x8.SalesBot.Bot.Tests.Hosting;

/// <summary>
/// A stand-in for a channel's <c>serviceUrl</c>: a real HTTP listener on loopback that accepts the bot's replies
/// (POST /v3/conversations/{id}/activities[/{replyToId}]) the way the Bot Connector service does.
/// </summary>
public sealed class ChannelSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<JsonObject> _replies = Channel.CreateUnbounded<JsonObject>();
    private readonly ConcurrentQueue<JsonObject> _all = new();
    private readonly List<Fault> _faults = [];
    private int _nextId;

    private ChannelSink(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    public IReadOnlyCollection<JsonObject> All => _all;

    public static async Task<ChannelSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new ChannelSink(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{**rest}", async (HttpContext http) =>
        {
            var activity = (JsonObject)(await JsonNode.ParseAsync(http.Request.Body))!;
            switch (sink.FaultFor(activity))
            {
                case ChannelFault.ServiceUnavailable:
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                case ChannelFault.DropConnection:
                    http.Abort();
                    return Results.Empty;
            }

            sink._all.Enqueue(activity);
            await sink._replies.Writer.WriteAsync(activity);
            return Results.Json(new { id = $"reply-{Interlocked.Increment(ref sink._nextId)}" });
        });
        await app.StartAsync();
        sink.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/";
        return sink;
    }

    /// <summary>
    /// The next <paramref name="times"/> replies that match <paramref name="match"/> are not accepted: the sink answers
    /// 503, or drops the connection without answering, as channels sometimes do. Refused replies are not recorded.
    /// </summary>
    public void Refuse(Func<JsonObject, bool> match, ChannelFault fault, int times = 1)
    {
        lock (_faults)
        {
            _faults.Add(new Fault(match, fault, times));
        }
    }

    /// <summary>How many replies were refused so far.</summary>
    public int Refused { get; private set; }

    private ChannelFault? FaultFor(JsonObject activity)
    {
        lock (_faults)
        {
            var fault = _faults.Find(f => f.Remaining > 0 && f.Match(activity));
            if (fault is null)
            {
                return null;
            }

            fault.Remaining--;
            Refused++;
            return fault.Kind;
        }
    }

    /// <summary>The next activity the bot sent, failing after a generous timeout rather than hanging the run.</summary>
    public async Task<JsonObject> NextAsync(TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await _replies.Reader.ReadAsync(cancellation.Token);
    }

    /// <summary>The next message (skipping typing indicators).</summary>
    public async Task<JsonObject> NextMessageAsync()
    {
        while (true)
        {
            var activity = await NextAsync();
            if ((string?)activity["type"] == "message")
            {
                return activity;
            }
        }
    }

    /// <summary>Every activity received so far and not yet taken (a turn's replies have all arrived once its POST returned).</summary>
    public List<JsonObject> TakeAll()
    {
        var taken = new List<JsonObject>();
        while (_replies.Reader.TryRead(out var activity))
        {
            taken.Add(activity);
        }

        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class Fault(Func<JsonObject, bool> match, ChannelFault kind, int times)
    {
        public Func<JsonObject, bool> Match { get; } = match;

        public ChannelFault Kind { get; } = kind;

        public int Remaining { get; set; } = times;
    }
}

/// <summary>How a channel fails to accept a reply.</summary>
public enum ChannelFault
{
    ServiceUnavailable,
    DropConnection,
}
