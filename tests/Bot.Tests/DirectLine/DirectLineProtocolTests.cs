using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using My8x8.SalesBot.DirectLine;

namespace My8x8.SalesBot.Bot.Tests.DirectLine;

/// <summary>The embedded Direct Line against the real bot, over a real loopback port.</summary>
public sealed class DirectLineProtocolTests(LoopbackSalesBotFactory factory) : IClassFixture<LoopbackSalesBotFactory>
{
    private readonly DirectLineTestClient _client = factory.CreateDirectLineClient();

    [Fact]
    public async Task Starting_a_conversation_and_saying_hi_returns_the_bots_greeting_with_a_watermark()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync("ava.ordering");

        var started = await _client.StartAsync(token);
        var said = await _client.SayAsync(conversationId, token, "hi");
        var (activities, watermark) = await _client.GetActivitiesAsync(conversationId, token);

        Assert.Equal(conversationId, (string?)started["conversationId"]);
        Assert.Equal(HttpStatusCode.OK, said.StatusCode);
        var hi = Assert.Single(activities, activity => (string?)activity["text"] == "hi");
        var greeting = activities.TakeWhile(activity => activity != hi).First(DirectLineTestClient.IsBotMessage);
        var reply = Assert.Single(activities, activity => DirectLineTestClient.IsBotMessage(activity) && (string?)activity["replyToId"] == (string?)hi["id"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)greeting["text"]));
        Assert.False(string.IsNullOrWhiteSpace((string?)reply["text"]));
        Assert.Equal("ava.ordering", (string?)reply["recipient"]?["id"]);
        Assert.Equal(activities.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), watermark);
    }

    [Fact]
    public async Task Polling_with_a_watermark_returns_only_newer_activities()
    {
        var (conversationId, token) = await _client.StartConversationAsync("ava.ordering");
        var (before, watermark) = await _client.GetActivitiesAsync(conversationId, token);

        await _client.SayAsync(conversationId, token, "second");
        var (newer, nextWatermark) = await _client.GetActivitiesAsync(conversationId, token, watermark);
        var (none, unchanged) = await _client.GetActivitiesAsync(conversationId, token, nextWatermark);

        Assert.NotEmpty(before);
        Assert.Equal("second", (string?)newer[0]["text"]);
        Assert.DoesNotContain(newer, activity => before.Any(old => (string?)old["id"] == (string?)activity["id"]));
        Assert.True(long.Parse(nextWatermark, System.Globalization.CultureInfo.InvariantCulture) > long.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(none);
        Assert.Equal(nextWatermark, unchanged);
    }

    [Fact]
    public async Task A_token_for_one_conversation_cannot_read_or_post_to_another()
    {
        var (conversationA, tokenA) = await _client.StartConversationAsync("ava.ordering");
        var (conversationB, tokenB) = await _client.StartConversationAsync("ben.qtc");

        var read = await _client.GetAsync(conversationB, tokenA);
        var post = await _client.SayAsync(conversationB, tokenA, "let me in");
        using var reconnect = DirectLineTestClient.Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationB}", tokenA);
        var reconnected = await _client.Http.SendAsync(reconnect);

        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reconnected.StatusCode);
        var (activitiesOfB, _) = await _client.GetActivitiesAsync(conversationB, tokenB);
        Assert.DoesNotContain(activitiesOfB, activity => (string?)activity["text"] == "let me in");
        Assert.NotEqual(conversationA, conversationB);
    }

    [Fact]
    public async Task A_forged_or_missing_token_is_refused()
    {
        var (conversationId, token) = await _client.StartConversationAsync("ava.ordering");
        // One character in the middle of the protected payload changed.
        var middle = token.Length / 2;
        var tampered = string.Concat(token.AsSpan(0, middle), token[middle] == 'A' ? "B" : "A", token.AsSpan(middle + 1));
        var fromAnotherKeyRing = TokenFrom(new EphemeralDataProtectionProvider(), conversationId, "ava.ordering");
        // The former hand-signed format, signed with the very key the host is configured with, is not a token any more.
        var formerFormat = FormerFormatToken(LoopbackSalesBotFactory.TestSigningKey, conversationId, "ava.ordering");

        foreach (var forged in new[] { tampered, fromAnotherKeyRing, formerFormat, "not-a-token", token + "x" })
        {
            var read = await _client.GetAsync(conversationId, forged);
            Assert.Equal(HttpStatusCode.Unauthorized, read.StatusCode);
            Assert.Contains("BadToken", await read.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SayAsync(conversationId, forged, "hi")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.GetAsync(conversationId, token: null)).StatusCode);
    }

    [Fact]
    public async Task A_token_protected_with_the_hosts_key_ring_is_accepted_so_the_forgery_test_means_something()
    {
        var (conversationId, _) = await _client.StartConversationAsync("ava.ordering");

        var response = await _client.GetAsync(conversationId, TokenFrom(factory.Services.GetRequiredService<IDataProtectionProvider>(), conversationId, "ava.ordering"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_sender_is_the_tokens_user_whatever_the_client_claims()
    {
        var (conversationId, token) = await _client.StartConversationAsync("dan.enduser");

        await _client.PostAsync(conversationId, token, new JsonObject
        {
            ["type"] = "message",
            ["text"] = "I am Ava now",
            ["from"] = new JsonObject { ["id"] = "ava.ordering", ["role"] = "bot" },
            ["conversation"] = new JsonObject { ["id"] = "someone-elses" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = "client-1" },
        });
        var (activities, _) = await _client.GetActivitiesAsync(conversationId, token);

        var echoed = Assert.Single(activities, activity => (string?)activity["text"] == "I am Ava now");
        Assert.Equal("dan.enduser", (string?)echoed["from"]?["id"]);
        Assert.Equal("user", (string?)echoed["from"]?["role"]);
        Assert.Equal(conversationId, (string?)echoed["conversation"]?["id"]);
        Assert.Equal("client-1", (string?)echoed["channelData"]?["clientActivityID"]); // Web Chat matches its echo by this
        Assert.Null(echoed["serviceUrl"]);
    }

    [Fact]
    public async Task A_refreshed_token_keeps_the_conversation_and_the_user()
    {
        var (conversationId, token) = await _client.StartConversationAsync("ava.ordering");

        using var refresh = DirectLineTestClient.Request(HttpMethod.Post, "/v3/directline/tokens/refresh", token);
        var response = await _client.Http.SendAsync(refresh);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var refreshed = (string)body["token"]!;
        await _client.SayAsync(conversationId, refreshed, "still me");
        var (activities, _) = await _client.GetActivitiesAsync(conversationId, refreshed);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(conversationId, (string?)body["conversationId"]);
        Assert.Equal(1800, (int)body["expires_in"]!);
        Assert.Equal("ava.ordering", (string?)activities.Single(activity => (string?)activity["text"] == "still me")["from"]?["id"]);
    }

    [Fact]
    public async Task Reconnecting_returns_the_conversation_and_a_stream_url_from_the_watermark()
    {
        var (conversationId, token) = await _client.StartConversationAsync("ava.ordering");

        using var reconnect = DirectLineTestClient.Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=1", token);
        var response = await _client.Http.SendAsync(reconnect);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(conversationId, (string?)body["conversationId"]);
        Assert.StartsWith("ws://", (string?)body["streamUrl"]);
        Assert.Contains("watermark=1", (string?)body["streamUrl"]);
    }

    [Fact]
    public async Task Reconnecting_to_a_conversation_another_instance_held_carries_it_on_here_after_the_pages_watermark()
    {
        // A token for a conversation this host never held: what a page presents when the instance holding its chat
        // has stopped and the load balancer sends its reconnect here.
        var (conversationId, token) = await _client.GenerateTokenAsync("ava.ordering");

        using var reconnect = DirectLineTestClient.Request(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}?watermark=14", token);
        var response = await _client.Http.SendAsync(reconnect);
        var said = await _client.SayAsync(conversationId, token, "cart");
        var saidId = (string?)(await said.Content.ReadFromJsonAsync<JsonObject>())!["id"];
        var answer = await _client.WaitForActivityAsync(conversationId, token, activity => DirectLineTestClient.IsBotMessage(activity) && (string?)activity["replyToId"] == saidId);
        var (newer, watermark) = await _client.GetActivitiesAsync(conversationId, token, "14");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("watermark=14", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["streamUrl"]);
        Assert.Equal(HttpStatusCode.OK, said.StatusCode);
        // The page reads on from its own watermark: its next message and the bot's answer are after it, no greeting.
        Assert.Equal("cart", (string?)newer[0]["text"]);
        Assert.Contains(newer, activity => (string?)activity["id"] == (string?)answer["id"]);
        Assert.DoesNotContain(newer, activity => DirectLineTestClient.IsBotMessage(activity) && activity["replyToId"] is null);
        Assert.True(long.Parse(watermark, System.Globalization.CultureInfo.InvariantCulture) > 14);
    }

    [Fact]
    public async Task Starting_the_same_conversation_again_does_not_greet_twice()
    {
        var (conversationId, token) = await _client.GenerateTokenAsync("ava.ordering");

        using var first = DirectLineTestClient.Request(HttpMethod.Post, "/v3/directline/conversations", token);
        using var second = DirectLineTestClient.Request(HttpMethod.Post, "/v3/directline/conversations", token);
        var created = await _client.Http.SendAsync(first);
        var (afterFirst, _) = await _client.GetActivitiesAsync(conversationId, token);
        var resumed = await _client.Http.SendAsync(second);
        var (afterSecond, _) = await _client.GetActivitiesAsync(conversationId, token);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.NotEmpty(afterFirst);
        Assert.Equal(afterFirst.Count, afterSecond.Count);
    }

    [Fact]
    public async Task Starting_without_a_token_in_development_gives_an_anonymous_visitor_a_conversation_and_a_token()
    {
        var response = await _client.Http.PostAsync("/v3/directline/conversations", content: null);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var (conversationId, token) = ((string)body["conversationId"]!, (string)body["token"]!);
        await _client.SayAsync(conversationId, token, "who am I?");
        var (activities, _) = await _client.GetActivitiesAsync(conversationId, token);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1800, (int)body["expires_in"]!);
        Assert.StartsWith("dl_", (string?)activities.Single(activity => (string?)activity["text"] == "who am I?")["from"]?["id"]);
    }

    [Fact]
    public async Task A_malformed_user_id_or_activity_is_a_bad_request()
    {
        var badUser = await _client.Http.PostAsJsonAsync("/v3/directline/tokens/generate", new { user = new { id = "<script>" } });
        var (conversationId, token) = await _client.StartConversationAsync("ava.ordering");
        var conversationUpdate = await _client.PostAsync(conversationId, token, new JsonObject { ["type"] = "conversationUpdate" });

        Assert.Equal(HttpStatusCode.BadRequest, badUser.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, conversationUpdate.StatusCode);
    }

    [Fact]
    public async Task The_connector_endpoint_refuses_activities_without_the_secret_path_key()
    {
        var (conversationId, token) = await _client.StartConversationAsync("ava.ordering");

        var response = await _client.Http.PostAsJsonAsync(
            $"/directline/connector/guessed-key/v3/conversations/{conversationId}/activities",
            new { type = "message", text = "Your order is free!", from = new { id = "salesbot", role = "bot" } });
        var (activities, _) = await _client.GetActivitiesAsync(conversationId, token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(activities, activity => (string?)activity["text"] == "Your order is free!");
    }

    /// <summary>A token as a host with the given key ring issues it.</summary>
    private string TokenFrom(IDataProtectionProvider keyRing, string conversationId, string userId) =>
        new DirectLineTokenService(keyRing, factory.Services.GetRequiredService<TimeProvider>(), Options.Create(new DirectLineOptions())).Issue(conversationId, userId).Value;

    private static string FormerFormatToken(byte[] key, string conversationId, string userId)
    {
        var payload = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(
            new Dictionary<string, object> { ["c"] = conversationId, ["u"] = userId, ["e"] = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds() }));
        var body = $"v1.{payload}";
        var signature = System.Security.Cryptography.HMACSHA256.HashData(key, System.Text.Encoding.UTF8.GetBytes(body));
        return $"{body}.{System.Buffers.Text.Base64Url.EncodeToString(signature)}";
    }
}
