using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using My8x8.SalesBot.Bot.Tests.Hosting;
using My8x8.SalesBot.Ordering;

namespace My8x8.SalesBot.Bot.Tests.Faults;

/// <summary>Channels retry an activity (Teams after 15 s, Direct Line, Azure Bot Service): the retry has no second effect.</summary>
public sealed class RetriedActivityTests : IClassFixture<SalesBotFactory>, IAsyncLifetime
{
    private readonly SalesBotFactory _factory;
    private ChannelSink _sink = null!;

    public RetriedActivityTests(SalesBotFactory factory) => _factory = factory;

    public async Task InitializeAsync() => _sink = await ChannelSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    [Fact]
    public async Task The_same_activity_posted_twice_adds_one_line_and_is_answered_once()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.PostActivityAsync(ActivityBuilder.Message(_sink.ServiceUrl, "retried-sequential", DemoUsers.Ava, "hi"))).StatusCode);
        _sink.TakeAll();
        var add = ActivityBuilder.Message(_sink.ServiceUrl, "retried-sequential", DemoUsers.Ava, "add 1 X2 line");

        var first = await client.PostActivityAsync(add);
        var firstReplies = _sink.TakeAll();
        var retry = await client.PostActivityAsync(add);
        var retryReplies = _sink.TakeAll();

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, retry.StatusCode));
        Assert.NotEmpty(firstReplies);
        Assert.Empty(retryReplies);
        Assert.Equal(1, await LinesAsync(client, DemoUsers.Ava));
    }

    [Fact]
    public async Task A_retry_arriving_while_the_first_attempt_still_runs_has_no_second_effect()
    {
        var client = _factory.CreateClient();
        await client.PostActivityAsync(ActivityBuilder.Message(_sink.ServiceUrl, "retried-concurrent", DemoUsers.Kim, "hi"));
        var add = ActivityBuilder.Message(_sink.ServiceUrl, "retried-concurrent", DemoUsers.Kim, "add 1 X2 line");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.PostActivityAsync(add)));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(1, await LinesAsync(client, DemoUsers.Kim));
    }

    [Fact]
    public async Task A_new_activity_with_the_same_words_is_not_a_retry()
    {
        var client = _factory.CreateClient();
        await client.PostActivityAsync(ActivityBuilder.Message(_sink.ServiceUrl, "same-words", DemoUsers.Ben, "hi"));
        await client.PostActivityAsync(ActivityBuilder.Message(_sink.ServiceUrl, "same-words", DemoUsers.Ben, "add 1 X2 line"));
        await client.PostActivityAsync(ActivityBuilder.Message(_sink.ServiceUrl, "same-words", DemoUsers.Ben, "add 1 X2 line"));

        Assert.Equal(2, await LinesAsync(client, DemoUsers.Ben));
    }

    internal static async Task<int> LinesAsync(HttpClient client, string userId) =>
        (int)(await client.GetFromJsonAsync<JsonObject>($"/ordering/v1/users/{userId}/cart"))!["lineCount"]!;
}
