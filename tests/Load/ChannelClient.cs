using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace My8x8.SalesBot.Load;

/// <summary>What one turn took and what came back.</summary>
internal readonly record struct TurnOutcome(long SentAt, long PostDoneAt, long FirstReplyAt, long LastReplyAt, int Replies, string Text, int Status, string Sent)
{
    /// <summary>POST sent → the turn's last reply received (the POST's completion when the turn sends no reply).</summary>
    public double LatencyMs => Stopwatch.GetElapsedTime(SentAt, Replies > 0 ? LastReplyAt : PostDoneAt).TotalMilliseconds;

    /// <summary>POST sent → POST completed (the adapter answers after the turn, so after all its replies).</summary>
    public double PostMs => Stopwatch.GetElapsedTime(SentAt, PostDoneAt).TotalMilliseconds;
}

/// <summary>Posts activities to the host's /api/messages the way a channel does (auth off: local development).</summary>
internal sealed class ChannelClient(HttpClient http, ChannelSink sink, string channelId)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    // One sequence for every client in the process: hosts on one PostgreSQL schema share the channel's de-duplication
    // records, and a second host's client counting from 1 again would post ids the first host had already seen.
    private static long _nextId;

    public ChannelSink Sink => sink;

    public async Task<TurnOutcome> SendAsync(ConversationTracker conversation, string userId, string text, string? baseline, CancellationToken cancellationToken)
    {
        conversation.Take();
        using var content = new ByteArrayContent(Activity(conversation.Id, userId, text, baseline));
        content.Headers.ContentType = Json;
        var sentAt = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("api/messages", content, cancellationToken);
        var doneAt = Stopwatch.GetTimestamp();
        var (replies, texts, first, last) = conversation.Take();
        return new TurnOutcome(sentAt, doneAt, first, last, replies, texts, (int)response.StatusCode, text);
    }

    private byte[] Activity(string conversationId, string userId, string text, string? baseline)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "message");
            json.WriteString("id", Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture));
            json.WriteString("timestamp", DateTimeOffset.UtcNow);
            json.WriteString("channelId", channelId);
            json.WriteString("serviceUrl", sink.ServiceUrl);
            json.WriteStartObject("from");
            json.WriteString("id", userId);
            json.WriteString("name", userId);
            json.WriteEndObject();
            json.WriteStartObject("recipient");
            json.WriteString("id", "salesbot");
            json.WriteString("name", "My 8x8 Sales");
            json.WriteEndObject();
            json.WriteStartObject("conversation");
            json.WriteString("id", conversationId);
            json.WriteEndObject();
            json.WriteString("text", text);
            json.WriteString("locale", "en-US");
            if (baseline is not null)
            {
                json.WriteStartObject("channelData");
                json.WriteString("salesbot.baseline", baseline);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
